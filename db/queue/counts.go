package queue

import (
	"context"
	"fmt"
	"sync"

	"github.com/ccf-portal/ccfportal/db/conn"
)

// The queue's total (how many cases match the filters) is a count over
// every matching request: with 100,000 cases it was most of the time a
// queue page took. It changes only when the store writes, so each count
// is kept until the store's write generation moves on.
const (
	maxCountsPerStore = 64 // distinct filter combinations kept
	maxStores         = 8  // stores kept (a test process opens many)
)

// counts is the kept totals of one store, all of one generation.
type counts struct {
	mu    sync.Mutex
	gen   uint64
	total map[string]int
}

var (
	countsMu sync.Mutex
	countsOf = map[*conn.Conn]*counts{}
)

// countsFor returns c's kept totals, making room if needed.
func countsFor(c *conn.Conn) *counts {
	countsMu.Lock()
	defer countsMu.Unlock()
	k, ok := countsOf[c]
	if !ok {
		if len(countsOf) >= maxStores {
			clear(countsOf)
		}
		k = &counts{total: map[string]int{}}
		countsOf[c] = k
	}
	return k
}

// countMatching counts the requests matching where, or returns the total
// kept from a count made since the last write.
func (db Store) countMatching(ctx context.Context, where string, args []any) (int, error) {
	key := where + fmt.Sprintf("\x00%#v", args)
	k := countsFor(db.Conn)
	// The generation is read before counting: a write committed meanwhile
	// moves it on, so the count is never kept past a write it missed.
	gen := db.Generation()
	k.mu.Lock()
	if k.gen == gen {
		if n, ok := k.total[key]; ok {
			k.mu.Unlock()
			return n, nil
		}
	}
	k.mu.Unlock()
	var n int
	if err := db.Reader().QueryRowContext(ctx, `SELECT COUNT(*) FROM requests r WHERE `+where, args...).Scan(&n); err != nil {
		return 0, conn.Failed("count queue", err)
	}
	k.keep(gen, key, n)
	return n, nil
}

// keep records n for key at gen, dropping totals of older generations.
func (k *counts) keep(gen uint64, key string, n int) {
	k.mu.Lock()
	defer k.mu.Unlock()
	switch {
	case gen < k.gen:
		return // a newer generation is kept already
	case gen > k.gen || len(k.total) >= maxCountsPerStore:
		clear(k.total)
		k.gen = gen
	}
	k.total[key] = n
}
