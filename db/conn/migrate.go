package conn

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one embedded .sql file; its name orders it.
type migration struct {
	name string
	sql  string
}

// loadMigrations reads the embedded migrations in name order.
func loadMigrations(files fs.FS) ([]migration, error) {
	names, err := fs.Glob(files, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	out := make([]migration, 0, len(names))
	for _, name := range names {
		body, err := fs.ReadFile(files, name)
		if err != nil {
			return nil, err
		}
		out = append(out, migration{name: strings.TrimPrefix(name, "migrations/"), sql: string(body)})
	}
	return out, nil
}

func (db *Conn) migrate(ctx context.Context) error {
	list, err := loadMigrations(migrationFiles)
	if err != nil {
		return fmt.Errorf("read migrations: %w", err)
	}
	return applyMigrations(ctx, db.write.DB, list)
}

// applyMigrations applies, in order, each migration not yet recorded. Each
// runs in its own transaction together with its record, so a failure leaves
// the schema exactly as the last successful migration left it.
func applyMigrations(ctx context.Context, conn *sql.DB, list []migration) error {
	if _, err := conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))`); err != nil {
		return fmt.Errorf("create migrations table: %w", err)
	}
	for _, m := range list {
		if err := applyMigration(ctx, conn, m); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return nil
}

func applyMigration(ctx context.Context, conn *sql.DB, m migration) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var done int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE name = ?`, m.name).Scan(&done); err != nil {
		return err
	}
	if done > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (name) VALUES (?)`, m.name); err != nil {
		return err
	}
	return tx.Commit()
}
