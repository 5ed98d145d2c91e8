//go:build unix

package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"golang.org/x/sys/unix"
)

// lockFileName is the lock file in the data folder.
const lockFileName = "ccfportal.lock"

// lockData takes the data folder for this process alone, with an exclusive
// lock on DATA/ccfportal.lock that the system releases when the process
// ends, however it ends. Start-up clears what a crash left in the evidence
// store, which is only safe while no other process uses it; a second
// server on the same folder therefore refuses to start.
func lockData(dir string) (release func(), err error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create data folder: %w", err)
	}
	path := filepath.Join(dir, lockFileName)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open lock file: %w", err)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, fmt.Errorf("the data folder %s is in use by another ccfportal process (lock %s)", dir, path)
		}
		return nil, fmt.Errorf("lock data folder: %w", err)
	}
	// The process id helps whoever finds the folder locked; the lock, not
	// the file, is what counts, so a file left by a crash does no harm.
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return func() {
		_ = unix.Flock(int(f.Fd()), unix.LOCK_UN)
		f.Close()
	}, nil
}
