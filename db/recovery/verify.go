package recovery

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/ccf-portal/ccfportal/db/accounts"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/outbox"
	"github.com/ccf-portal/ccfportal/db/password"
)

// The confirmation rules: a link lasts a day; an account may have
// VerifyLinksPerWindow links sent per ResetWindow.
const (
	VerifyValidity       = 24 * time.Hour
	VerifyLinksPerWindow = 3
)

// Register stores a new petitioner or counsel account and, in the same
// transaction, a link to confirm its address, queued for sending.
func (r Recovery) Register(ctx context.Context, u domain.NewUser, p password.Params, token string, compose Compose) (domain.User, error) {
	return r.accounts().CreateUserThen(ctx, u, p, func(tx *sql.Tx, user domain.User, now time.Time) error {
		if user.Verified {
			return nil
		}
		return queueVerification(ctx, tx, user, token, now, compose)
	})
}

func (r Recovery) accounts() accounts.Accounts { return accounts.Accounts{Conn: r.Conn} }

// queueVerification stores token's hash for u's current address and
// queues the message carrying it.
func queueVerification(ctx context.Context, tx *sql.Tx, u domain.User, token string, now time.Time, compose Compose) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO email_verifications (token_hash, user_id, email, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?)`, accounts.HashToken(token), u.ID, u.Email, now.Unix(), now.Add(VerifyValidity).Unix()); err != nil {
		return conn.Failed(fmt.Sprintf("store confirmation link of user %d", u.ID), err)
	}
	return outbox.Queue(ctx, tx, now, compose(u))
}

// ResendVerification sends a new confirmation link to the account's
// address, unless it is confirmed already (nothing to do) or the account
// had VerifyLinksPerWindow links in the last ResetWindow (too many).
func (r Recovery) ResendVerification(ctx context.Context, userID int64, token string, compose Compose) error {
	now := r.Clock.Now()
	return r.Write(ctx, func(tx *sql.Tx) error {
		u, err := accounts.UserIn(ctx, tx, userID)
		if err != nil {
			return conn.Failed(fmt.Sprintf("load user %d for confirmation", userID), err)
		}
		if u.Verified {
			return nil
		}
		sent, err := linksSent(ctx, tx, userID, "confirm", now)
		if err != nil {
			return err
		}
		if sent >= VerifyLinksPerWindow {
			return domain.Errorf(domain.ETooMany, "verify.resend.too_many")
		}
		return queueVerification(ctx, tx, u, token, now, compose)
	})
}

// VerifyEmail spends a confirmation link and marks the address it was sent
// to confirmed, if it is still the account's address. A link unknown, used,
// expired or for an address the account no longer uses is not found.
func (r Recovery) VerifyEmail(ctx context.Context, token string) error {
	now := r.Clock.Now().Unix()
	return r.Write(ctx, func(tx *sql.Tx) error {
		var uid int64
		err := tx.QueryRowContext(ctx, `UPDATE email_verifications SET used_at = ?
			WHERE token_hash = ? AND purpose = 'confirm' AND used_at IS NULL AND expires_at > ?
			AND email = (SELECT email FROM users WHERE users.id = email_verifications.user_id)
			RETURNING user_id`, now, accounts.HashToken(token), now).Scan(&uid)
		if errors.Is(err, sql.ErrNoRows) {
			return domain.Errorf(domain.ENotFound, "verify.link_invalid")
		}
		if err != nil {
			return conn.Failed("spend confirmation link", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET email_verified_at = ? WHERE id = ?`, now, uid); err != nil {
			return conn.Failed(fmt.Sprintf("confirm address of user %d", uid), err)
		}
		_, err = tx.ExecContext(ctx, `UPDATE email_verifications SET used_at = ? WHERE user_id = ? AND purpose = 'confirm' AND used_at IS NULL`, now, uid)
		return conn.Failed(fmt.Sprintf("void other confirmation links of user %d", uid), err)
	})
}

// MarkEmailVerifiedWithoutLink confirms an account's address without a
// link having been followed: for test fixtures and tools that create
// accounts whose address is known good. Nothing a person reaches calls it.
func (r Recovery) MarkEmailVerifiedWithoutLink(ctx context.Context, userID int64) error {
	return r.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE users SET email_verified_at = ? WHERE id = ? AND email_verified_at IS NULL`,
			r.Clock.Now().Unix(), userID)
		return conn.Failed(fmt.Sprintf("confirm address of user %d", userID), err)
	})
}

// linksSent counts the links of purpose ("confirm" or "change") sent to
// an account within the last ResetWindow, for the limits on both.
func linksSent(ctx context.Context, tx *sql.Tx, userID int64, purpose string, now time.Time) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM email_verifications WHERE user_id = ? AND purpose = ? AND created_at > ?`,
		userID, purpose, now.Add(-ResetWindow).Unix()).Scan(&n)
	return n, conn.Failed("count "+purpose+" links", err)
}
