package db

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
)

// AddDataItem validates and appends a data item to a draft.
func (db *DB) AddDataItem(ctx context.Context, r domain.Request, a domain.Answers, now time.Time) error {
	if errs := domain.DataItemSection(r.Kind).Validate(a, now); errs.Any() {
		return errs.Err()
	}
	return db.inDraftTx(ctx, r, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM data_items WHERE request_id = ?`, r.ID).Scan(&n); err != nil {
			return conn.Failed(fmt.Sprintf("count data items of request %d", r.ID), err)
		}
		if n >= domain.MaxDataItems {
			return domain.Errorf(domain.EInvalid, "items.too_many", domain.MaxDataItems)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO data_items (request_id, data_kind, source_country, refs, issued_on,
			wrong_data, correct_data, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, r.ID, a["data_kind"], a["source_country"],
			strings.TrimSpace(a["data_references"]), a["issued_on"], strings.TrimSpace(a["wrong_data"]),
			strings.TrimSpace(a["correct_data"]), n+1)
		return conn.Failed(fmt.Sprintf("add data item to request %d", r.ID), err)
	})
}

// RemoveDataItem deletes a data item from a draft.
func (db *DB) RemoveDataItem(ctx context.Context, r domain.Request, itemID int64) error {
	return db.inDraftTx(ctx, r, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM data_items WHERE id = ? AND request_id = ?`, itemID, r.ID)
		if err != nil {
			return conn.Failed(fmt.Sprintf("remove data item %d of request %d", itemID, r.ID), err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return domain.Errorf(domain.ENotFound, "error.not_found")
		}
		return nil
	})
}

// DataItems lists a request's data items in the order they were added.
func (db *DB) DataItems(ctx context.Context, requestID int64) ([]domain.DataItem, error) {
	return listDataItems(ctx, db.Reader(), requestID)
}

func listDataItems(ctx context.Context, q conn.Queryer, requestID int64) ([]domain.DataItem, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, request_id, data_kind, source_country, refs, issued_on, wrong_data,
		correct_data FROM data_items WHERE request_id = ? ORDER BY position, id`, requestID)
	return conn.Rows(fmt.Sprintf("list data items of request %d", requestID), rows, err, func(row conn.Scanner) (domain.DataItem, error) {
		var d domain.DataItem
		err := row.Scan(&d.ID, &d.RequestID, &d.DataKind, &d.SourceCountry, &d.Refs, &d.IssuedOn, &d.WrongData, &d.CorrectData)
		return d, err
	})
}
