//go:build race

package seed

// raceEnabled: the race detector makes the full-scale volume seed ten
// times slower, so that test skips (make test runs it again without it).
const raceEnabled = true
