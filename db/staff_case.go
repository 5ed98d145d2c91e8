package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/ccf-portal/ccfportal/db/cases"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
)

// OpenCase is how staff read a case: the request, with the read recorded in
// the audit log in the same transaction.
func (db *DB) OpenCase(ctx context.Context, staff domain.User, id int64) (domain.Request, error) {
	var out domain.Request
	err := cases.StaffTx(ctx, db.Conn, staff, id, domain.AuditCaseView, func(_ *sql.Tx, r domain.Request, _ time.Time) (string, error) {
		out = r
		return "", nil
	})
	return out, err
}

// StaffDocument returns a document of a filed request for download by
// staff, recording the download in the audit log before the file is read.
func (db *DB) StaffDocument(ctx context.Context, staff domain.User, requestID, docID int64) (domain.Document, error) {
	var doc domain.Document
	err := cases.StaffTx(ctx, db.Conn, staff, requestID, domain.AuditDownload, func(tx *sql.Tx, r domain.Request, _ time.Time) (string, error) {
		d, err := cases.ScanDocument(tx.QueryRowContext(ctx, `SELECT `+cases.DocumentColumns+` FROM documents WHERE id = ? AND request_id = ?`,
			docID, r.ID))
		doc = d
		return "doc=" + strconv.FormatInt(docID, 10), conn.Failed(fmt.Sprintf("load document %d of case %d", docID, r.ID), err)
	})
	return doc, err
}

// AssignCase gives a case to a staff member, or to nobody (assigneeID 0).
func (db *DB) AssignCase(ctx context.Context, staff domain.User, requestID, assigneeID int64) error {
	return cases.StaffTx(ctx, db.Conn, staff, requestID, domain.AuditAssign, func(tx *sql.Tx, r domain.Request, now time.Time) (string, error) {
		name := ""
		if assigneeID != 0 {
			err := tx.QueryRowContext(ctx, `SELECT name FROM users WHERE id = ? AND role = 'staff'`, assigneeID).Scan(&name)
			if errors.Is(err, sql.ErrNoRows) {
				return "", domain.Errorf(domain.EInvalid, "staff.assignee_unknown")
			}
			if err != nil {
				return "", conn.Failed(fmt.Sprintf("load staff member %d", assigneeID), err)
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE requests SET assignee_id = ? WHERE id = ?`, conn.NullID(assigneeID), r.ID); err != nil {
			return "", conn.Failed(fmt.Sprintf("assign request %d", r.ID), err)
		}
		data := map[string]string{"arg": name}
		kind := domain.EventAssigned
		if assigneeID == 0 {
			kind, data = domain.EventUnassigned, nil
		}
		return "assignee=" + strconv.FormatInt(assigneeID, 10), cases.AddEvent(ctx, tx, r.ID, kind, staff.ID, true, data, now)
	})
}

// OpenAuditTrail is OpenCase for the audit trail page: reading the trail
// is recorded too.
func (db *DB) OpenAuditTrail(ctx context.Context, staff domain.User, id int64) (domain.Request, error) {
	var out domain.Request
	err := cases.StaffTx(ctx, db.Conn, staff, id, domain.AuditTrailView, func(_ *sql.Tx, r domain.Request, _ time.Time) (string, error) {
		out = r
		return "", nil
	})
	return out, err
}
