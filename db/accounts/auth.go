package accounts

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/password"
)

func throttleKey(email string) string {
	sum := sha256.Sum256([]byte("login:" + domain.NormaliseEmail(email)))
	return hex.EncodeToString(sum[:])
}

// loginWait returns how long the account keyed by email must still wait.
func (db Accounts) loginWait(ctx context.Context, email string) (time.Duration, error) {
	var failures int
	var last int64
	err := db.Reader().QueryRowContext(ctx, `SELECT failures, last_failure_at FROM login_throttle WHERE key_hash = ?`,
		throttleKey(email)).Scan(&failures, &last)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, conn.Failed("read login throttle", err)
	}
	since := db.Clock.Now().Sub(time.Unix(last, 0))
	if since >= domain.LoginFailureMemory {
		return 0, nil
	}
	return max(0, domain.LoginDelay(failures)-since), nil
}

func (db Accounts) recordLoginFailure(ctx context.Context, email string) error {
	now := db.Clock.Now().Unix()
	forget := now - int64(domain.LoginFailureMemory/time.Second)
	_, err := db.Writer().ExecContext(ctx, `INSERT INTO login_throttle (key_hash, failures, last_failure_at) VALUES (?, 1, ?)
		ON CONFLICT (key_hash) DO UPDATE SET
		  failures = CASE WHEN last_failure_at < ? THEN 1 ELSE failures + 1 END,
		  last_failure_at = excluded.last_failure_at`, throttleKey(email), now, forget)
	if err != nil {
		return conn.Failed("record login failure", err)
	}
	return nil
}

func (db Accounts) clearLoginFailures(ctx context.Context, email string) error {
	if _, err := db.Writer().ExecContext(ctx, `DELETE FROM login_throttle WHERE key_hash = ?`, throttleKey(email)); err != nil {
		return conn.Failed("clear login failures", err)
	}
	return nil
}

// Authenticate checks an email and password. Unknown email and wrong password
// give the same error after the same work (a full argon2id verification), so
// neither the answer nor its timing tells whether an account exists. While
// throttled, the attempt is refused before any password is checked.
func (db Accounts) Authenticate(ctx context.Context, email, plain string, p password.Params) (domain.User, error) {
	wait, err := db.loginWait(ctx, email)
	if err != nil {
		return domain.User{}, err
	}
	if wait > 0 {
		minutes := int(math.Ceil(wait.Minutes()))
		return domain.User{}, domain.Errorf(domain.ETooMany, "login.throttled", minutes)
	}
	user, err := db.UserByEmail(ctx, email)
	if err != nil && domain.ErrorCode(err) != domain.ENotFound {
		return domain.User{}, err
	}
	hash := user.PasswordHash
	if hash == "" {
		hash = password.DummyHash(p)
	}
	ok, verr := password.Verify(hash, plain)
	if verr != nil || !ok || user.ID == 0 {
		if err := db.recordLoginFailure(ctx, email); err != nil {
			return domain.User{}, err
		}
		return domain.User{}, domain.Errorf(domain.EUnauthorized, "login.invalid")
	}
	if err := db.clearLoginFailures(ctx, email); err != nil {
		return domain.User{}, err
	}
	if _, err := db.Writer().ExecContext(ctx, `UPDATE users SET last_login_at = ? WHERE id = ?`, db.Clock.Now().Unix(), user.ID); err != nil {
		return domain.User{}, conn.Failed(fmt.Sprintf("record sign-in of user %d", user.ID), err)
	}
	return user, db.rehashIfOutdated(ctx, user, plain, p)
}

// rehashIfOutdated re-hashes a just-verified password made with other
// parameters, so stored hashes follow any strengthening of them.
func (db Accounts) rehashIfOutdated(ctx context.Context, u domain.User, plain string, p password.Params) error {
	if !password.NeedsRehash(u.PasswordHash, p) {
		return nil
	}
	hash, err := password.Hash(plain, p)
	if err != nil {
		return conn.Failed(fmt.Sprintf("re-hash password of user %d", u.ID), err)
	}
	_, err = db.Writer().ExecContext(ctx, `UPDATE users SET password_hash = ? WHERE id = ?`, hash, u.ID)
	return conn.Failed(fmt.Sprintf("save re-hashed password of user %d", u.ID), err)
}
