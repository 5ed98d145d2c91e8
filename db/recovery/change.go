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
)

// The rules of changing an address: a link to the new address lasts
// VerifyValidity; an account may ask ChangesPerWindow times per
// ResetWindow.
const ChangesPerWindow = 3

// ChangeMail composes the messages of asking for an address change, each in the
// account's language; they run inside the transaction and must not touch
// the store. None names the new address or anything of a case.
type ChangeMail struct {
	// Link carries the confirmation link; the store sends it to the new
	// address, whatever To says.
	Link Compose
	// Asked tells the current address that a change was asked, so that
	// someone who took over the account is noticed.
	Asked Compose
}

// errChangeLinkInvalid answers a change link that is unknown, used,
// expired or for an address another account took meanwhile, all alike.
var errChangeLinkInvalid = domain.Errorf(domain.ENotFound, "address.link_invalid")

// RequestEmailChange checks the account's current password (within the
// sign-in throttle) and asks for its address to become email: a link
// valid for VerifyValidity goes to email and a notice to the current
// address. When another account uses email, everything happens alike but
// the link is not sent, so the answer says nothing of other accounts.
func (r Recovery) RequestEmailChange(ctx context.Context, userID int64, client, current, email, token string, m ChangeMail) error {
	if err := r.accounts().ConfirmPassword(ctx, userID, client, current); err != nil {
		return err
	}
	email = domain.NormaliseEmail(email)
	now := r.Clock.Now()
	return r.Write(ctx, func(tx *sql.Tx) error {
		u, err := accounts.UserIn(ctx, tx, userID)
		if err != nil {
			return conn.Failed(fmt.Sprintf("load user %d to change address", userID), err)
		}
		asked, err := linksSent(ctx, tx, userID, "change", now)
		if err != nil {
			return err
		}
		if asked >= ChangesPerWindow {
			return domain.Errorf(domain.ETooMany, "address.too_many")
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO email_verifications (token_hash, user_id, email, created_at, expires_at, purpose)
			VALUES (?, ?, ?, ?, ?, 'change')`, accounts.HashToken(token), u.ID, email, now.Unix(), now.Add(VerifyValidity).Unix()); err != nil {
			return conn.Failed(fmt.Sprintf("store address change link of user %d", u.ID), err)
		}
		if err := outbox.Queue(ctx, tx, now, m.Asked(u)); err != nil {
			return err
		}
		taken, err := addressTaken(ctx, tx, email, u.ID)
		if err != nil || taken {
			return err
		}
		link := m.Link(u)
		link.To = email
		return outbox.Queue(ctx, tx, now, link)
	})
}

// addressTaken reports whether an account other than userID uses email.
func addressTaken(ctx context.Context, tx *sql.Tx, email string, userID int64) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE email = ? AND id <> ?`, email, userID).Scan(&n)
	return n > 0, conn.Failed("look for an address in use", err)
}

// ConfirmEmailChange spends a change link and makes its address the
// account's, confirmed. In the same transaction it voids the account's
// other links (a reset link in the old mailbox must not open the account
// any more), ends every session of the account but the one whose token
// is keepToken, and tells the old address it was changed.
func (r Recovery) ConfirmEmailChange(ctx context.Context, token, keepToken string, changed Compose) error {
	now := r.Clock.Now()
	return r.Write(ctx, func(tx *sql.Tx) error {
		var uid int64
		var email string
		err := tx.QueryRowContext(ctx, `UPDATE email_verifications SET used_at = ?
			WHERE token_hash = ? AND purpose = 'change' AND used_at IS NULL AND expires_at > ?
			RETURNING user_id, email`, now.Unix(), accounts.HashToken(token), now.Unix()).Scan(&uid, &email)
		if errors.Is(err, sql.ErrNoRows) {
			return errChangeLinkInvalid
		}
		if err != nil {
			return conn.Failed("spend address change link", err)
		}
		u, err := accounts.ScanUser(tx.QueryRowContext(ctx, `SELECT `+accounts.UserColumns+` FROM users
			WHERE id = ? AND disabled_at IS NULL`, uid))
		if domain.ErrorCode(err) == domain.ENotFound {
			return errChangeLinkInvalid
		}
		if err != nil {
			return conn.Failed(fmt.Sprintf("load user %d to change address", uid), err)
		}
		taken, err := addressTaken(ctx, tx, email, uid)
		if err != nil {
			return err
		}
		if taken {
			return errChangeLinkInvalid // said alike, so nothing is learnt of the other account
		}
		return applyChange(ctx, tx, u, email, keepToken, now, changed)
	})
}

// applyChange writes the new address and what follows from it.
func applyChange(ctx context.Context, tx *sql.Tx, u domain.User, email, keepToken string, now time.Time, changed Compose) error {
	steps := []struct {
		what  string
		query string
		args  []any
	}{
		{"save new address", `UPDATE users SET email = ?, email_verified_at = ? WHERE id = ?`, []any{email, now.Unix(), u.ID}},
		{"void address links", `UPDATE email_verifications SET used_at = ? WHERE user_id = ? AND used_at IS NULL`, []any{now.Unix(), u.ID}},
		{"void reset links", `UPDATE password_resets SET used_at = ? WHERE user_id = ? AND used_at IS NULL`, []any{now.Unix(), u.ID}},
		{"end other sessions", `DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?`, []any{u.ID, accounts.HashToken(keepToken)}},
	}
	for _, s := range steps {
		if _, err := tx.ExecContext(ctx, s.query, s.args...); err != nil {
			return conn.Failed(fmt.Sprintf("%s of user %d", s.what, u.ID), err)
		}
	}
	// u still holds the old address: that is where the notice goes.
	return outbox.Queue(ctx, tx, now, changed(u))
}
