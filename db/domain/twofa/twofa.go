// Package twofa holds the rules of the second factor: time-based one-time
// codes (RFC 6238, 30-second steps, six digits, SHA-1 as every
// authenticator app supports), the skew allowed around the current step,
// and the single-use recovery codes given at enrolment. Pure Go: no SQL,
// no I/O beyond the randomness passed in.
package twofa

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

const (
	// Period is the length of one time step.
	Period = 30 * time.Second
	// Skew is how many steps either side of the current one are accepted,
	// for a phone whose clock is a little off.
	Skew = 1
	// Digits is the length of a code.
	Digits = 6
	// RecoveryCodes is how many recovery codes an enrolment gives.
	RecoveryCodes = 10
	// PendingWindow is how long a correct password waits for its second
	// factor before the person must start again.
	PendingWindow = 10 * time.Minute
	// Issuer names the portal in authenticator apps.
	Issuer = "CCF Portal"
)

// Opts are the code parameters every authenticator app understands.
var Opts = totp.ValidateOpts{Period: uint(Period / time.Second), Skew: 0, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// Step is the time step t falls in.
func Step(t time.Time) int64 { return t.Unix() / int64(Period/time.Second) }

// NewKey makes a new secret for account (the person's email, shown in their
// app beside the issuer) and returns it with the otpauth:// address that a
// QR code carries.
func NewKey(account string, rand io.Reader) (secret, address string, err error) {
	key, err := totp.Generate(totp.GenerateOpts{Issuer: Issuer, AccountName: account, Period: Opts.Period,
		Digits: Opts.Digits, Algorithm: Opts.Algorithm, Rand: rand})
	if err != nil {
		return "", "", err
	}
	return key.Secret(), key.URL(), nil
}

// Code is the code for secret at step, as an app shows it.
func Code(secret string, step int64) (string, error) {
	return totp.GenerateCodeCustom(secret, time.Unix(step*int64(Period/time.Second), 0), Opts)
}

// Match finds the step, within Skew of now and after lastStep, whose code
// is code. A step at or before lastStep was already used: a code seen
// once (over a shoulder, in a proxy's log) cannot sign in again.
func Match(secret, code string, now time.Time, lastStep int64) (int64, bool) {
	code = NormaliseCode(code)
	if !IsTOTPCode(code) {
		return 0, false
	}
	current := Step(now)
	for step := current - Skew; step <= current+Skew; step++ {
		if step <= lastStep {
			continue
		}
		want, err := Code(secret, step)
		if err == nil && subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			return step, true
		}
	}
	return 0, false
}

// NormaliseCode removes the spaces and hyphens people type or paste inside
// codes and lowers the case of recovery codes.
func NormaliseCode(s string) string {
	return strings.ToLower(strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '\t' {
			return -1
		}
		return r
	}, s))
}

// IsTOTPCode reports whether a normalised code has the shape of an app's
// code (six digits) rather than of a recovery code.
func IsTOTPCode(s string) bool {
	if len(s) != Digits {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// recoveryAlphabet leaves out letters and digits that are easily confused
// when copied by hand (0/o, 1/l/i).
const recoveryAlphabet = "abcdefghjkmnpqrstuvwxyz23456789"

// recoveryLength is the number of characters of a recovery code: 16 from
// 31 give about 79 bits, too many to guess, so a fast hash suffices.
const recoveryLength = 16

// NewRecoveryCodes makes RecoveryCodes codes, grouped in fours for reading.
func NewRecoveryCodes(rand io.Reader) ([]string, error) {
	codes := make([]string, RecoveryCodes)
	buf := make([]byte, recoveryLength)
	for i := range codes {
		if _, err := io.ReadFull(rand, buf); err != nil {
			return nil, err
		}
		var b strings.Builder
		for j, v := range buf {
			if j > 0 && j%4 == 0 {
				b.WriteByte('-')
			}
			// 248 is the largest multiple of 31 below 256; the small bias
			// of a plain modulo is irrelevant at 79 bits, but costs nothing
			// to avoid by rejection.
			for v >= 248 {
				var one [1]byte
				if _, err := io.ReadFull(rand, one[:]); err != nil {
					return nil, err
				}
				v = one[0]
			}
			b.WriteByte(recoveryAlphabet[int(v)%len(recoveryAlphabet)])
		}
		codes[i] = b.String()
	}
	return codes, nil
}

// HashRecoveryCode is how a recovery code is stored and looked up.
func HashRecoveryCode(code string) string {
	sum := sha256.Sum256([]byte("recovery:" + NormaliseCode(code)))
	return hex.EncodeToString(sum[:])
}

// Address is the otpauth:// address of secret for account, as a QR code
// carries it to an authenticator app.
func Address(secret, account string) string {
	v := url.Values{}
	v.Set("secret", secret)
	v.Set("issuer", Issuer)
	v.Set("algorithm", "SHA1")
	v.Set("digits", "6")
	v.Set("period", "30")
	u := url.URL{Scheme: "otpauth", Host: "totp", Path: "/" + Issuer + ":" + account, RawQuery: v.Encode()}
	return u.String()
}
