package accounts_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/accounts"
	"github.com/ccf-portal/ccfportal/db/dbtest"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/throttle"
	"github.com/ccf-portal/ccfportal/db/password"
)

func TestLoginRehashesAPasswordMadeWithOlderParameters(t *testing.T) {
	store, _ := dbtest.Open(t)
	ctx := t.Context()
	old := password.Params{Memory: 512, Time: 1, Threads: 1}
	_, err := store.CreateUser(ctx, domain.NewUser{Email: "a@example.org", Name: "A", Role: domain.RolePetitioner,
		Password: "correct horse battery staple"}, old)
	require.NoError(t, err)
	_, err = store.Authenticate(ctx, "a@example.org", "test-client", "correct horse battery staple", password.FastParams)
	require.NoError(t, err)
	u, err := store.UserByEmail(ctx, "a@example.org")
	require.NoError(t, err)
	assert.False(t, password.NeedsRehash(u.PasswordHash, password.FastParams), "stored with the current parameters now")
	_, err = store.Authenticate(ctx, "a@example.org", "test-client", "correct horse battery staple", password.FastParams)
	assert.NoError(t, err, "and still verifies")
}

// countVerifications counts the passwords actually checked from now on.
func countVerifications(t *testing.T) *atomic.Int32 {
	var n atomic.Int32
	t.Cleanup(accounts.SetVerify(func(ctx context.Context, encoded, plain string) (bool, error) {
		n.Add(1)
		return password.VerifyContext(ctx, encoded, plain)
	}))
	return &n
}

// guessInParallel releases n wrong guesses from one client together and
// returns how many were refused by the throttle.
func guessInParallel(t *testing.T, store accounts.Accounts, email, client string, n int) int {
	start := make(chan struct{})
	errs := make(chan error, n)
	var ready sync.WaitGroup
	for i := range n {
		ready.Add(1)
		go func() {
			ready.Done()
			<-start
			_, err := store.Authenticate(context.Background(), email, client, fmt.Sprintf("wrong guess number %d", i), password.FastParams)
			errs <- err
		}()
	}
	ready.Wait()
	close(start)
	refused := 0
	for range n {
		err := <-errs
		switch domain.ErrorCode(err) {
		case domain.ETooMany:
			refused++
		case domain.EUnauthorized:
		default:
			t.Errorf("unexpected answer to a guess: %v", err)
		}
	}
	return refused
}

func TestParallelGuessesPassTheThrottleNoMoreThanTheFreeAllowance(t *testing.T) {
	store, _ := dbtest.Open(t)
	_, err := store.CreateUser(t.Context(), domain.NewUser{Email: "a@example.org", Name: "A", Role: domain.RolePetitioner,
		Password: "correct horse battery staple"}, password.FastParams)
	require.NoError(t, err)
	checked := countVerifications(t)

	refused := guessInParallel(t, store.Accounts, "a@example.org", "attacker", 25)
	t.Logf("%d of 25 parallel guesses checked, %d refused", checked.Load(), refused)
	assert.LessOrEqual(t, int(checked.Load()), throttle.FreeLoginFailures, "passwords actually checked")
	assert.Equal(t, 25-int(checked.Load()), refused, "every other guess is refused unchecked")
}

func TestAFloodFromElsewhereLeavesTheOwnersClientItsAllowance(t *testing.T) {
	store, _ := dbtest.Open(t)
	ctx := t.Context()
	_, err := store.CreateUser(ctx, domain.NewUser{Email: "a@example.org", Name: "A", Role: domain.RolePetitioner,
		Password: "correct horse battery staple"}, password.FastParams)
	require.NoError(t, err)
	guessInParallel(t, store.Accounts, "a@example.org", "attacker", 25)

	_, err = store.Authenticate(ctx, "a@example.org", "attacker", "correct horse battery staple", password.FastParams)
	assert.Equal(t, domain.ETooMany, domain.ErrorCode(err), "the attacker's client waits even with the right password")
	_, err = store.Authenticate(ctx, "A@example.org", "owner", "a typo in the passphrase", password.FastParams)
	assert.Equal(t, domain.EUnauthorized, domain.ErrorCode(err), "the owner's own client may still make a mistake")
	u, err := store.Authenticate(ctx, "a@example.org", "owner", "correct horse battery staple", password.FastParams)
	require.NoError(t, err, "the owner's own client still gets in")
	assert.Equal(t, "a@example.org", u.Email)
}

func TestFailuresSpreadOverManyClientsMeetTheAccountCeiling(t *testing.T) {
	store, _ := dbtest.Open(t)
	ctx := t.Context()
	_, err := store.CreateUser(ctx, domain.NewUser{Email: "a@example.org", Name: "A", Role: domain.RolePetitioner,
		Password: "correct horse battery staple"}, password.FastParams)
	require.NoError(t, err)
	for i := range throttle.FreeAccountLoginFailures {
		client := fmt.Sprintf("client %d", i/throttle.FreeLoginFailures)
		_, err := store.Authenticate(ctx, "a@example.org", client, "a wrong passphrase", password.FastParams)
		require.Equal(t, domain.EUnauthorized, domain.ErrorCode(err), "guess %d", i+1)
	}
	_, err = store.Authenticate(ctx, "a@example.org", "yet another client", "correct horse battery staple", password.FastParams)
	assert.Equal(t, domain.ETooMany, domain.ErrorCode(err), "past the ceiling every client waits")
}

func TestABusyPasswordCheckIsNotCountedAsAFailure(t *testing.T) {
	store, _ := dbtest.Open(t)
	ctx := t.Context()
	_, err := store.CreateUser(ctx, domain.NewUser{Email: "a@example.org", Name: "A", Role: domain.RolePetitioner,
		Password: "correct horse battery staple"}, password.FastParams)
	require.NoError(t, err)
	restore := accounts.SetVerify(func(context.Context, string, string) (bool, error) { return false, password.ErrBusy })
	for range 2 * throttle.FreeLoginFailures {
		_, err := store.Authenticate(ctx, "a@example.org", "owner", "correct horse battery staple", password.FastParams)
		require.ErrorIs(t, err, password.ErrBusy)
	}
	restore()
	_, err = store.Authenticate(ctx, "a@example.org", "owner", "correct horse battery staple", password.FastParams)
	assert.NoError(t, err)
}

// The sign-in throttle's keys are keyed hashes: a copy of the database
// cannot be searched for an e-mail or an address by hashing candidates,
// and another portal key gives other keys.
func TestThrottleKeysAreKeyedHashes(t *testing.T) {
	ctx := t.Context()
	keysOf := func(master byte) []string {
		store, _ := dbtest.Open(t)
		_, err := store.UseKeys(ctx, bytes.Repeat([]byte{master}, 32))
		require.NoError(t, err)
		_, err = store.Authenticate(ctx, "amal@example.org", throttle.LoginClient("192.0.2.7"), "wrong", password.FastParams)
		require.Error(t, err)
		rows, err := dbtest.Raw(t, store).Query(`SELECT key_hash FROM login_throttle ORDER BY key_hash`)
		require.NoError(t, err)
		defer rows.Close()
		var out []string
		for rows.Next() {
			var k string
			require.NoError(t, rows.Scan(&k))
			out = append(out, k)
		}
		return out
	}
	one := keysOf(1)
	require.Len(t, one, 2, "the account's key and the account-and-client key")
	plain := func(s string) string { sum := sha256.Sum256([]byte(s)); return hex.EncodeToString(sum[:]) }
	for _, guess := range []string{plain("login:amal@example.org"), plain("login-client:amal@example.org\x00" + throttle.LoginClient("192.0.2.7"))} {
		assert.NotContains(t, one, guess, "a plain hash of the e-mail or the address")
	}
	for _, k := range keysOf(2) {
		assert.NotContains(t, one, k, "another portal key, other throttle keys")
	}
}
