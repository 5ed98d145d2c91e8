package accounts

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
)

// SetStaffDisabled disables (or enables again) the staff account with the
// given email. Disabling ends every session of the account in the same
// transaction, so a signed-in person is out at their next request; a
// disabled account cannot sign in, with the same answer as a wrong
// password. An email that is no staff account's is not found.
func (db Accounts) SetStaffDisabled(ctx context.Context, email string, disabled bool) error {
	return db.Write(ctx, func(tx *sql.Tx) error {
		var at any
		if disabled {
			at = db.Clock.Now().Unix()
		}
		var id int64
		err := tx.QueryRowContext(ctx, `UPDATE users SET disabled_at = ? WHERE email = ? AND role = 'staff' RETURNING id`,
			at, domain.NormaliseEmail(email)).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return domain.Errorf(domain.ENotFound, "error.not_found")
		} else if err != nil {
			return conn.Failed("set staff account disabled", err)
		}
		if !disabled {
			return nil
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ?`, id)
		return conn.Failed(fmt.Sprintf("end sessions of disabled user %d", id), err)
	})
}

// UserDisabled reports whether the account has been disabled.
func (db Accounts) UserDisabled(ctx context.Context, id int64) (bool, error) {
	var disabled bool
	err := db.Reader().QueryRowContext(ctx, `SELECT disabled_at IS NOT NULL FROM users WHERE id = ?`, id).Scan(&disabled)
	if errors.Is(err, sql.ErrNoRows) {
		return true, nil // gone is as good as disabled
	}
	return disabled, conn.Failed(fmt.Sprintf("check whether user %d is disabled", id), err)
}
