package accounts

import (
	"context"
	"database/sql"
	"math"
	"strconv"

	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/throttle"
)

// secondFactorKey keys the failed codes on one account from every client:
// whoever passed the password step may change address, so the code step is
// throttled by account, on top of the sign-in throttle.
func (db Accounts) secondFactorKey(userID int64) string {
	return db.Keys.Tag("second-factor", strconv.FormatInt(userID, 10))
}

// ReserveSecondFactorAttempt checks the throttles before a code is checked
// and counts the attempt as a failure against both the account's own
// second-factor throttle and the sign-in throttle of this client on the
// account, so that wrong codes slow the password step too. A throttled
// attempt is refused (too many, with the minutes to wait) before any code
// is looked at; a code that then proves right takes the counts back.
func (db Accounts) ReserveSecondFactorAttempt(ctx context.Context, user domain.User, client string) error {
	wait, err := db.reserve(ctx, throttled{db.secondFactorKey(user.ID), throttle.LoginDelay},
		throttled{db.clientKey(user.Email, client), throttle.LoginDelay})
	if err != nil {
		return err
	}
	if wait > 0 {
		return domain.Errorf(domain.ETooMany, "login.throttled", int(math.Ceil(wait.Minutes())))
	}
	return nil
}

// ReleaseSecondFactorAttempt forgets the failures counted by
// ReserveSecondFactorAttempt once a code proved right.
func (db Accounts) ReleaseSecondFactorAttempt(ctx context.Context, user domain.User, client string) error {
	return db.Write(ctx, func(tx *sql.Tx) error {
		for _, key := range []string{db.secondFactorKey(user.ID), db.clientKey(user.Email, client)} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM login_throttle WHERE key_hash = ?`, key); err != nil {
				return conn.Failed("clear second-factor failures", err)
			}
		}
		return nil
	})
}
