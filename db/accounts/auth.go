package accounts

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/throttle"
	"github.com/ccf-portal/ccfportal/db/password"
)

// accountKey keys the failures on an account from every client together;
// clientKey keys those on an account from one client. client is already a
// hash of the client's address (throttle.LoginClient): no address is
// stored. Both are keyed hashes (db/keys): a plain hash of an e-mail or of
// an address, of which there are only 2^32 for IPv4, is undone by trying
// them all, and a stolen copy of the database would tell who tried to sign
// in and from where.
func (db Accounts) accountKey(email string) string {
	return db.Keys.Tag("login", domain.NormaliseEmail(email))
}

func (db Accounts) clientKey(email, client string) string {
	return db.Keys.Tag("login-client", domain.NormaliseEmail(email), client)
}

// verify is password.VerifyContext; tests replace it to count the guesses
// actually evaluated.
var verify = password.VerifyContext

// waitFor is how long a key with the given row must still wait under delay.
func waitFor(tx *sql.Tx, ctx context.Context, key string, now time.Time, delay func(int) time.Duration) (time.Duration, error) {
	var failures int
	var last int64
	err := tx.QueryRowContext(ctx, `SELECT failures, last_failure_at FROM login_throttle WHERE key_hash = ?`, key).Scan(&failures, &last)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, conn.Failed("read login throttle", err)
	}
	since := now.Sub(time.Unix(last, 0))
	if since >= throttle.LoginFailureMemory {
		return 0, nil
	}
	return max(0, delay(failures)-since), nil
}

// reserveLoginAttempt checks the throttle and, if the attempt may go ahead,
// counts it as a failure before any password is checked, all in one write
// transaction: parallel guesses cannot all pass a check made before any of
// them is counted. A success takes the reservation back. The delay is
// decided by the failures of this client on this account; the failures of
// all clients on the account only add a far higher ceiling, so a flood from
// elsewhere cannot lock the owner's own client out.
func (db Accounts) reserveLoginAttempt(ctx context.Context, email, client string) (time.Duration, error) {
	return db.reserve(ctx, throttled{db.clientKey(email, client), throttle.LoginDelay},
		throttled{db.accountKey(email), throttle.AccountLoginDelay})
}

// throttled is one throttle key and the delay its failures impose.
type throttled struct {
	key   string
	delay func(int) time.Duration
}

// reserve checks every key and, unless one of them must still wait,
// counts the attempt as a failure against each, in one write transaction.
// It returns the longest wait.
func (db Accounts) reserve(ctx context.Context, keys ...throttled) (time.Duration, error) {
	now := db.Clock.Now()
	forget := now.Unix() - int64(throttle.LoginFailureMemory/time.Second)
	var wait time.Duration
	err := db.Write(ctx, func(tx *sql.Tx) error {
		for _, k := range keys {
			w, err := waitFor(tx, ctx, k.key, now, k.delay)
			if err != nil {
				return err
			}
			wait = max(wait, w)
		}
		if wait > 0 {
			return nil
		}
		for _, k := range keys {
			_, err := tx.ExecContext(ctx, `INSERT INTO login_throttle (key_hash, failures, last_failure_at) VALUES (?, 1, ?)
				ON CONFLICT (key_hash) DO UPDATE SET
				  failures = CASE WHEN last_failure_at < ? THEN 1 ELSE failures + 1 END,
				  last_failure_at = excluded.last_failure_at`, k.key, now.Unix(), forget)
			if err != nil {
				return conn.Failed("record login attempt", err)
			}
		}
		return nil
	})
	return wait, err
}

// releaseLoginAttempt takes back a reservation: after a sign-in succeeded
// (signedIn) this client's failures are forgotten; otherwise (no password
// was checked) only the one reserved attempt is. Either way the account-wide
// count loses the one attempt.
func (db Accounts) releaseLoginAttempt(ctx context.Context, email, client string, signedIn bool) error {
	return db.Write(ctx, func(tx *sql.Tx) error {
		own := `UPDATE login_throttle SET failures = max(0, failures - 1) WHERE key_hash = ?`
		if signedIn {
			own = `DELETE FROM login_throttle WHERE key_hash = ?`
		}
		if _, err := tx.ExecContext(ctx, own, db.clientKey(email, client)); err != nil {
			return conn.Failed("clear login failures", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE login_throttle SET failures = max(0, failures - 1) WHERE key_hash = ?`,
			db.accountKey(email)); err != nil {
			return conn.Failed("release login attempt", err)
		}
		return nil
	})
}

// Authenticate checks an email and password from a client (a hash of its
// address, see throttle.LoginClient). Unknown email and wrong password give
// the same error after the same work (a full argon2id verification), so
// neither the answer nor its timing tells whether an account exists. While
// throttled, the attempt is refused before any password is checked.
func (db Accounts) Authenticate(ctx context.Context, email, client, plain string, p password.Params) (domain.User, error) {
	wait, err := db.reserveLoginAttempt(ctx, email, client)
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
	ok, verr := verify(ctx, hash, plain)
	if errors.Is(verr, password.ErrBusy) {
		// Nothing was checked: the attempt is not held against anyone.
		if err := db.releaseLoginAttempt(ctx, email, client, false); err != nil {
			return domain.User{}, err
		}
		return domain.User{}, verr
	}
	if verr != nil || !ok || user.ID == 0 {
		return domain.User{}, domain.Errorf(domain.EUnauthorized, "login.invalid")
	}
	if disabled, err := db.UserDisabled(ctx, user.ID); err != nil || disabled {
		// The same answer as a wrong password: the failure stays counted.
		return domain.User{}, coalesce(err, domain.Errorf(domain.EUnauthorized, "login.invalid"))
	}
	if err := db.releaseLoginAttempt(ctx, email, client, true); err != nil {
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

// coalesce is err, or else fallback.
func coalesce(err, fallback error) error {
	if err != nil {
		return err
	}
	return fallback
}
