//go:build !unix

package main

// lockData does not lock on systems without flock; run one server per
// data folder there.
func lockData(string) (func(), error) { return func() {}, nil }
