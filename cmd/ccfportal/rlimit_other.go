//go:build !unix

package main

import "errors"

// raiseOpenFileLimit is not available here: connections stay bounded only
// by -max-conns.
func raiseOpenFileLimit() (uint64, error) {
	return 0, errors.New("open-file limit not adjustable on this system")
}
