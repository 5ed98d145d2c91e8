//go:build linux || darwin || freebsd

package web

import "syscall"

// freeDisk is the space available to an unprivileged writer on the file
// system holding dir.
func freeDisk(dir string) (uint64, error) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, err
	}
	return uint64(st.Bavail) * uint64(st.Bsize), nil
}
