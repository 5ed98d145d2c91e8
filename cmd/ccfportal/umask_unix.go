//go:build unix

package main

import "syscall"

// privateFiles makes every file and folder the program creates readable by
// its own user only (0600 and 0700): the database's WAL and shared-memory
// files, evidence, backups and the lock file hold or reveal people's
// filings, and SQLite creates its side files with the process's umask.
func privateFiles() { syscall.Umask(0o077) }
