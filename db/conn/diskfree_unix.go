//go:build unix

package conn

import "golang.org/x/sys/unix"

// FreeBytes is the space left for this process on the file system that
// holds path (blocks available to unprivileged users).
func FreeBytes(path string) (uint64, error) {
	var st unix.Statfs_t
	if err := unix.Statfs(path, &st); err != nil {
		return 0, err
	}
	return st.Bavail * uint64(st.Bsize), nil
}
