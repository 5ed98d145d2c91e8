package accounts

import (
	"context"
	"database/sql"
	"time"

	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/staffrole"
	"github.com/ccf-portal/ccfportal/db/password"
)

// CreateStaffSetupToken records a new one-time setup token (stored hashed)
// and withdraws every earlier unused one, so only the latest printed link
// works.
func (db Accounts) CreateStaffSetupToken(ctx context.Context, token string) (time.Time, error) {
	now := db.Clock.Now()
	expires := now.Add(domain.StaffSetupValidity)
	err := db.Write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM staff_setup_tokens WHERE used_at IS NULL`); err != nil {
			return conn.Failed("withdraw unused setup tokens", err)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO staff_setup_tokens (token_hash, created_at, expires_at) VALUES (?, ?, ?)`,
			HashToken(token), now.Unix(), expires.Unix())
		if err != nil {
			return conn.Failed("create setup token", err)
		}
		return nil
	})
	return expires, err
}

// StaffSetupTokenUsable reports whether token is unused, unexpired, and no
// staff account exists yet.
func (db Accounts) StaffSetupTokenUsable(ctx context.Context, token string) (bool, error) {
	var n int
	err := db.Reader().QueryRowContext(ctx, `SELECT COUNT(*) FROM staff_setup_tokens
		WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?
		AND NOT EXISTS (SELECT 1 FROM users WHERE role = 'staff')`, HashToken(token), db.Clock.Now().Unix()).Scan(&n)
	if err != nil {
		return false, conn.Failed("check setup token", err)
	}
	return n == 1, nil
}

// CreateFirstStaff spends the setup token and creates the first staff
// account in one transaction: the token works once, and only while no staff
// account exists.
func (db Accounts) CreateFirstStaff(ctx context.Context, token string, u domain.NewUser, p password.Params) (domain.User, error) {
	u.Role, u.Organisation, u.StaffRole = domain.RoleStaff, "", string(staffrole.Administrator)
	return db.insertUser(ctx, u, p, "staffsetup.email_taken", func(tx *sql.Tx, now time.Time) error {
		return spendStaffSetupToken(ctx, tx, token, now)
	}, nil)
}

// spendStaffSetupToken marks token used, if it is unused, unexpired and no
// staff account exists yet; otherwise the link is as good as missing.
func spendStaffSetupToken(ctx context.Context, tx *sql.Tx, token string, now time.Time) error {
	res, err := tx.ExecContext(ctx, `UPDATE staff_setup_tokens SET used_at = ?
		WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?
		AND NOT EXISTS (SELECT 1 FROM users WHERE role = 'staff')`, now.Unix(), HashToken(token), now.Unix())
	if err != nil {
		return conn.Failed("spend setup token", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return domain.Errorf(domain.ENotFound, "staffsetup.invalid_link")
	}
	return nil
}
