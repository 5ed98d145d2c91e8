package conn

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// ErrDamaged marks a database file that fails SQLite's quick check.
var ErrDamaged = errors.New("database is damaged")

// QuickCheck runs PRAGMA quick_check on the database file at path before
// anything else opens it, so that a damaged store is refused instead of
// served or migrated. Its cost grows with the file, not with the checks
// between rows and indexes that the full integrity_check of `ccfportal
// check` does. A file that does not exist yet passes: it is created next.
// A damaged file is an error wrapping ErrDamaged with SQLite's first
// findings.
func QuickCheck(ctx context.Context, path string) error {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	db, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	rows, err := db.QueryContext(ctx, `PRAGMA quick_check(5)`)
	if err != nil {
		return damaged(err)
	}
	defer rows.Close()
	var found []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return damaged(err)
		}
		if line != "ok" {
			found = append(found, line)
		}
	}
	if err := rows.Err(); err != nil {
		return damaged(err)
	}
	if len(found) > 0 {
		return fmt.Errorf("%w: %s", ErrDamaged, strings.Join(found, "; "))
	}
	return nil
}

// damaged marks an error of the check as damage when SQLite says the file
// is corrupt or no database at all; any other failure (busy, permissions)
// says nothing about the file and stays as it is.
func damaged(err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return fmt.Errorf("%w: %v", ErrDamaged, err)
		}
	}
	return fmt.Errorf("quick check: %w", err)
}
