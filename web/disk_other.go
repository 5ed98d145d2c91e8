//go:build !(linux || darwin || freebsd)

package web

import "errors"

// freeDisk is not measured on this system; the gauge is left out.
func freeDisk(string) (uint64, error) { return 0, errors.New("free disk space not supported here") }
