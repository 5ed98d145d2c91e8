//go:build !unix

package main

// privateFiles does nothing where there is no umask; the data folder's
// permissions are the system's.
func privateFiles() {}
