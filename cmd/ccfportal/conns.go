package main

// Files the portal needs besides its connections: the database, its WAL
// and shared memory for the writer and every reader, evidence being
// written or read, the metrics listener and the standard streams.
const (
	reservedFiles   = 64
	defaultMaxConns = 4096 // where the open-file limit is unknown
)

// connectionCap is how many connections to serve at once: what the
// open-file limit leaves after the files the portal needs (an eighth of the
// limit, at least reservedFiles), so that a flood of connections waits to be
// accepted instead of making the store fail to open a file.
func connectionCap(fileLimit uint64) int {
	if fileLimit == 0 {
		return defaultMaxConns
	}
	reserve := max(fileLimit/8, reservedFiles)
	if fileLimit <= reserve+16 {
		return 16
	}
	// Beyond a million the limit stops meaning anything for one process.
	return int(min(fileLimit-reserve, 1<<20))
}
