// Package opstest runs the real ccfportal binary the way an operator and
// its users meet it: built once per test run, started on a loopback port
// over a temporary data folder, driven over HTTP like a browser, stopped
// with SIGTERM and killed with SIGKILL. It holds no code of its own, only
// tests: crash safety (crash_test.go), graceful shutdown
// (shutdown_test.go) and disaster recovery from a Litestream replica
// (replica_test.go).
package opstest
