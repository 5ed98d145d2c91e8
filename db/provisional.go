package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"math"
	"strings"
	"time"
)

// Urgent events and measures of a provisional-measures request.
var (
	UrgentEvents = []string{"travel", "border_crossing", "extradition_hearing", "detention", "asylum_decision", "other"}
	Measures     = []string{"block", "remove_public", "priority"}
)

func detained(a Answers) bool { return a["urgent_detained"] == "yes" }

// ProvisionalSection is the one-page urgent form: what is about to happen,
// where and when, detention, the measures asked for, why, and a contact
// reachable day and night.
var ProvisionalSection = Section{Key: "urgent", Fields: []FieldSpec{
	{Name: "urgent_event", Kind: FieldChoice, Required: true, Options: UrgentEvents},
	{Name: "urgent_where", Kind: FieldText, Required: true, MaxRunes: 300},
	{Name: "urgent_date", Kind: FieldDate, Required: true, Date: FutureDate},
	{Name: "urgent_time", Kind: FieldTime, Required: true},
	{Name: "urgent_tz", Kind: FieldUTCOffset, Required: true},
	{Name: "urgent_detained", Kind: FieldChoice, Required: true, Options: []string{"no", "yes"}},
	{Name: "urgent_detained_where", Kind: FieldText, MaxRunes: 300, RequiredIf: detained},
	{Name: "urgent_measures", Kind: FieldChoices, Required: true, Options: Measures},
	{Name: "urgent_why", Kind: FieldLongText, Required: true, MaxRunes: 5000},
	{Name: "urgent_contact", Kind: FieldText, Required: true, MaxRunes: 300},
}}

// EventTime is the moment of the feared event, in UTC.
func EventTime(a Answers) (time.Time, bool) {
	loc, ok := ParseUTCOffset(a["urgent_tz"])
	if !ok {
		return time.Time{}, false
	}
	t, err := time.ParseInLocation("2006-01-02 15:04", a["urgent_date"]+" "+a["urgent_time"], loc)
	if err != nil {
		return time.Time{}, false
	}
	return t.UTC(), true
}

// ValidateProvisional checks the urgent form; the event must lie ahead.
func ValidateProvisional(a Answers, now time.Time) FieldErrors {
	errs := ProvisionalSection.Validate(a, now)
	if errs.Any() {
		return errs
	}
	if at, _ := EventTime(a); !at.After(now) {
		errs.Add("urgent_date", "urgent.event_past")
	}
	return errs
}

// HoursLeft is how many whole hours remain before an urgent event; zero or
// negative once it has passed. Staff see urgent requests ordered by it.
func HoursLeft(event, now time.Time) int {
	return int(math.Floor(event.Sub(now).Hours()))
}

// CanAskProvisional reports whether provisional measures may be asked on
// r: a pending access or deletion request, or a deletion draft (filed
// together with it).
func CanAskProvisional(r Request) error {
	switch {
	case r.Kind != KindAccess && !r.IsDeletion():
		return Errorf(EConflict, "urgent.wrong_kind")
	case r.IsDraft() && r.IsDeletion():
		return nil
	case !r.Status.IsOpen():
		return Errorf(EConflict, "urgent.case_closed")
	}
	return nil
}

// FileProvisional records a provisional-measures request on the filer's
// case r, with its evidence if any. On a pending case it is submitted at
// once with its own reference; on a deletion draft it waits as a draft and
// is submitted together with it.
func (db *DB) FileProvisional(ctx context.Context, r Request, filer User, a Answers, doc *NewDocument,
	blob *StagedBlob, blobs *BlobStore) (Request, error) {
	now := db.Clock.Now()
	var id int64
	err := db.withBlob(blob, blobs, func() error {
		if errs := ValidateProvisional(a, now); errs.Any() {
			return errs.Err()
		}
		at, _ := EventTime(a)
		return db.inTx(ctx, func(tx *sql.Tx) error {
			parent, err := requestFor(ctx, tx, r.ID, filer)
			if err != nil {
				return err
			}
			if err := CanAskProvisional(parent); err != nil {
				return err
			}
			id, err = insertChild(ctx, tx, parent, filer, KindProvisional, a, now, sql.NullInt64{Int64: at.Unix(), Valid: true})
			if err != nil {
				return err
			}
			if !parent.IsDraft() {
				if err := submitTx(ctx, tx, id, filer, now); err != nil {
					return err
				}
			}
			return attachFiled(ctx, tx, id, filer, doc, blob, now)
		})
	})
	if err != nil {
		return Request{}, err
	}
	return db.RequestForUser(ctx, id, filer)
}

// insertChild creates a request linked to parent, about the same applicant.
func insertChild(ctx context.Context, tx *sql.Tx, parent Request, filer User, k Kind, a Answers, now time.Time,
	eventAt sql.NullInt64) (int64, error) {
	for field, v := range a {
		a[field] = strings.TrimSpace(v)
	}
	a["full_name"] = parent.Answers["full_name"]
	body, _ := json.Marshal(a)
	res, err := tx.ExecContext(ctx, `INSERT INTO requests (kind, status, filer_id, applicant_id, parent_id, language,
		applicant_name, source_country, answers, created_at, updated_at, event_at) VALUES (?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		k, filer.ID, nullID(parent.ApplicantID), parent.ID, parent.Language, parent.ApplicantName, parent.SourceCountry,
		string(body), now.Unix(), now.Unix(), eventAt)
	if err != nil {
		return 0, Internal(err)
	}
	return res.LastInsertId()
}

// submitTx moves a draft to submitted with a new reference and the first
// timeline entry.
func submitTx(ctx context.Context, tx *sql.Tx, id int64, filer User, now time.Time) error {
	ref, err := nextReference(ctx, tx, now.Year())
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE requests SET status = 'submitted', reference = ?, submitted_at = ?,
		updated_at = ? WHERE id = ? AND status = 'draft'`, ref, now.Unix(), now.Unix(), id); err != nil {
		return Internal(err)
	}
	return addEvent(ctx, tx, id, EventSubmitted, filer.ID, false, map[string]string{"arg": ref}, now)
}

// attachFiled stores the document that came with a one-page filing.
func attachFiled(ctx context.Context, tx *sql.Tx, requestID int64, filer User, doc *NewDocument, blob *StagedBlob, now time.Time) error {
	if blob == nil || doc == nil {
		return nil
	}
	_, err := insertDocumentRow(ctx, tx, documentRecord(Request{ID: requestID}, filer, *doc, blob, now, false), *doc)
	return err
}

// withBlob publishes a staged file before fn commits the rows that name it,
// and removes it if fn fails: a file is durable before it is acknowledged,
// and never left without its row.
func (db *DB) withBlob(blob *StagedBlob, blobs *BlobStore, fn func() error) error {
	if blob != nil {
		if err := blobs.Publish(blob); err != nil {
			blobs.Discard(blob)
			return Internal(err)
		}
	}
	err := fn()
	if err != nil && blob != nil {
		blobs.Discard(blob)
	}
	return err
}

// submitUrgentChildren submits, with their parent, the provisional-measure
// requests that were prepared on its draft.
func submitUrgentChildren(ctx context.Context, tx *sql.Tx, parentID int64, filer User, now time.Time) error {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM requests WHERE parent_id = ? AND status = 'draft' AND kind = ?`,
		parentID, KindProvisional)
	if err != nil {
		return Internal(err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return Internal(err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	for _, id := range ids {
		if err := submitTx(ctx, tx, id, filer, now); err != nil {
			return err
		}
	}
	return nil
}
