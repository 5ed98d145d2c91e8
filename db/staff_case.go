package db

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"time"
)

// requireStaff refuses anyone but staff. The web layer already guards every
// staff route; this keeps the store safe whoever calls it.
func requireStaff(u User) error {
	if u.Role != RoleStaff || u.ID == 0 {
		return Errorf(EForbidden, "error.forbidden_role")
	}
	return nil
}

// staffTx runs fn in a write transaction on a filed (non-draft) request,
// read inside the transaction, and appends the audit entry for the action
// to the same transaction. fn may return the detail to record (ids and
// codes only); the entry is written only if fn succeeds.
func (db *DB) staffTx(ctx context.Context, staff User, requestID int64, action AuditAction,
	fn func(tx *sql.Tx, r Request, now time.Time) (string, error)) error {
	if err := requireStaff(staff); err != nil {
		return err
	}
	now := db.Clock.Now()
	return db.inTx(ctx, func(tx *sql.Tx) error {
		r, err := filedRequest(ctx, tx, requestID)
		if err != nil {
			return err
		}
		detail, err := fn(tx, r, now)
		if err != nil {
			return err
		}
		return appendAudit(ctx, tx, now, staff.ID, action, r.ID, detail)
	})
}

func fmtID(n int64) string { return strconv.FormatInt(n, 10) }

// filedRequest reads a request inside a transaction; drafts are invisible
// to staff and answer not-found.
func filedRequest(ctx context.Context, tx *sql.Tx, id int64) (Request, error) {
	return scanRequest(tx.QueryRowContext(ctx, `SELECT `+requestColumns+` FROM requests WHERE id = ? AND status != 'draft'`, id))
}

// setStatus moves a request to status to, asking the status machine first:
// an illegal move is a conflict and nothing is written.
func setStatus(ctx context.Context, tx *sql.Tx, r Request, to Status, now time.Time) error {
	if err := CheckTransition(r.Status, to); err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `UPDATE requests SET status = ?, updated_at = ? WHERE id = ? AND status = ?`,
		to, now.Unix(), r.ID, r.Status)
	if err != nil {
		return Internal(err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return Errorf(EConflict, "staff.changed_meanwhile")
	}
	return nil
}

// OpenCase is how staff read a case: the request, with the read recorded in
// the audit log in the same transaction.
func (db *DB) OpenCase(ctx context.Context, staff User, id int64) (Request, error) {
	var out Request
	err := db.staffTx(ctx, staff, id, AuditCaseView, func(_ *sql.Tx, r Request, _ time.Time) (string, error) {
		out = r
		return "", nil
	})
	return out, err
}

// StaffDocument returns a document of a filed request for download by
// staff, recording the download in the audit log before the file is read.
func (db *DB) StaffDocument(ctx context.Context, staff User, requestID, docID int64) (Document, error) {
	var doc Document
	err := db.staffTx(ctx, staff, requestID, AuditDownload, func(tx *sql.Tx, r Request, _ time.Time) (string, error) {
		d, err := scanDocument(tx.QueryRowContext(ctx, `SELECT `+documentColumns+` FROM documents WHERE id = ? AND request_id = ?`,
			docID, r.ID))
		doc = d
		return "doc=" + strconv.FormatInt(docID, 10), err
	})
	return doc, err
}

// CaseInfo is what the staff case page shows besides the request itself.
type CaseInfo struct {
	Filer      User
	AssigneeID int64
	Assignee   string
	EventAt    time.Time // the imminent event of an urgent request
	Linked     []Request
	Seeded     bool // demo data made by `ccfportal seed`
}

// CaseInfoFor gathers the filer, the assignee and the linked cases of r.
func (db *DB) CaseInfoFor(ctx context.Context, r Request) (CaseInfo, error) {
	var info CaseInfo
	var eventAt int64
	err := db.read.QueryRowContext(ctx, `SELECT COALESCE(r.assignee_id, 0), COALESCE(a.name, ''), COALESCE(r.event_at, 0)
		FROM requests r LEFT JOIN users a ON a.id = r.assignee_id WHERE r.id = ?`, r.ID).Scan(&info.AssigneeID, &info.Assignee, &eventAt)
	if err != nil {
		return info, Internal(err)
	}
	info.EventAt = unixTime(eventAt)
	if info.Filer, err = db.UserByID(ctx, r.FilerID); err != nil {
		return info, err
	}
	info.Seeded = IsSeedEmail(info.Filer.Email)
	info.Linked, err = db.linkedCases(ctx, r)
	return info, err
}

// linkedCases are the filed requests tied to r: its parent, the requests
// that follow it up (revisions, urgent requests, re-filings), and the other
// requests about the same applicant (an access request and a deletion
// request filed separately).
func (db *DB) linkedCases(ctx context.Context, r Request) ([]Request, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+requestColumns+` FROM requests WHERE status != 'draft' AND id != ?
		AND (id = ? OR parent_id = ? OR (applicant_id IS NOT NULL AND applicant_id = ?)) ORDER BY submitted_at, id LIMIT 100`,
		r.ID, r.ParentID, r.ID, r.ApplicantID)
	if err != nil {
		return nil, Internal(err)
	}
	defer rows.Close()
	var out []Request
	for rows.Next() {
		lr, err := scanRequest(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, lr)
	}
	return out, wrapInternal(rows.Err())
}

// StaffMembers lists the staff accounts, by name, for assignment.
func (db *DB) StaffMembers(ctx context.Context) ([]User, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+userColumns+` FROM users WHERE role = 'staff' ORDER BY name, id`)
	if err != nil {
		return nil, Internal(err)
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		u.PasswordHash = ""
		out = append(out, u)
	}
	return out, wrapInternal(rows.Err())
}

// AssignCase gives a case to a staff member, or to nobody (assigneeID 0).
func (db *DB) AssignCase(ctx context.Context, staff User, requestID, assigneeID int64) error {
	return db.staffTx(ctx, staff, requestID, AuditAssign, func(tx *sql.Tx, r Request, now time.Time) (string, error) {
		name := ""
		if assigneeID != 0 {
			err := tx.QueryRowContext(ctx, `SELECT name FROM users WHERE id = ? AND role = 'staff'`, assigneeID).Scan(&name)
			if errors.Is(err, sql.ErrNoRows) {
				return "", Errorf(EInvalid, "staff.assignee_unknown")
			}
			if err != nil {
				return "", Internal(err)
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE requests SET assignee_id = ? WHERE id = ?`, nullID(assigneeID), r.ID); err != nil {
			return "", Internal(err)
		}
		data := map[string]string{"arg": name}
		kind := EventAssigned
		if assigneeID == 0 {
			kind, data = EventUnassigned, nil
		}
		return "assignee=" + strconv.FormatInt(assigneeID, 10), addEvent(ctx, tx, r.ID, kind, staff.ID, true, data, now)
	})
}

// OpenAuditTrail is OpenCase for the audit trail page: reading the trail
// is recorded too.
func (db *DB) OpenAuditTrail(ctx context.Context, staff User, id int64) (Request, error) {
	var out Request
	err := db.staffTx(ctx, staff, id, AuditTrailView, func(_ *sql.Tx, r Request, _ time.Time) (string, error) {
		out = r
		return "", nil
	})
	return out, err
}
