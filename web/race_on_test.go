//go:build race

package web_test

// raceEnabled: the race detector slows every request several times over,
// so load tests skip (make test runs them again without it).
const raceEnabled = true
