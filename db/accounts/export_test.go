package accounts

import "context"

// SetVerify replaces the password check for a test and returns the
// function that puts the real one back.
func SetVerify(f func(ctx context.Context, encoded, plain string) (bool, error)) (restore func()) {
	old := verify
	verify = f
	return func() { verify = old }
}
