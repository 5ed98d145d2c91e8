// Package conn is the store's connection to SQLite: the pragmas every
// connection gets, the one writer and the read pool, the embedded
// migrations, transactions, row scanning and the translation of SQLite's
// errors into the application's coded errors. The store's other rooms
// build on it; nothing above the store sees it.
package conn

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/keys"
)

// Conn is the store's connection. SQLite allows one writer at a time, so writes go through
// a single connection (no SQLITE_BUSY between our own writers) while reads
// use a pool that WAL lets run beside the writer.
type Conn struct {
	write *Pool
	read  *Pool
	// group runs the write transactions on write, grouped (see group.go).
	group *committer
	Clock domain.Clock
	// Keys are the store's derived keys: ephemeral until the portal's
	// key is loaded (see db.DB.UseKeys).
	Keys *keys.Ring
	path string
	// readOnly marks a connection from OpenExisting: it never checkpoints.
	readOnly bool
}

// dsn builds the connection string. busy_timeout comes first so that it is
// in force before the journal-mode switch, which itself may need to wait.
// synchronous(FULL) makes every commit durable before it is acknowledged.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(ON)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Add("_txlock", "immediate")
	if readOnly {
		q.Add("_pragma", "query_only(ON)")
	}
	return "file:" + filepath.ToSlash(path) + "?" + q.Encode()
}

// Open opens (creating if needed) the database file at path, applies the
// embedded migrations and returns the store.
func Open(ctx context.Context, path string, clock domain.Clock) (*Conn, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("create data folder: %w", err)
	}
	writeDB, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	writeDB.SetMaxOpenConns(1)
	write := newPool(writeDB)
	db := &Conn{write: write, Clock: clock, Keys: keys.Ephemeral(), path: path}
	if err := db.migrate(ctx); err != nil {
		write.Close()
		return nil, err
	}
	readDB, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("open read pool: %w", err)
	}
	readDB.SetMaxOpenConns(max(4, runtime.NumCPU()))
	db.read = newPool(readDB)
	db.group = startCommitter(write)
	if err := os.Chmod(path, 0o600); err != nil {
		db.Close()
		return nil, fmt.Errorf("restrict database file: %w", err)
	}
	return db, nil
}

// Close checkpoints and closes both connection pools.
func (db *Conn) Close() error {
	db.group.close()
	var firstErr error
	if db.read != nil {
		firstErr = db.read.Close()
	}
	if !db.readOnly {
		if _, err := db.write.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil && firstErr == nil {
			firstErr = err
		}
	}
	if err := db.write.Close(); err != nil && firstErr == nil {
		firstErr = err
	}
	return firstErr
}

// Ping reports whether the database answers a query.
func (db *Conn) Ping(ctx context.Context) error {
	var one int
	return db.read.QueryRowContext(ctx, `SELECT 1`).Scan(&one)
}

// Path is the database file's location.
func (db *Conn) Path() string { return db.path }

// FreeDiskBytes is the space left on the file system of the database's
// folder, which readiness compares with its minimum.
func (db *Conn) FreeDiskBytes() (uint64, error) { return FreeBytes(filepath.Dir(db.path)) }

// Write runs fn in a write transaction and commits it only if fn succeeds;
// it returns once the commit is durable. The transaction may hold other
// writes beside fn's, each in a savepoint of its own (see group.go): fn
// sees the store as the writes before it in the group left it, and its
// failure undoes its own changes only. Beginning (where another process's
// lock shows) and committing (where a full disk shows) go through Failed;
// so does an error of fn that is not an application error yet, so that
// none leaves the store untranslated.
func (db *Conn) Write(ctx context.Context, fn func(*sql.Tx) error) error {
	return db.group.submit(ctx, fn, false)
}

// Writer is the single write connection, for a statement that needs no
// transaction of its own.
func (db *Conn) Writer() *Pool { return db.write }

// Reader is the read-only pool.
func (db *Conn) Reader() *Pool { return db.read }
