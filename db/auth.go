package db

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"math"
	"time"
)

// Throttling rule: the first FreeLoginFailures failures cost nothing; each
// further one doubles a wait that starts at LoginBaseDelay and never exceeds
// LoginMaxDelay, so an attacker guessing a victim's password cannot lock the
// victim out for more than a quarter of an hour at a time.
const (
	FreeLoginFailures = 5
	LoginBaseDelay    = 30 * time.Second
	LoginMaxDelay     = 15 * time.Minute
	// loginFailureMemory is how long failures are remembered without a new one.
	loginFailureMemory = 24 * time.Hour
)

// LoginDelay is how long to wait after the given number of consecutive
// failures before another attempt is considered.
func LoginDelay(failures int) time.Duration {
	if failures < FreeLoginFailures {
		return 0
	}
	exp := failures - FreeLoginFailures
	if exp > 10 {
		return LoginMaxDelay
	}
	d := time.Duration(float64(LoginBaseDelay) * math.Pow(2, float64(exp)))
	return min(d, LoginMaxDelay)
}

func throttleKey(email string) string {
	sum := sha256.Sum256([]byte("login:" + NormaliseEmail(email)))
	return hex.EncodeToString(sum[:])
}

// loginWait returns how long the account keyed by email must still wait.
func (db *DB) loginWait(ctx context.Context, email string) (time.Duration, error) {
	var failures int
	var last int64
	err := db.read.QueryRowContext(ctx, `SELECT failures, last_failure_at FROM login_throttle WHERE key_hash = ?`,
		throttleKey(email)).Scan(&failures, &last)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, Internal(err)
	}
	since := db.Clock.Now().Sub(time.Unix(last, 0))
	if since >= loginFailureMemory {
		return 0, nil
	}
	return max(0, LoginDelay(failures)-since), nil
}

func (db *DB) recordLoginFailure(ctx context.Context, email string) error {
	now := db.Clock.Now().Unix()
	forget := now - int64(loginFailureMemory/time.Second)
	_, err := db.write.ExecContext(ctx, `INSERT INTO login_throttle (key_hash, failures, last_failure_at) VALUES (?, 1, ?)
		ON CONFLICT (key_hash) DO UPDATE SET
		  failures = CASE WHEN last_failure_at < ? THEN 1 ELSE failures + 1 END,
		  last_failure_at = excluded.last_failure_at`, throttleKey(email), now, forget)
	if err != nil {
		return Internal(err)
	}
	return nil
}

func (db *DB) clearLoginFailures(ctx context.Context, email string) error {
	if _, err := db.write.ExecContext(ctx, `DELETE FROM login_throttle WHERE key_hash = ?`, throttleKey(email)); err != nil {
		return Internal(err)
	}
	return nil
}

// Authenticate checks an email and password. Unknown email and wrong password
// give the same error after the same work (a full argon2id verification), so
// neither the answer nor its timing tells whether an account exists. While
// throttled, the attempt is refused before any password is checked.
func (db *DB) Authenticate(ctx context.Context, email, password string, p PasswordParams) (User, error) {
	wait, err := db.loginWait(ctx, email)
	if err != nil {
		return User{}, err
	}
	if wait > 0 {
		minutes := int(math.Ceil(wait.Minutes()))
		return User{}, Errorf(ETooMany, "login.throttled", minutes)
	}
	user, err := db.UserByEmail(ctx, email)
	if err != nil && ErrorCode(err) != ENotFound {
		return User{}, err
	}
	hash := user.PasswordHash
	if hash == "" {
		hash = DummyPasswordHash(p)
	}
	ok, verr := VerifyPassword(hash, password)
	if verr != nil || !ok || user.ID == 0 {
		if err := db.recordLoginFailure(ctx, email); err != nil {
			return User{}, err
		}
		return User{}, Errorf(EUnauthorized, "login.invalid")
	}
	if err := db.clearLoginFailures(ctx, email); err != nil {
		return User{}, err
	}
	if _, err := db.write.ExecContext(ctx, `UPDATE users SET last_login_at = ? WHERE id = ?`, db.Clock.Now().Unix(), user.ID); err != nil {
		return User{}, Internal(err)
	}
	return user, db.rehashIfOutdated(ctx, user, password, p)
}

// rehashIfOutdated re-hashes a just-verified password made with other
// parameters, so stored hashes follow any strengthening of them.
func (db *DB) rehashIfOutdated(ctx context.Context, u User, password string, p PasswordParams) error {
	if !NeedsRehash(u.PasswordHash, p) {
		return nil
	}
	hash, err := HashPassword(password, p)
	if err != nil {
		return Internal(err)
	}
	_, err = db.write.ExecContext(ctx, `UPDATE users SET password_hash = ? WHERE id = ?`, hash, u.ID)
	return wrapInternal(err)
}
