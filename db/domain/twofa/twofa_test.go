package twofa

import (
	"crypto/rand"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
)

func TestMatchAcceptsOneStepEitherSideAndNeverAStepTwice(t *testing.T) {
	clock := domain.NewFixedClock(time.Date(2026, 3, 2, 9, 0, 15, 0, time.UTC))
	secret, address, err := NewKey("clerk@ccf.example", rand.Reader)
	require.NoError(t, err)
	assert.Contains(t, address, "otpauth://totp/")
	now := Step(clock.Now())
	for _, step := range []int64{now - 1, now, now + 1} {
		code, err := Code(secret, step)
		require.NoError(t, err)
		got, ok := Match(secret, code, clock.Now(), 0)
		assert.True(t, ok, "step %d", step-now)
		assert.Equal(t, step, got)
		_, ok = Match(secret, code, clock.Now(), step)
		assert.False(t, ok, "a used step is refused")
	}
	for _, step := range []int64{now - 2, now + 2} {
		code, err := Code(secret, step)
		require.NoError(t, err)
		_, ok := Match(secret, code, clock.Now(), 0)
		assert.False(t, ok, "step %d is outside the skew", step-now)
	}
	code, err := Code(secret, now)
	require.NoError(t, err)
	_, ok := Match(secret, code[:3]+" "+code[3:], clock.Now(), 0)
	assert.True(t, ok, "a space inside the code is ignored")
	_, ok = Match(secret, "abcdef", clock.Now(), 0)
	assert.False(t, ok)
}

func TestRecoveryCodesAreDistinctAndHashIgnoresLayout(t *testing.T) {
	codes, err := NewRecoveryCodes(rand.Reader)
	require.NoError(t, err)
	require.Len(t, codes, RecoveryCodes)
	seen := map[string]bool{}
	for _, c := range codes {
		assert.Len(t, c, 19)
		assert.False(t, IsTOTPCode(NormaliseCode(c)))
		assert.False(t, seen[c])
		seen[c] = true
	}
	assert.Equal(t, HashRecoveryCode(codes[0]), HashRecoveryCode(" "+NormaliseCode(codes[0])+" "))
	assert.NotEqual(t, HashRecoveryCode(codes[0]), HashRecoveryCode(codes[1]))
}
