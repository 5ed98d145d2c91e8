package twofa_test

import (
	"context"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/dbtest"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/twofa"
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
