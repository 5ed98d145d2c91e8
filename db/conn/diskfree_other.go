//go:build !unix

package conn

import "errors"

// FreeBytes cannot measure free space on this system, so readiness reports
// the disk as unchecked rather than assume it has room.
func FreeBytes(string) (uint64, error) {
	return 0, errors.New("free disk space is not measured on this system")
}
