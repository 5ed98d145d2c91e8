// Package throttle holds the sign-in throttling rules: how long a client or an
// account waits after failed sign-ins, and the client's name for it. Pure
// Go, like the rest of the procedure.
package throttle

import (
	"crypto/sha256"
	"encoding/hex"
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
	// LoginFailureMemory is how long failures are remembered without a new one.
	LoginFailureMemory = 24 * time.Hour
	// FreeAccountLoginFailures is the ceiling on an account's failures from
	// all clients together. The delay above is decided per account and
	// client, so a flood from one client slows that client only; this far
	// higher ceiling slows an attacker who spreads guesses over many clients.
	FreeAccountLoginFailures = 50
)

// AccountLoginDelay is how long an account must wait after the given
// number of failures from all clients together: the same doubling as
// LoginDelay, starting only at FreeAccountLoginFailures.
func AccountLoginDelay(failures int) time.Duration {
	return LoginDelay(failures - FreeAccountLoginFailures + FreeLoginFailures)
}

// LoginClient turns a client's address into the key its sign-in attempts
// are counted under. Only this hash is stored, never the address itself.
func LoginClient(addr string) string {
	sum := sha256.Sum256([]byte("login-client:" + addr))
	return hex.EncodeToString(sum[:])
}

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
