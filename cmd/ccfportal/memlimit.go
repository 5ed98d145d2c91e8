package main

import (
	"log/slog"
	"os"
	"runtime/debug"
)

// memoryHeadroomMiB is what the server needs beside its password hashes:
// the heap of a busy portal, SQLite's caches and upload buffers, with room
// to spare (idle it takes about 40 MiB).
const memoryHeadroomMiB = 192

// setMemoryLimit gives the Go runtime a soft memory limit of the password
// hashes' budget plus headroom. Each failed sign-in leaves its 64 MiB of
// argon2 memory behind as garbage, and by default the collector lets
// garbage grow as large as the live heap: 60 sign-ins at once took the
// process past 700 MiB with a 256 MiB budget. Near the limit the collector
// runs sooner instead. GOMEMLIMIT, when set, is the operator's choice and
// wins.
func setMemoryLimit(hashMiB int64, logger *slog.Logger) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	limit := (hashMiB + memoryHeadroomMiB) << 20
	debug.SetMemoryLimit(limit)
	logger.Info("memory limit", slog.Int64("mib", limit>>20))
}
