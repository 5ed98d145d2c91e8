package domain

import (
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
)

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
