package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/ccf-portal/ccfportal/db/audit"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
)

// staffTx runs fn in a write transaction on a filed (non-draft) request,
// read inside the transaction, and appends the audit entry for the action
// to the same transaction. fn may return the detail to record (ids and
// codes only); the entry is written only if fn succeeds.
func (db *DB) staffTx(ctx context.Context, staff domain.User, requestID int64, action domain.AuditAction,
	fn func(tx *sql.Tx, r domain.Request, now time.Time) (string, error)) error {
	if err := domain.RequireStaff(staff); err != nil {
		return err
	}
	now := db.Clock.Now()
	return db.Write(ctx, func(tx *sql.Tx) error {
		r, err := filedRequest(ctx, tx, requestID)
		if err != nil {
			return err
		}
		detail, err := fn(tx, r, now)
		if err != nil {
			return err
		}
		return audit.Append(ctx, tx, now, staff.ID, action, r.ID, detail)
	})
}

// filedRequest reads a request inside a transaction; drafts are invisible
// to staff and answer not-found.
func filedRequest(ctx context.Context, tx *sql.Tx, id int64) (domain.Request, error) {
	r, err := scanRequest(tx.QueryRowContext(ctx, `SELECT `+requestColumns+` FROM requests WHERE id = ? AND status != 'draft'`, id))
	return r, conn.Failed(fmt.Sprintf("load case %d", id), err)
}

// setStatus moves a request to status to, asking the status machine first:
// an illegal move is a conflict and nothing is written.
func setStatus(ctx context.Context, tx *sql.Tx, r domain.Request, to domain.Status, now time.Time) error {
	if err := domain.CheckTransition(r.Status, to); err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `UPDATE requests SET status = ?, updated_at = ? WHERE id = ? AND status = ?`,
		to, now.Unix(), r.ID, r.Status)
	if err != nil {
		return conn.Failed(fmt.Sprintf("move request %d to %s", r.ID, to), err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return domain.Errorf(domain.EConflict, "staff.changed_meanwhile")
	}
	return nil
}

// OpenCase is how staff read a case: the request, with the read recorded in
// the audit log in the same transaction.
func (db *DB) OpenCase(ctx context.Context, staff domain.User, id int64) (domain.Request, error) {
	var out domain.Request
	err := db.staffTx(ctx, staff, id, domain.AuditCaseView, func(_ *sql.Tx, r domain.Request, _ time.Time) (string, error) {
		out = r
		return "", nil
	})
	return out, err
}

// StaffDocument returns a document of a filed request for download by
// staff, recording the download in the audit log before the file is read.
func (db *DB) StaffDocument(ctx context.Context, staff domain.User, requestID, docID int64) (domain.Document, error) {
	var doc domain.Document
	err := db.staffTx(ctx, staff, requestID, domain.AuditDownload, func(tx *sql.Tx, r domain.Request, _ time.Time) (string, error) {
		d, err := scanDocument(tx.QueryRowContext(ctx, `SELECT `+documentColumns+` FROM documents WHERE id = ? AND request_id = ?`,
			docID, r.ID))
		doc = d
		return "doc=" + strconv.FormatInt(docID, 10), conn.Failed(fmt.Sprintf("load document %d of case %d", docID, r.ID), err)
	})
	return doc, err
}

// AssignCase gives a case to a staff member, or to nobody (assigneeID 0).
func (db *DB) AssignCase(ctx context.Context, staff domain.User, requestID, assigneeID int64) error {
	return db.staffTx(ctx, staff, requestID, domain.AuditAssign, func(tx *sql.Tx, r domain.Request, now time.Time) (string, error) {
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
		return "assignee=" + strconv.FormatInt(assigneeID, 10), addEvent(ctx, tx, r.ID, kind, staff.ID, true, data, now)
	})
}

// OpenAuditTrail is OpenCase for the audit trail page: reading the trail
// is recorded too.
func (db *DB) OpenAuditTrail(ctx context.Context, staff domain.User, id int64) (domain.Request, error) {
	var out domain.Request
	err := db.staffTx(ctx, staff, id, domain.AuditTrailView, func(_ *sql.Tx, r domain.Request, _ time.Time) (string, error) {
		out = r
		return "", nil
	})
	return out, err
}
