package queue

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain/desk"
)

// The queue's total (how many cases match the filters) is a count over
// every matching request, and its urgent list a read of up to 200 rows
// with two subqueries each: with 100,000 cases they were most of the time
// a queue page took. Both change only when the store writes, so each is
// kept until the store's write generation moves on. (How long ago a
// case's date was is worked out when the page is drawn, not here.)
const (
	maxKeptPerStore = 64 // distinct filter combinations kept
	maxStores       = 8  // stores kept (a test process opens many)
)

// kept is what is kept of one store, all of one generation.
type kept struct {
	mu    sync.Mutex
	gen   uint64
	value map[string]any // a total (int) or urgent rows ([]desk.Row), by query
}

var (
	keptMu sync.Mutex
	keptOf = map[*conn.Conn]*kept{}
)

// keptFor returns what is kept of c, making room if needed.
func keptFor(c *conn.Conn) *kept {
	keptMu.Lock()
	defer keptMu.Unlock()
	k, ok := keptOf[c]
	if !ok {
		if len(keptOf) >= maxStores {
			clear(keptOf)
		}
		k = &kept{value: map[string]any{}}
		keptOf[c] = k
	}
	return k
}

// keptOrRead returns the value kept for query and args in this
// generation, or reads it and keeps it.
func keptOrRead[T any](db Store, query string, args []any, read func() (T, error)) (T, error) {
	key := query + fmt.Sprintf("\x00%#v", args)
	k := keptFor(db.Conn)
	// The generation is read before reading: a write committed meanwhile
	// moves it on, so nothing is kept past a write it may have missed.
	gen := db.Generation()
	k.mu.Lock()
	v, ok := k.value[key]
	ok = ok && k.gen == gen
	k.mu.Unlock()
	if ok {
		return v.(T), nil
	}
	fresh, err := read()
	if err != nil {
		return fresh, err
	}
	k.keep(gen, key, fresh)
	return fresh, nil
}

// keep records v for key at gen, dropping what older generations kept.
func (k *kept) keep(gen uint64, key string, v any) {
	k.mu.Lock()
	defer k.mu.Unlock()
	switch {
	case gen < k.gen:
		return // a newer generation is kept already
	case gen > k.gen || len(k.value) >= maxKeptPerStore:
		clear(k.value)
		k.gen = gen
	}
	k.value[key] = v
}

// countMatching counts the requests matching where.
func (db Store) countMatching(ctx context.Context, where string, args []any) (int, error) {
	q := `SELECT COUNT(*) FROM requests r WHERE ` + where
	return keptOrRead(db, q, args, func() (int, error) {
		var n int
		if err := db.Reader().QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
			return 0, conn.Failed("count queue", err)
		}
		return n, nil
	})
}

// urgentRows reads the urgent list. Each caller gets its own copy of the
// kept slice, so that a page may change its rows.
func (db Store) urgentRows(ctx context.Context, where string, args []any) ([]desk.Row, error) {
	q := queueSelect("requests_urgent_order") + ` WHERE ` + where + ` AND ` + urgentCond +
		` ORDER BY ` + urgentOrder + ` LIMIT 200`
	rows, err := keptOrRead(db, q, args, func() ([]desk.Row, error) { return db.queueRows(ctx, q, args) })
	return slices.Clone(rows), err
}
