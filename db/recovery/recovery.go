// Package recovery is the store's room for the single-use links the portal
// sends by e-mail: password reset, which gives a person their account
// back, and the confirmation of an account's address, which submitting a
// request needs. Only hashes of the links' tokens are stored.
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

// Recovery reads and writes reset links.
type Recovery struct{ *conn.Conn }

// The reset rules: a link lasts an hour; an address may ask for
// ResetsPerWindow links per ResetWindow, beyond which further requests are
// answered alike but send nothing.
const (
	ResetValidity   = time.Hour
	ResetsPerWindow = 3
	ResetWindow     = time.Hour
)

// Compose writes the message for a user, in their language; it runs
// inside the transaction and must not touch the store.
type Compose func(u domain.User) outbox.Message

// RequestPasswordReset records a reset request for email and, when an
// active account uses it and the address has not reached its limit, stores
// token's hash and queues compose's message in the same transaction. The
// caller answers the same whatever happened, so the outcome is not
// returned: only a failure of the store is.
func (r Recovery) RequestPasswordReset(ctx context.Context, email, token string, compose Compose) error {
	email = domain.NormaliseEmail(email)
	key := accounts.HashToken("reset:" + email)
	now := r.Clock.Now()
	return r.Write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM reset_requests WHERE at <= ?`, now.Add(-ResetWindow).Unix()); err != nil {
			return conn.Failed("forget old reset requests", err)
		}
		var asked int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM reset_requests WHERE key_hash = ?`, key).Scan(&asked); err != nil {
			return conn.Failed("count reset requests", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO reset_requests (key_hash, at) VALUES (?, ?)`, key, now.Unix()); err != nil {
			return conn.Failed("record reset request", err)
		}
		u, err := accounts.ScanUser(tx.QueryRowContext(ctx, `SELECT `+accounts.UserColumns+` FROM users
			WHERE email = ? AND disabled_at IS NULL`, email))
		if domain.ErrorCode(err) == domain.ENotFound || asked >= ResetsPerWindow || domain.IsSeedEmail(email) {
			return nil
		}
		if err != nil {
			return conn.Failed("load user for reset", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO password_resets (token_hash, user_id, created_at, expires_at)
			VALUES (?, ?, ?, ?)`, accounts.HashToken(token), u.ID, now.Unix(), now.Add(ResetValidity).Unix()); err != nil {
			return conn.Failed(fmt.Sprintf("store reset link of user %d", u.ID), err)
		}
		return outbox.Queue(ctx, tx, now, compose(u))
	})
}

// errLinkInvalid answers a reset link that is unknown, used or expired,
// all alike.
var errLinkInvalid = domain.Errorf(domain.ENotFound, "recovery.reset.link_invalid")

// CheckResetLink reports whether token is a reset link that can still be
// used (not found otherwise).
func (r Recovery) CheckResetLink(ctx context.Context, token string) error {
	var uid int64
	err := r.Reader().QueryRowContext(ctx, `SELECT user_id FROM password_resets
		WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?`, accounts.HashToken(token), r.Clock.Now().Unix()).Scan(&uid)
	if errors.Is(err, sql.ErrNoRows) {
		return errLinkInvalid
	}
	return conn.Failed("check reset link", err)
}

// ResetPassword spends the link token and sets next as the account's
// password, in one transaction that also ends every session of the
// account and voids its other reset links: whoever held the old password
// or a session made with it is out, and the person signs in again (with
// their second factor, if they have one). next must pass
// password.CheckRules.
func (r Recovery) ResetPassword(ctx context.Context, token, next string, p password.Params) error {
	if err := password.CheckRules(next); err != nil {
		return err
	}
	if err := r.CheckResetLink(ctx, token); err != nil {
		return err // no hashing for a dead link
	}
	hash, err := password.Hash(next, p)
	if err != nil {
		return conn.Failed("hash reset password", err)
	}
	now := r.Clock.Now().Unix()
	return r.Write(ctx, func(tx *sql.Tx) error {
		var uid int64
		err := tx.QueryRowContext(ctx, `UPDATE password_resets SET used_at = ?
			WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING user_id`,
			now, accounts.HashToken(token), now).Scan(&uid)
		if errors.Is(err, sql.ErrNoRows) {
			return errLinkInvalid // spent or expired meanwhile
		}
		if err != nil {
			return conn.Failed("spend reset link", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = ? WHERE id = ?`, hash, uid); err != nil {
			return conn.Failed(fmt.Sprintf("save reset password of user %d", uid), err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE password_resets SET used_at = ? WHERE user_id = ? AND used_at IS NULL`, now, uid); err != nil {
			return conn.Failed(fmt.Sprintf("void other reset links of user %d", uid), err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ?`, uid); err != nil {
			return conn.Failed(fmt.Sprintf("end sessions of user %d", uid), err)
		}
		return nil
	})
}
