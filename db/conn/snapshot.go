package conn

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/keys"
)

// OpenExisting opens the database file at path for reading only, without
// applying migrations: for tools (backup, check) that run beside a live
// portal and must change nothing, not even the schema. A missing file is an
// error wrapping fs.ErrNotExist rather than a new, empty database.
func OpenExisting(ctx context.Context, path string) (*Conn, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	read, err := sql.Open("sqlite", existingDSN(path))
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	read.SetMaxOpenConns(max(4, runtime.NumCPU()))
	// Writes through this handle fail: it is query-only too.
	write, err := sql.Open("sqlite", existingDSN(path))
	if err != nil {
		read.Close()
		return nil, fmt.Errorf("open database: %w", err)
	}
	write.SetMaxOpenConns(1)
	db := &Conn{write: newPool(write), read: newPool(read), Clock: domain.SystemClock{}, Keys: keys.Ephemeral(), path: path, readOnly: true}
	db.group = startCommitter(db.write)
	if err := db.Ping(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database: %w", err)
	}
	return db, nil
}

// existingDSN is dsn for reading only and without setting the journal
// mode, which would rewrite the header of a file not yet in WAL mode (a
// restored one); a live database is in WAL mode already and stays so.
func existingDSN(path string) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "foreign_keys(ON)")
	q.Add("_pragma", "query_only(ON)")
	return "file:" + filepath.ToSlash(path) + "?" + q.Encode()
}

// SnapshotTo writes a consistent copy of the whole database to path, which
// must not exist yet, while the portal goes on reading and writing: VACUUM
// INTO copies what one read transaction sees, so the copy holds every
// transaction committed before it started and none after. It uses a
// connection of its own, so the store's single writer is never held up.
// SQLite does not sync the copy; SnapshotTo does, before it returns.
func (db *Conn) SnapshotTo(ctx context.Context, path string) error {
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("snapshot: %s already exists", path)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("snapshot: %w", err)
	}
	// Not query-only: SQLite counts writing the copy as a write.
	src, err := sql.Open("sqlite", dsn(db.path, false))
	if err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	defer src.Close()
	if _, err := src.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		os.Remove(path)
		return fmt.Errorf("snapshot: %w", err)
	}
	if err := syncFile(path); err != nil {
		os.Remove(path)
		return fmt.Errorf("snapshot: %w", err)
	}
	return nil
}

// OpenSnapshot opens a file SnapshotTo wrote, read-only and as immutable:
// no journal, no locks, no side files, so reading it leaves its bytes (and
// their checksum) exactly as they were written.
func OpenSnapshot(path string) (*sql.DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("open snapshot: %w", err)
	}
	q := url.Values{}
	q.Add("mode", "ro")
	q.Add("immutable", "1")
	return sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?"+q.Encode())
}

// SchemaVersion is the name of the last migration applied to the database
// q reads, e.g. "0010_counsel.sql".
func SchemaVersion(ctx context.Context, q Queryer) (string, error) {
	var name sql.NullString
	if err := q.QueryRowContext(ctx, `SELECT MAX(name) FROM schema_migrations`).Scan(&name); err != nil {
		return "", fmt.Errorf("schema version: %w", err)
	}
	if !name.Valid {
		return "", errors.New("schema version: no migration applied")
	}
	return name.String, nil
}

// KnownMigration reports whether name is one of the migrations built into
// this program, that is, whether it can open a database at that version.
// Migrations only go forward: a database from a newer program is not known.
func KnownMigration(name string) bool {
	list, err := loadMigrations(migrationFiles)
	if err != nil {
		return false
	}
	return slices.ContainsFunc(list, func(m migration) bool { return m.name == name })
}

func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}
