package main

import (
	"os"
	"strconv"
	"time"
)

// config is the bench's knobs, read from the environment so `make bench`
// can pass them through.
type config struct {
	cases        int           // BENCH_CASES: cases seeded into the store
	duration     time.Duration // BENCH_DURATION: each page's load
	conns        int           // BENCH_CONNS: connections per page load
	maxRequests  int64         // BENCH_MAX_REQUESTS: bound on requests per load
	saveDuration time.Duration // BENCH_SAVE_DURATION: each racing-saves run
	saveClients  []int         // racing clients per run
	accounts     int           // BENCH_WRITER_ACCOUNTS: accounts the racing clients share
	uploadMB     int64         // BENCH_UPLOAD_MB: the big upload
	signIns      int           // parallel failed sign-ins
	dir          string        // BENCH_DIR: data folder (a temp one when empty)
	profileDir   string        // BENCH_PROFILE_DIR: CPU profiles per load, when set
}

func loadConfig() config {
	return config{
		cases:        envInt("BENCH_CASES", 100_000),
		duration:     envDuration("BENCH_DURATION", 8*time.Second),
		conns:        envInt("BENCH_CONNS", 64),
		maxRequests:  int64(envInt("BENCH_MAX_REQUESTS", 2_000_000)),
		saveDuration: envDuration("BENCH_SAVE_DURATION", 15*time.Second),
		saveClients:  []int{200, 1000},
		accounts:     envInt("BENCH_WRITER_ACCOUNTS", 40),
		uploadMB:     int64(envInt("BENCH_UPLOAD_MB", 200)),
		signIns:      60,
		dir:          os.Getenv("BENCH_DIR"),
		profileDir:   os.Getenv("BENCH_PROFILE_DIR"),
	}
}

func envInt(key string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(key)); err == nil && n > 0 {
		return n
	}
	return def
}

func envDuration(key string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(os.Getenv(key)); err == nil && d > 0 {
		return d
	}
	return def
}
