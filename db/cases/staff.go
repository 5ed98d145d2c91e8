package cases

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/ccf-portal/ccfportal/db/audit"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
)

// StaffTx runs fn in a write transaction on a filed (non-draft) request,
// read inside the transaction, and appends the audit entry for the action
// to the same transaction. fn may return the detail to record (ids and
// codes only); the entry is written only if fn succeeds.
func StaffTx(ctx context.Context, c *conn.Conn, staff domain.User, requestID int64, action domain.AuditAction,
	fn func(tx *sql.Tx, r domain.Request, now time.Time) (string, error)) error {
	if err := domain.RequireStaff(staff); err != nil {
		return err
	}
	now := c.Clock.Now()
	return c.Write(ctx, func(tx *sql.Tx) error {
		r, err := Filed(ctx, tx, requestID)
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

// Filed reads a request inside a transaction; drafts are invisible
// to staff and answer not-found.
func Filed(ctx context.Context, tx *sql.Tx, id int64) (domain.Request, error) {
	r, err := ScanRequest(tx.QueryRowContext(ctx, `SELECT `+RequestColumns+` FROM requests WHERE id = ? AND status != 'draft'`, id))
	return r, conn.Failed(fmt.Sprintf("load case %d", id), err)
}

// SetStatus moves a request to status to, asking the status machine first:
// an illegal move is a conflict and nothing is written.
func SetStatus(ctx context.Context, tx *sql.Tx, r domain.Request, to domain.Status, now time.Time) error {
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
