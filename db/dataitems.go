package db

import (
	"context"
	"database/sql"
	"strings"
	"time"
)

// DataItem is one piece of INTERPOL data a deletion or correction request
// challenges: a notice, a diffusion or another record.
type DataItem struct {
	ID            int64
	RequestID     int64
	DataKind      string
	SourceCountry string
	Refs          string
	IssuedOn      string // approximate date, YYYY-MM-DD, if known
	WrongData     string // for a correction: what is wrong
	CorrectData   string // for a correction: what is right
}

// DataItemSection describes the fields of one data item, so the generic
// field checks and widgets serve it too. The correction fields are asked
// only on correction requests.
func DataItemSection(k Kind) Section {
	correction := func(Answers) bool { return k == KindCorrection }
	return Section{Key: "data-item", Fields: []FieldSpec{
		{Name: "data_kind", Kind: FieldChoice, Required: true, Options: DataKinds},
		{Name: "source_country", Kind: FieldMemberCountry, Required: true},
		{Name: "data_references", Kind: FieldLongText, MaxRunes: 1000},
		{Name: "issued_on", Kind: FieldDate, Date: PastDate},
		{Name: "wrong_data", Kind: FieldLongText, MaxRunes: 4000, RequiredIf: correction, ShownIf: correction},
		{Name: "correct_data", Kind: FieldLongText, MaxRunes: 4000, RequiredIf: correction, ShownIf: correction},
	}}
}

// Answers returns the item as field answers, for the shared form widgets.
func (d DataItem) Answers() Answers {
	return Answers{"data_kind": d.DataKind, "source_country": d.SourceCountry, "data_references": d.Refs,
		"issued_on": d.IssuedOn, "wrong_data": d.WrongData, "correct_data": d.CorrectData}
}

// MaxDataItems bounds how many items one request challenges.
const MaxDataItems = 20

// AddDataItem validates and appends a data item to a draft.
func (db *DB) AddDataItem(ctx context.Context, r Request, a Answers, now time.Time) error {
	if errs := DataItemSection(r.Kind).Validate(a, now); errs.Any() {
		return errs.Err()
	}
	return db.inDraftTx(ctx, r, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM data_items WHERE request_id = ?`, r.ID).Scan(&n); err != nil {
			return err
		}
		if n >= MaxDataItems {
			return Errorf(EInvalid, "items.too_many", MaxDataItems)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO data_items (request_id, data_kind, source_country, refs, issued_on,
			wrong_data, correct_data, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, r.ID, a["data_kind"], a["source_country"],
			strings.TrimSpace(a["data_references"]), a["issued_on"], strings.TrimSpace(a["wrong_data"]),
			strings.TrimSpace(a["correct_data"]), n+1)
		return err
	})
}

// RemoveDataItem deletes a data item from a draft.
func (db *DB) RemoveDataItem(ctx context.Context, r Request, itemID int64) error {
	return db.inDraftTx(ctx, r, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM data_items WHERE id = ? AND request_id = ?`, itemID, r.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return Errorf(ENotFound, "error.not_found")
		}
		return nil
	})
}

// DataItems lists a request's data items in the order they were added.
func (db *DB) DataItems(ctx context.Context, requestID int64) ([]DataItem, error) {
	return listDataItems(ctx, db.read, requestID)
}

func listDataItems(ctx context.Context, q queryer, requestID int64) ([]DataItem, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, request_id, data_kind, source_country, refs, issued_on, wrong_data,
		correct_data FROM data_items WHERE request_id = ? ORDER BY position, id`, requestID)
	if err != nil {
		return nil, Internal(err)
	}
	defer rows.Close()
	var out []DataItem
	for rows.Next() {
		var d DataItem
		if err := rows.Scan(&d.ID, &d.RequestID, &d.DataKind, &d.SourceCountry, &d.Refs, &d.IssuedOn, &d.WrongData,
			&d.CorrectData); err != nil {
			return nil, Internal(err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}
