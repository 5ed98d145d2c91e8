package password

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// validHash returns a fresh hash of password made with the test parameters.
func validHash(t *testing.T, password string) string {
	t.Helper()
	h, err := Hash(password, FastParams)
	require.NoError(t, err)
	return h
}

func TestHashPasswordRoundTrip(t *testing.T) {
	h := validHash(t, "correct horse battery staple")
	assert.True(t, strings.HasPrefix(h, "$argon2id$v=19$m=1024,t=1,p=1$"), h)

	ok, err := Verify(h, "correct horse battery staple")
	require.NoError(t, err)
	assert.True(t, ok)
}

func TestHashPasswordWrongPassword(t *testing.T) {
	h := validHash(t, "correct horse battery staple")
	for _, pw := range []string{"", "correct horse battery stapl", "Correct horse battery staple", "correct horse battery staple "} {
		ok, err := Verify(h, pw)
		require.NoError(t, err)
		assert.False(t, ok, pw)
	}
}

func TestHashPasswordSaltsDiffer(t *testing.T) {
	assert.NotEqual(t, validHash(t, "same password here"), validHash(t, "same password here"))
}

func TestHashPasswordDefaultParamsFormat(t *testing.T) {
	h, err := Hash("correct horse battery staple", DefaultParams)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(h, "$argon2id$v=19$m=65536,t=1,p=2$"), h)
	parts := strings.Split(h, "$")
	require.Len(t, parts, 6)
	assert.Len(t, parts[4], 22, "16-byte salt, unpadded base64")
	assert.Len(t, parts[5], 43, "32-byte key, unpadded base64")
}

func TestHashPasswordRejectsBadParams(t *testing.T) {
	for _, p := range []Params{
		{Memory: 1024, Time: 0, Threads: 1},
		{Memory: 1024, Time: 1, Threads: 0},
		{Memory: 7, Time: 1, Threads: 1},
		{Memory: 1024, Time: 17, Threads: 1},
		{Memory: 1<<20 + 1, Time: 1, Threads: 1},
		{Memory: 1024, Time: 1, Threads: 65},
	} {
		_, err := Hash("correct horse battery staple", p)
		assert.Error(t, err, "%+v", p)
	}
}

func TestVerifyPasswordTamperedHash(t *testing.T) {
	h := validHash(t, "correct horse battery staple")
	parts := strings.Split(h, "$")
	// Changing a character in the middle of the key keeps it valid base64
	// of the right length, so only the comparison can catch it.
	key := []byte(parts[5])
	key[10] = map[bool]byte{true: 'B', false: 'A'}[key[10] == 'A']
	parts[5] = string(key)
	ok, err := Verify(strings.Join(parts, "$"), "correct horse battery staple")
	require.NoError(t, err)
	assert.False(t, ok)

	// Changed parameters give a different key.
	ok, err = Verify(strings.Replace(h, "t=1", "t=2", 1), "correct horse battery staple")
	require.NoError(t, err)
	assert.False(t, ok)
}

func TestVerifyPasswordMalformed(t *testing.T) {
	h := validHash(t, "correct horse battery staple")
	parts := strings.Split(h, "$")
	salt, key := parts[4], parts[5]
	with := func(params, salt, key string) string {
		return "$argon2id$v=19$" + params + "$" + salt + "$" + key
	}
	cases := map[string]string{
		"empty":             "",
		"garbage":           "not a hash",
		"bcrypt":            "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
		"argon2i":           strings.Replace(h, "argon2id", "argon2i", 1),
		"argon2d":           strings.Replace(h, "argon2id", "argon2d", 1),
		"version 16":        strings.Replace(h, "v=19", "v=16", 1),
		"no version":        strings.Replace(h, "v=19$", "", 1),
		"upper case":        strings.Replace(h, "argon2id", "ARGON2ID", 1),
		"missing key":       with("m=1024,t=1,p=1", salt, ""),
		"extra field":       h + "$",
		"trailing newline":  h + "\n",
		"leading space":     " " + h,
		"params order":      with("t=1,m=1024,p=1", salt, key),
		"extra param":       with("m=1024,t=1,p=1,k=2", salt, key),
		"missing param":     with("m=1024,t=1", salt, key),
		"leading zero":      with("m=01024,t=1,p=1", salt, key),
		"plus sign":         with("m=+1024,t=1,p=1", salt, key),
		"negative":          with("m=-1024,t=1,p=1", salt, key),
		"empty value":       with("m=,t=1,p=1", salt, key),
		"zero time":         with("m=1024,t=0,p=1", salt, key),
		"zero threads":      with("m=1024,t=1,p=0", salt, key),
		"tiny memory":       with("m=7,t=1,p=1", salt, key),
		"memory per lane":   with("m=64,t=1,p=9", salt, key),
		"huge memory":       with("m=4294967295,t=1,p=1", salt, key),
		"memory over 1 GiB": with("m=1048577,t=1,p=1", salt, key),
		"time over 16":      with("m=1024,t=17,p=1", salt, key),
		"threads over 64":   with("m=1024,t=1,p=65", salt, key),
		"threads over 255":  with("m=1024,t=1,p=257", salt, key),
		"overflow":          with("m=99999999999999999999,t=1,p=1", salt, key),
		"padded salt":       with("m=1024,t=1,p=1", salt+"==", key),
		"short salt":        with("m=1024,t=1,p=1", salt[:21], key),
		"long salt":         with("m=1024,t=1,p=1", salt+"AAAA", key),
		"short key":         with("m=1024,t=1,p=1", salt, key[:42]),
		"url base64":        with("m=1024,t=1,p=1", "-_"+salt[2:], key),
		"bad base64":        with("m=1024,t=1,p=1", "!!"+salt[2:], key),
		"newline in salt":   with("m=1024,t=1,p=1", salt[:10]+"\n"+salt[11:], key),
		"non-zero pad bits": with("m=1024,t=1,p=1", salt[:21]+"B", key),
		"too long":          h + strings.Repeat("A", 200),
	}
	for name, encoded := range cases {
		t.Run(name, func(t *testing.T) {
			ok, err := Verify(encoded, "correct horse battery staple")
			assert.ErrorIs(t, err, ErrInvalidHash)
			assert.False(t, ok)
		})
	}
}

func TestDummyPasswordHash(t *testing.T) {
	h := DummyHash(FastParams)
	assert.Equal(t, h, DummyHash(FastParams), "computed once")
	assert.False(t, NeedsRehash(h, FastParams), "made with the given params")
	for _, pw := range []string{"", "password", "correct horse battery staple"} {
		ok, err := Verify(h, pw)
		require.NoError(t, err)
		assert.False(t, ok)
	}
	other := Params{Memory: 2048, Time: 1, Threads: 1}
	assert.NotEqual(t, h, DummyHash(other))
	assert.False(t, NeedsRehash(DummyHash(other), other))
}

func TestNeedsRehash(t *testing.T) {
	h := validHash(t, "correct horse battery staple")
	assert.False(t, NeedsRehash(h, FastParams))
	assert.True(t, NeedsRehash(h, DefaultParams))
	assert.True(t, NeedsRehash("garbage", FastParams))
}

// requireRuleError asserts that err is an *Error with code EInvalid and key.
func requireRuleError(t *testing.T, err error, key string) *domain.Error {
	t.Helper()
	var e *domain.Error
	require.True(t, errors.As(err, &e), "want *db.Error, got %v", err)
	assert.Equal(t, domain.EInvalid, e.Code)
	assert.Equal(t, key, e.Message)
	return e
}

func TestCheckPasswordRulesLength(t *testing.T) {
	e := requireRuleError(t, CheckRules("Xq7#mK2!pL9"), "password.too_short") // 11 runes
	assert.Equal(t, []any{MinLength}, e.Args)

	assert.NoError(t, CheckRules("Xq7#mK2!pL9z"))                                                      // 12 runes
	assert.NoError(t, CheckRules("the quick brown fox jumps over the lazy dog while it is raining!!")) // 64 runes
	assert.NoError(t, CheckRules(strings.Repeat("Xq7#mK2!pL9z", 11)[:MaxLength]))

	e = requireRuleError(t, CheckRules(strings.Repeat("Xq7#mK2!pL9z", 11)[:MaxLength+1]), "password.too_long")
	assert.Equal(t, []any{MaxLength}, e.Args)
}

func TestCheckPasswordRulesCountsRunes(t *testing.T) {
	// 11 runes but 22 bytes: still too short.
	requireRuleError(t, CheckRules("żółćęśąźńłó"), "password.too_short")
	assert.NoError(t, CheckRules("zażółć gęślą jaźń"))
	// The upper limit counts runes too: 128 are allowed, 129 are not.
	unit := "żółw pełza wolno" // 16 runes, 21 bytes
	require.Equal(t, 16, utf8.RuneCountInString(unit))
	assert.NoError(t, CheckRules(strings.Repeat(unit, 8)))
	requireRuleError(t, CheckRules("ż"+strings.Repeat(unit, 8)), "password.too_long")
}

func TestCheckPasswordRulesCommon(t *testing.T) {
	for _, pw := range []string{
		"password1234",         // in the list as is
		"Password123456!",      // common word plus digits and punctuation
		"PASSWORD1234",         // case does not matter
		"123456password",       // leading digits
		"2024!qwertyuiop#2024", // decorations on both sides
		"P@ssw0rd2024!",        // letter substitutions
		"qwertyuiopasdf",       // keyboard row
		"1qaz2wsx3edc4rfv",     // keyboard columns
		"aaaaaaaaaaaa",         // one repeated character
		"ZZZZZZZZZZZZZZZZ",     // same, upper case
		"123456789012",         // digit run wrapping at 9
		"210987654321",         // descending digit run
		"abcdefghijkl",         // alphabet run
		"lkjihgfedcba",         // reversed alphabet run
		"!@#$%^&*()_+",         // shifted number row
		"passwordpassword",     // common word repeated
		"Summer2024!Summer2024!",
		"abcabcabcabc",   // short chunk repeated
		"ababababababab", // short chunk repeated
		"aaaaaaaa1234",   // repeated character plus digits
		"abcdefgh2024!",  // run plus digits
		"ILoveYou12345678",
	} {
		t.Run(pw, func(t *testing.T) {
			requireRuleError(t, CheckRules(pw), "password.common")
		})
	}
}

func TestCheckPasswordRulesAcceptsGoodPasswords(t *testing.T) {
	for _, pw := range []string{
		"correct horse battery staple",
		"Tr0ub4dor&3xyz",
		"k9#Lm2$pQ7!x",
		"Tr0ub4dor&3Tr0ub4dor&3", // a long, uncommon unit repeated is still strong
		"zażółć gęślą jaźń",
		"purple-monkey-dishwasher",
		"1984 was a good book",
	} {
		t.Run(pw, func(t *testing.T) {
			assert.NoError(t, CheckRules(pw))
		})
	}
}

func TestCommonPasswordsList(t *testing.T) {
	set := commonPasswords()
	assert.Greater(t, len(set), 20000)
	assert.True(t, set["password"])
	assert.True(t, set["qwertyuiop"])
	for pw := range set {
		require.False(t, strings.HasPrefix(pw, "#"), "header line loaded: %q", pw)
		require.Equal(t, strings.ToLower(pw), pw)
		require.GreaterOrEqual(t, len([]rune(pw)), 6, pw)
	}
}
