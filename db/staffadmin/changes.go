package staffadmin

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/ccf-portal/ccfportal/db/audit"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/staffrole"
)

// change loads what the rules of staffrole need about target, inside the
// change's transaction so that two administrators acting at once cannot
// both pass the last-administrator rule.
func change(ctx context.Context, tx *sql.Tx, actor, target int64) (staffrole.Change, error) {
	c := staffrole.Change{Actor: actor, Target: target}
	err := tx.QueryRowContext(ctx, `SELECT staff_role, disabled_at IS NOT NULL,
		(SELECT COUNT(*) FROM users WHERE role = 'staff' AND staff_role = 'administrator' AND disabled_at IS NULL)
		FROM users WHERE id = ? AND role = 'staff'`, target).Scan(&c.TargetRole, &c.TargetDisabled, &c.Admins)
	if err != nil {
		return c, conn.RowFailed(fmt.Sprintf("load staff member %d for a change", target), err)
	}
	return c, nil
}

// act runs one audited change on target: rule checks it against the
// current state, then apply makes it, and the audit entry records who did
// what to whom, all in one transaction.
func (a Admin) act(ctx context.Context, actor, target int64, action domain.AuditAction, detail string,
	rule func(staffrole.Change) error, apply func(tx *sql.Tx) error) error {
	return a.Write(ctx, func(tx *sql.Tx) error {
		c, err := change(ctx, tx, actor, target)
		if err != nil {
			return err
		}
		if err := rule(c); err != nil {
			return err
		}
		if err := apply(tx); err != nil {
			return err
		}
		return audit.Append(ctx, tx, a.Clock.Now(), actor, action, 0, fmt.Sprintf("user=%d%s", target, detail))
	})
}

// SetRole gives target a new role, from its next request.
func (a Admin) SetRole(ctx context.Context, actor, target int64, role staffrole.Role) error {
	return a.act(ctx, actor, target, staffrole.AuditStaffRole, " role="+string(role),
		func(c staffrole.Change) error { return staffrole.CheckRole(c, role) },
		func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `UPDATE users SET staff_role = ? WHERE id = ?`, role, target)
			return conn.Failed(fmt.Sprintf("set role of staff member %d", target), err)
		})
}

// Disable stops target signing in and ends every one of its sessions in
// the same transaction, so a signed-in member is out at their next
// request.
func (a Admin) Disable(ctx context.Context, actor, target int64) error {
	return a.act(ctx, actor, target, staffrole.AuditStaffDisable, "", staffrole.CheckDisable, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE users SET disabled_at = ? WHERE id = ?`, a.Clock.Now().Unix(), target); err != nil {
			return conn.Failed(fmt.Sprintf("disable staff member %d", target), err)
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ?`, target)
		return conn.Failed(fmt.Sprintf("end sessions of disabled staff member %d", target), err)
	})
}

// Enable lets target sign in again.
func (a Admin) Enable(ctx context.Context, actor, target int64) error {
	return a.act(ctx, actor, target, staffrole.AuditStaffEnable, "", noRule, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE users SET disabled_at = NULL WHERE id = ?`, target)
		return conn.Failed(fmt.Sprintf("enable staff member %d", target), err)
	})
}

// ResetFactor removes target's second factor and recovery codes (a lost
// phone): the member enrols a new one at their next sign-in.
func (a Admin) ResetFactor(ctx context.Context, actor, target int64) error {
	return a.act(ctx, actor, target, staffrole.AuditStaffFactor, "", noRule, func(tx *sql.Tx) error {
		for _, q := range []string{`DELETE FROM totp_factors WHERE user_id = ?`, `DELETE FROM recovery_codes WHERE user_id = ?`} {
			if _, err := tx.ExecContext(ctx, q, target); err != nil {
				return conn.Failed(fmt.Sprintf("reset second factor of staff member %d", target), err)
			}
		}
		return nil
	})
}

func noRule(staffrole.Change) error { return nil }
