package twofa_test

import (
	"context"
	"crypto/rand"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/dbtest"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/twofa"
	"github.com/ccf-portal/ccfportal/db/keys"
)

func TestOneCodeSignsInOnceEvenWhenSentTwiceAtOnce(t *testing.T) {
	store, clock := dbtest.Open(t)
	ctx := context.Background()
	u := dbtest.User(t, store, domain.RoleStaff, "clerk@ccf.example")
	e, err := store.StartTOTPEnrolment(ctx, u.ID, u.Email)
	require.NoError(t, err)
	again, err := store.StartTOTPEnrolment(ctx, u.ID, u.Email)
	require.NoError(t, err)
	assert.Equal(t, e.Secret, again.Secret)
	code, err := twofa.Code(e.Secret, twofa.Step(clock.Now()))
	require.NoError(t, err)
	codes, err := store.ConfirmTOTPEnrolment(ctx, u.ID, code)
	require.NoError(t, err)
	assert.Len(t, codes, twofa.RecoveryCodes)
	_, err = store.StartTOTPEnrolment(ctx, u.ID, u.Email)
	assert.Equal(t, domain.EConflict, domain.ErrorCode(err), "enrolled once")

	clock.Advance(twofa.Period)
	code, err = twofa.Code(e.Secret, twofa.Step(clock.Now()))
	require.NoError(t, err)
	var wg sync.WaitGroup
	results := make([]error, 8)
	for i := range results {
		wg.Go(func() { results[i] = store.VerifySecondFactor(ctx, u.ID, code) })
	}
	wg.Wait()
	passed := 0
	for _, err := range results {
		if err == nil {
			passed++
		} else {
			assert.Equal(t, domain.EUnauthorized, domain.ErrorCode(err))
		}
	}
	assert.Equal(t, 1, passed)

	require.NoError(t, store.VerifySecondFactor(ctx, u.ID, codes[0]))
	assert.Equal(t, domain.EUnauthorized, domain.ErrorCode(store.VerifySecondFactor(ctx, u.ID, codes[0])))
	left, err := store.RecoveryCodesLeft(ctx, u.ID)
	require.NoError(t, err)
	assert.Equal(t, twofa.RecoveryCodes-1, left)
}

// A copy of the database holds no second-factor secret in clear, and a
// sealed secret copied into another account's row does not let that
// account in.
func TestSecretsAreSealedToTheirRow(t *testing.T) {
	store, clock := dbtest.Open(t)
	ctx := context.Background()
	a := dbtest.User(t, store, domain.RoleStaff, "a@ccf.example")
	b := dbtest.User(t, store, domain.RoleStaff, "b@ccf.example")
	ea, err := store.StartTOTPEnrolment(ctx, a.ID, a.Email)
	require.NoError(t, err)
	_, err = store.StartTOTPEnrolment(ctx, b.ID, b.Email)
	require.NoError(t, err)
	raw := dbtest.Raw(t, store)
	var stored string
	require.NoError(t, raw.QueryRow(`SELECT secret FROM totp_factors WHERE user_id = ?`, a.ID).Scan(&stored))
	assert.NotContains(t, stored, ea.Secret)
	assert.True(t, keys.IsSealed(stored))

	_, err = raw.Exec(`UPDATE totp_factors SET secret = ? WHERE user_id = ?`, stored, b.ID)
	require.NoError(t, err)
	code, err := twofa.Code(ea.Secret, twofa.Step(clock.Now()))
	require.NoError(t, err)
	_, err = store.ConfirmTOTPEnrolment(ctx, b.ID, code)
	assert.Error(t, err, "a secret moved from another row is refused")
	_, err = store.ConfirmTOTPEnrolment(ctx, a.ID, code)
	assert.NoError(t, err)
}

// Secrets an earlier version stored in clear are sealed when the keys are
// loaded, and still sign their account in.
func TestSecretsStoredInClearAreSealedAtStart(t *testing.T) {
	store, clock := dbtest.Open(t)
	ctx := context.Background()
	u := dbtest.User(t, store, domain.RoleStaff, "c@ccf.example")
	secret, _, err := twofa.NewKey(u.Email, rand.Reader)
	require.NoError(t, err)
	raw := dbtest.Raw(t, store)
	_, err = raw.Exec(`INSERT INTO totp_factors (user_id, secret, created_at, confirmed_at) VALUES (?, ?, 1, 1)`, u.ID, secret)
	require.NoError(t, err)

	n, err := store.UseKeys(ctx, dbtest.TestKey)
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	var stored string
	require.NoError(t, raw.QueryRow(`SELECT secret FROM totp_factors WHERE user_id = ?`, u.ID).Scan(&stored))
	assert.True(t, keys.IsSealed(stored))
	code, err := twofa.Code(secret, twofa.Step(clock.Now()))
	require.NoError(t, err)
	assert.NoError(t, store.VerifySecondFactor(ctx, u.ID, code))
	n, err = store.UseKeys(ctx, dbtest.TestKey)
	require.NoError(t, err)
	assert.Zero(t, n, "nothing left to seal")
}
