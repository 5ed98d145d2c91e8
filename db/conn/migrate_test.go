package conn

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
)

func openRaw(t *testing.T) *sql.DB {
	t.Helper()
	conn, err := sql.Open("sqlite", dsn(filepath.Join(t.TempDir(), "m.db"), false))
	require.NoError(t, err)
	conn.SetMaxOpenConns(1)
	t.Cleanup(func() { conn.Close() })
	return conn
}

func appliedNames(t *testing.T, conn *sql.DB) []string {
	rows, err := conn.Query(`SELECT name FROM schema_migrations ORDER BY name`)
	names, err := Rows("list applied migrations", rows, err, func(row Scanner) (string, error) {
		var n string
		err := row.Scan(&n)
		return n, err
	})
	require.NoError(t, err)
	return names
}

func TestMigrationsApplyInNameOrderAndOnlyOnce(t *testing.T) {
	files := fstest.MapFS{
		"migrations/0002_b.sql": {Data: []byte(`ALTER TABLE a ADD COLUMN y TEXT;`)},
		"migrations/0001_a.sql": {Data: []byte(`CREATE TABLE a (x INTEGER);`)},
		"migrations/README.md":  {Data: []byte(`not a migration`)},
	}
	list, err := loadMigrations(files)
	require.NoError(t, err)
	require.Len(t, list, 2)
	assert.Equal(t, "0001_a.sql", list[0].name)

	conn := openRaw(t)
	ctx := context.Background()
	require.NoError(t, applyMigrations(ctx, conn, list))
	require.NoError(t, applyMigrations(ctx, conn, list), "a second run is a no-op")
	assert.Equal(t, []string{"0001_a.sql", "0002_b.sql"}, appliedNames(t, conn))
	_, err = conn.Exec(`INSERT INTO a (x, y) VALUES (1, 'z')`)
	assert.NoError(t, err)
}

func TestAFailingMigrationLeavesNoTrace(t *testing.T) {
	conn := openRaw(t)
	ctx := context.Background()
	good := migration{name: "0001_ok.sql", sql: `CREATE TABLE ok (x INTEGER);`}
	bad := migration{name: "0002_bad.sql", sql: `CREATE TABLE half (x INTEGER); THIS IS NOT SQL;`}
	err := applyMigrations(ctx, conn, []migration{good, bad})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "0002_bad.sql")
	assert.Equal(t, []string{"0001_ok.sql"}, appliedNames(t, conn))
	var n int
	require.NoError(t, conn.QueryRow(`SELECT COUNT(*) FROM sqlite_master WHERE name = 'half'`).Scan(&n))
	assert.Zero(t, n, "the failed migration's first statement was rolled back")
}

func TestOpenSetsDurablePragmasOnEveryConnection(t *testing.T) {
	store := MustOpen(t)
	for _, conn := range []*sql.DB{store.write.DB, store.read.DB} {
		var mode string
		var sync, fk, busy int
		require.NoError(t, conn.QueryRow(`PRAGMA journal_mode`).Scan(&mode))
		require.NoError(t, conn.QueryRow(`PRAGMA synchronous`).Scan(&sync))
		require.NoError(t, conn.QueryRow(`PRAGMA foreign_keys`).Scan(&fk))
		require.NoError(t, conn.QueryRow(`PRAGMA busy_timeout`).Scan(&busy))
		assert.Equal(t, "wal", mode)
		assert.Equal(t, 2, sync, "synchronous=FULL")
		assert.Equal(t, 1, fk)
		assert.Positive(t, busy)
	}
	_, err := store.read.Exec(`DELETE FROM users`)
	assert.Error(t, err, "the read pool cannot write")
	// Reopening an up-to-date store applies nothing and fails on nothing.
	require.NoError(t, store.Close())
	again, err := Open(context.Background(), store.Path(), store.Clock)
	require.NoError(t, err)
	require.NoError(t, again.Close())
}

// MustOpen opens a store in a temporary folder for the test, with its clock
// stopped at a known time.
func MustOpen(tb testing.TB) *Conn {
	tb.Helper()
	store, err := Open(context.Background(), filepath.Join(tb.TempDir(), "ccf.db"),
		domain.NewFixedClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)))
	require.NoError(tb, err)
	tb.Cleanup(func() { store.Close() })
	return store
}
