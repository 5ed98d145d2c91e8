package password

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	_ "embed"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// Params are the argon2id cost parameters. They are stored in every
// hash, so raising them later only affects new hashes; old ones still verify.
type Params struct {
	Memory  uint32 // memory in KiB
	Time    uint32 // number of passes over the memory
	Threads uint8  // degree of parallelism
}

// DefaultParams is the second recommended option of RFC 9106
// (section 4): argon2id with 64 MiB, one pass and (here) two lanes. It is the
// choice for machines that cannot spare the 2 GiB of the first option, and a
// login costs roughly 50-100 ms of CPU, which is slow for an attacker with a
// stolen database yet fine for a portal's sign-in rate.
var DefaultParams = Params{Memory: 64 * 1024, Time: 1, Threads: 2}

// FastParams are deliberately weak parameters that make tests fast.
// They are for tests only: never use them to hash a real password.
var FastParams = Params{Memory: 1024, Time: 1, Threads: 1}

// Password length limits, counted in characters (runes), not bytes, so that
// non-ASCII passphrases are treated the same as ASCII ones. The upper limit
// bounds the work done per attempt and the size of what we accept.
const (
	MinLength = 12
	MaxLength = 128
)

// ErrInvalidHash reports a stored password hash that is not a well-formed
// argon2id PHC string we could have produced. It is an internal error: it
// means the database holds something unexpected, not that the user erred.
var ErrInvalidHash = errors.New("db: invalid password hash")

// Sizes of what Hash generates; Verify accepts nothing else.
const (
	saltLength = 16
	keyLength  = 32
)

// Upper bounds on parameters read back from a hash. A hash string that asks
// for more is treated as malformed rather than obeyed, so a corrupted or
// planted row cannot make one login allocate gigabytes or run for minutes.
const (
	maxMemory  = 1 << 20 // KiB, i.e. 1 GiB
	maxTime    = 16
	maxThreads = 64
)

// maxEncodedLength is longer than any hash the limits above allow; anything
// longer is rejected before doing any parsing work.
const maxEncodedLength = 160

// hashPrefix starts every hash we produce; argon2.Version is 0x13 (19).
var hashPrefix = fmt.Sprintf("$argon2id$v=%d$", argon2.Version)

// b64 is the PHC encoding of salt and key. Strict mode rejects non-zero
// trailing bits, so each salt and key has exactly one textual form.
var b64 = base64.RawStdEncoding.Strict()

// validate checks p against the same bounds Verify enforces, so that
// every hash we produce can also be verified. RFC 9106 requires at least
// 8 KiB of memory per lane.
func (p Params) validate() error {
	switch {
	case p.Time < 1 || p.Time > maxTime:
		return fmt.Errorf("argon2 time %d outside 1..%d", p.Time, maxTime)
	case p.Threads < 1 || p.Threads > maxThreads:
		return fmt.Errorf("argon2 threads %d outside 1..%d", p.Threads, maxThreads)
	case p.Memory < 8*uint32(p.Threads) || p.Memory > maxMemory:
		return fmt.Errorf("argon2 memory %d KiB outside %d..%d", p.Memory, 8*uint32(p.Threads), maxMemory)
	}
	return nil
}

// Hash hashes password with argon2id, a fresh random salt and the
// given parameters, and returns it in PHC string format:
//
//	$argon2id$v=19$m=65536,t=1,p=2$<base64 salt>$<base64 key>
func Hash(password string, p Params) (string, error) {
	return HashContext(context.Background(), password, p)
}

// HashContext is Hash within the memory budget: it waits for room at most
// MaxHashWait or until ctx ends, and then fails with ErrBusy.
func HashContext(ctx context.Context, password string, p Params) (string, error) {
	if err := p.validate(); err != nil {
		return "", fmt.Errorf("db: hash password: %w", err)
	}
	release, err := reserve(ctx, p.Memory)
	if err != nil {
		return "", err
	}
	defer release()
	return hashUnbounded(password, p)
}

// hashUnbounded hashes outside the budget: only for the one dummy hash per
// parameter set, which must not fail.
func hashUnbounded(password string, p Params) (string, error) {
	if err := p.validate(); err != nil {
		return "", fmt.Errorf("db: hash password: %w", err)
	}
	salt := make([]byte, saltLength)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("db: hash password: read salt: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, keyLength)
	return encodeHash(p, salt, key), nil
}

// Verify reports whether password matches the encoded hash. It
// returns an error wrapping ErrInvalidHash if encoded is not a hash that
// Hash could have produced; the comparison is constant-time.
func Verify(encoded, password string) (bool, error) {
	return VerifyContext(context.Background(), encoded, password)
}

// VerifyContext is Verify within the memory budget: it waits for room at
// most MaxHashWait or until ctx ends, and then fails with ErrBusy.
func VerifyContext(ctx context.Context, encoded, password string) (bool, error) {
	p, salt, key, err := decodeHash(encoded)
	if err != nil {
		return false, err
	}
	release, err := reserve(ctx, p.Memory)
	if err != nil {
		return false, err
	}
	defer release()
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, keyLength)
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

// NeedsRehash reports whether encoded was made with parameters other than p
// (or cannot be read), so that a login can re-hash the password it has just
// verified and the stored hashes follow any change to the parameters.
func NeedsRehash(encoded string, p Params) bool {
	got, _, _, err := decodeHash(encoded)
	return err != nil || got != p
}

// dummyHashes caches one dummy hash per parameter set. A plain sync.Once is
// not enough because tests and production use different parameters.
var dummyHashes = struct {
	sync.Mutex
	m map[Params]string
}{m: map[Params]string{}}

// DummyHash returns a valid hash, computed once per parameter set,
// of a random password nobody knows. Verifying a login for an unknown email
// against it takes as long as for a known one, so response times do not
// reveal which emails have accounts. It panics if p is invalid, which is a
// programming error that Hash would report too.
func DummyHash(p Params) string {
	dummyHashes.Lock()
	defer dummyHashes.Unlock()
	if h, ok := dummyHashes.m[p]; ok {
		return h
	}
	h, err := hashUnbounded(rand.Text(), p)
	if err != nil {
		panic(err)
	}
	dummyHashes.m[p] = h
	return h
}

// encodeHash formats a hash in PHC string format.
func encodeHash(p Params, salt, key []byte) string {
	return fmt.Sprintf("%sm=%d,t=%d,p=%d$%s$%s",
		hashPrefix, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// decodeHash parses a PHC string strictly: only the exact form encodeHash
// produces, with parameters within our bounds, is accepted.
func decodeHash(encoded string) (Params, []byte, []byte, error) {
	var p Params
	if len(encoded) > maxEncodedLength {
		return p, nil, nil, fmt.Errorf("%w: too long", ErrInvalidHash)
	}
	rest, ok := strings.CutPrefix(encoded, hashPrefix)
	if !ok {
		return p, nil, nil, fmt.Errorf("%w: not argon2id version %d", ErrInvalidHash, argon2.Version)
	}
	fields := strings.Split(rest, "$")
	if len(fields) != 3 {
		return p, nil, nil, fmt.Errorf("%w: want params, salt and key", ErrInvalidHash)
	}
	p, err := decodeParams(fields[0])
	if err != nil {
		return p, nil, nil, err
	}
	salt, err := decodeBytes(fields[1], saltLength, "salt")
	if err != nil {
		return p, nil, nil, err
	}
	key, err := decodeBytes(fields[2], keyLength, "key")
	if err != nil {
		return p, nil, nil, err
	}
	return p, salt, key, nil
}

// decodeParams parses "m=<memory>,t=<time>,p=<threads>" in that order.
func decodeParams(s string) (Params, error) {
	var p Params
	parts := strings.Split(s, ",")
	if len(parts) != 3 {
		return p, fmt.Errorf("%w: want m, t and p", ErrInvalidHash)
	}
	m, errM := decodeParam(parts[0], "m=")
	t, errT := decodeParam(parts[1], "t=")
	th, errP := decodeParam(parts[2], "p=")
	if err := errors.Join(errM, errT, errP); err != nil {
		return p, err
	}
	// Bounds are checked before the narrowing conversions below.
	if th > maxThreads || m > maxMemory || t > maxTime {
		return p, fmt.Errorf("%w: parameters too large", ErrInvalidHash)
	}
	p = Params{Memory: uint32(m), Time: uint32(t), Threads: uint8(th)}
	if err := p.validate(); err != nil {
		return p, fmt.Errorf("%w: %v", ErrInvalidHash, err)
	}
	return p, nil
}

// decodeParam parses "<name><decimal>". Only canonical decimals are allowed
// (no sign, no leading zeros), so each hash has exactly one textual form.
func decodeParam(s, name string) (uint64, error) {
	digits, ok := strings.CutPrefix(s, name)
	if !ok {
		return 0, fmt.Errorf("%w: want %q parameter", ErrInvalidHash, name)
	}
	v, err := strconv.ParseUint(digits, 10, 32)
	if err != nil || strconv.FormatUint(v, 10) != digits {
		return 0, fmt.Errorf("%w: bad %q parameter", ErrInvalidHash, name)
	}
	return v, nil
}

// decodeBytes decodes unpadded standard base64 of exactly n bytes.
func decodeBytes(s string, n int, what string) ([]byte, error) {
	if b64.DecodedLen(len(s)) != n {
		return nil, fmt.Errorf("%w: %s is not %d bytes", ErrInvalidHash, what, n)
	}
	b, err := b64.DecodeString(s)
	if err != nil || len(b) != n {
		return nil, fmt.Errorf("%w: bad %s encoding", ErrInvalidHash, what)
	}
	return b, nil
}

// CheckRules checks a new password against the length limits and
// rejects common or trivially guessable ones. The error is an *Error with
// code EInvalid and key "password.too_short", "password.too_long" or
// "password.common". It does not check for leaked passwords beyond the
// embedded list.
func CheckRules(password string) error {
	n := utf8.RuneCountInString(password)
	switch {
	case n < MinLength:
		return domain.Errorf(domain.EInvalid, "password.too_short", MinLength)
	case n > MaxLength:
		return domain.Errorf(domain.EInvalid, "password.too_long", MaxLength)
	case isCommonPassword(password):
		return domain.Errorf(domain.EInvalid, "password.common")
	}
	return nil
}

// minPatternLength is the shortest core that the pattern checks judge. A
// shorter core (say "ab" in "ab1234567890") is not itself a weakness.
const minPatternLength = 6

// isCommonPassword reports whether password, or its core once the usual
// decorations are removed, is in the common list or a trivial pattern.
func isCommonPassword(password string) bool {
	for _, c := range passwordCores(password) {
		if commonPasswords()[c] {
			return true
		}
		if utf8.RuneCountInString(c) >= minPatternLength && (isKeySequence(c) || isRepetition(c)) {
			return true
		}
	}
	return false
}

// passwordCores returns the lowercase password and the variants people
// derive from a common word: digits and punctuation added at the end or the
// start ("Password123!", "2024password"), and common letter substitutions
// ("p@ssw0rd"). Attackers try all of these first.
func passwordCores(password string) []string {
	lower := strings.ToLower(password)
	right := strings.TrimRightFunc(lower, isDecoration)
	cores := []string{lower, right, strings.TrimLeftFunc(lower, isDecoration), strings.TrimLeftFunc(right, isDecoration)}
	for _, c := range cores[:4] {
		cores = append(cores, unLeet(c))
	}
	return cores
}

// isDecoration reports whether r is a digit, punctuation, symbol or space:
// what people tack onto a word to satisfy composition rules.
func isDecoration(r rune) bool {
	return unicode.IsDigit(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsSpace(r)
}

// leet undoes the usual character substitutions ("p@ssw0rd" -> "password").
var leet = strings.NewReplacer("@", "a", "4", "a", "3", "e", "1", "i", "!", "i", "0", "o", "$", "s", "5", "s", "7", "t")

// unLeet maps substituted characters back to letters.
func unLeet(s string) string { return leet.Replace(s) }

// keySequences are runs along the alphabet, the digits (which wrap from 9 to
// 0, as in "123456789012") and the rows and columns of common keyboards.
var keySequences = []string{
	"abcdefghijklmnopqrstuvwxyz",
	strings.Repeat("0123456789", MaxLength/10+2),
	"qwertyuiopasdfghjklzxcvbnm",               // QWERTY rows
	"qwertzuiopasdfghjklyxcvbnm",               // QWERTZ rows
	"azertyuiopqsdfghjklmwxcvbn",               // AZERTY rows
	"`1234567890-=",                            // unshifted number row
	"~!@#$%^&*()_+",                            // shifted number row
	"1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik,9ol.0p;/", // QWERTY columns
}

// isKeySequence reports whether s is a run along one of keySequences,
// forwards or backwards ("abcdefghijkl", "210987654321", "qwertyuiopasdf").
func isKeySequence(s string) bool {
	r := reverse(s)
	for _, seq := range keySequences {
		if strings.Contains(seq, s) || strings.Contains(seq, r) {
			return true
		}
	}
	return false
}

// isRepetition reports whether s is a weak unit repeated: a single
// character ("aaaaaaaaaaaa"), a short chunk ("abcabcabcabc") or a common
// password ("passwordpassword", "Summer2024!Summer2024!").
func isRepetition(s string) bool {
	runes := []rune(s)
	for size := 1; size <= len(runes)/2; size++ {
		if len(runes)%size != 0 {
			continue
		}
		unit := string(runes[:size])
		if strings.Repeat(unit, len(runes)/size) == s {
			return size < minPatternLength || isCommonPassword(unit)
		}
	}
	return false
}

// reverse returns s with its runes in reverse order.
func reverse(s string) string {
	runes := []rune(s)
	for i, j := 0, len(runes)-1; i < j; i, j = i+1, j-1 {
		runes[i], runes[j] = runes[j], runes[i]
	}
	return string(runes)
}

// commonPasswordsFile is the embedded list; see its header for the source.
//
//go:embed commonpasswords.txt
var commonPasswordsFile string

// commonPasswords returns the embedded list as a set, parsed on first use so
// that programs that never check a password do not pay for it.
var commonPasswords = sync.OnceValue(func() map[string]bool {
	set := make(map[string]bool, strings.Count(commonPasswordsFile, "\n"))
	for line := range strings.Lines(commonPasswordsFile) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		set[strings.ToLower(line)] = true
	}
	return set
})
