package accounts

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"

	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/password"
)

// ChangePassword replaces a signed-in person's password after checking the
// current one, and ends every other session of the account in the same
// transaction: whoever else knew the old password, or holds a session made
// with it, is out. The current password is checked within the sign-in
// throttle, so a session left open cannot be used to guess it. The new
// password must pass password.CheckRules (the caller reports that as a
// field error first).
func (db Accounts) ChangePassword(ctx context.Context, userID int64, client, current, next, keepToken string, p password.Params) error {
	user, err := db.UserByID(ctx, userID)
	if err != nil {
		return err
	}
	if err := db.checkCurrentPassword(ctx, user, client, current); err != nil {
		return err
	}
	if err := password.CheckRules(next); err != nil {
		return err
	}
	hash, err := password.Hash(next, p)
	if err != nil {
		return conn.Failed(fmt.Sprintf("hash new password of user %d", userID), err)
	}
	return db.Write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = ? WHERE id = ?`, hash, userID); err != nil {
			return conn.Failed(fmt.Sprintf("save new password of user %d", userID), err)
		}
		return endOtherSessions(ctx, tx, userID, keepToken)
	})
}

// checkCurrentPassword verifies plain as the sign-in step does: counted
// before it is checked, forgiven when right.
func (db Accounts) checkCurrentPassword(ctx context.Context, user domain.User, client, plain string) error {
	wait, err := db.reserveLoginAttempt(ctx, user.Email, client)
	if err != nil {
		return err
	}
	if wait > 0 {
		return domain.Errorf(domain.ETooMany, "login.throttled", int(math.Ceil(wait.Minutes())))
	}
	ok, verr := verify(ctx, user.PasswordHash, plain)
	if errors.Is(verr, password.ErrBusy) {
		if err := db.releaseLoginAttempt(ctx, user.Email, client, false); err != nil {
			return err
		}
		return verr
	}
	if verr != nil || !ok {
		return domain.Errorf(domain.EUnauthorized, "security.password.current_wrong")
	}
	return db.releaseLoginAttempt(ctx, user.Email, client, true)
}

// ConfirmPassword checks a signed-in person's current password before an
// action that weakens their account (turning off the second factor), within
// the sign-in throttle. A wrong one is unauthorised.
func (db Accounts) ConfirmPassword(ctx context.Context, userID int64, client, plain string) error {
	user, err := db.UserByID(ctx, userID)
	if err != nil {
		return err
	}
	return db.checkCurrentPassword(ctx, user, client, plain)
}
