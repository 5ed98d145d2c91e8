package keys_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/keys"
)

func ring(t *testing.T, b byte) *keys.Ring {
	r, err := keys.New(bytes.Repeat([]byte{b}, 32))
	require.NoError(t, err)
	return r
}

func TestASealedValueOpensOnlyInItsRowUnderItsKey(t *testing.T) {
	r := ring(t, 1)
	s, err := r.Seal([]byte("JBSWY3DPEHPK3PXP"), "totp_factors:7")
	require.NoError(t, err)
	assert.True(t, keys.IsSealed(s))
	assert.NotContains(t, s, "JBSWY3DPEHPK3PXP")
	plain, err := r.Open(s, "totp_factors:7")
	require.NoError(t, err)
	assert.Equal(t, "JBSWY3DPEHPK3PXP", string(plain))

	_, err = r.Open(s, "totp_factors:8")
	assert.ErrorIs(t, err, keys.ErrSealed, "moved to another row")
	_, err = ring(t, 2).Open(s, "totp_factors:7")
	assert.ErrorIs(t, err, keys.ErrSealed, "another key")
	flipped := s[:len(s)-2] + map[bool]string{true: "A", false: "B"}[s[len(s)-2] != 'A'] + s[len(s)-1:]
	_, err = r.Open(flipped, "totp_factors:7")
	assert.ErrorIs(t, err, keys.ErrSealed, "altered")
	_, err = r.Open("JBSWY3DPEHPK3PXP", "totp_factors:7")
	assert.ErrorIs(t, err, keys.ErrSealed, "never sealed")

	again, err := r.Seal([]byte("JBSWY3DPEHPK3PXP"), "totp_factors:7")
	require.NoError(t, err)
	assert.NotEqual(t, s, again, "a fresh nonce each time")
}

func TestAnEphemeralRingCannotSeal(t *testing.T) {
	_, err := keys.Ephemeral().Seal([]byte("x"), "row")
	assert.ErrorIs(t, err, keys.ErrNoKeys)
	_, err = keys.Ephemeral().Open("s1:AAAA", "row")
	assert.ErrorIs(t, err, keys.ErrNoKeys)
	_, err = keys.New([]byte("short"))
	assert.Error(t, err)
}

func TestTagsDependOnTheKeyThePurposeAndTheParts(t *testing.T) {
	a, b := ring(t, 1), ring(t, 2)
	tag := a.Tag("login", "amal@example.org")
	assert.Len(t, tag, 64)
	assert.Equal(t, tag, a.Tag("login", "amal@example.org"))
	assert.NotEqual(t, tag, b.Tag("login", "amal@example.org"), "another key")
	assert.NotEqual(t, tag, a.Tag("login-client", "amal@example.org"), "another purpose")
	assert.NotEqual(t, a.Tag("p", "ab", "c"), a.Tag("p", "a", "bc"), "parts are framed")
	assert.False(t, strings.Contains(tag, "amal"))
}
