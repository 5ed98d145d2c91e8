package conn

import (
	"context"
	"database/sql"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
)

func TestSnapshotIsConsistentWhileWritesGoOn(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	c, err := Open(ctx, filepath.Join(dir, "ccf.db"), domain.SystemClock{})
	require.NoError(t, err)
	defer c.Close()
	_, err = c.Writer().Exec(`CREATE TABLE pairs (id INTEGER PRIMARY KEY, half INTEGER NOT NULL)`)
	require.NoError(t, err)

	// Each transaction adds two rows; a torn copy would hold an odd number.
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			assert.NoError(t, c.Write(ctx, func(tx *sql.Tx) error {
				if _, err := tx.Exec(`INSERT INTO pairs (half) VALUES (0)`); err != nil {
					return err
				}
				_, err := tx.Exec(`INSERT INTO pairs (half) VALUES (1)`)
				return err
			}))
		}
	})
	for i := range 3 {
		path := filepath.Join(dir, "snap"+string(rune('a'+i))+".db")
		require.NoError(t, c.SnapshotTo(ctx, path))
		snap, err := OpenSnapshot(path)
		require.NoError(t, err)
		var n int
		require.NoError(t, snap.QueryRow(`SELECT COUNT(*) FROM pairs`).Scan(&n))
		assert.Zero(t, n%2, "the snapshot holds whole transactions only")
		v, err := SchemaVersion(ctx, snap)
		require.NoError(t, err)
		assert.True(t, KnownMigration(v))
		snap.Close()
		entries, _ := filepath.Glob(path + "-*")
		assert.Empty(t, entries, "reading a snapshot leaves no side files")
	}
	close(stop)
	wg.Wait()

	err = c.SnapshotTo(ctx, filepath.Join(dir, "snapa.db"))
	assert.ErrorContains(t, err, "already exists", "a snapshot never overwrites a file")
	assert.False(t, KnownMigration("9999_from_the_future.sql"))
}

func TestOpenExistingReadsWithoutChangingAnything(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	_, err := OpenExisting(ctx, filepath.Join(dir, "missing.db"))
	assert.ErrorIs(t, err, fs.ErrNotExist)
	_, statErr := os.Stat(filepath.Join(dir, "missing.db"))
	assert.ErrorIs(t, statErr, fs.ErrNotExist, "no empty database is created")

	c, err := Open(ctx, filepath.Join(dir, "ccf.db"), domain.SystemClock{})
	require.NoError(t, err)
	defer c.Close()
	ro, err := OpenExisting(ctx, c.Path())
	require.NoError(t, err)
	v, err := SchemaVersion(ctx, ro.Reader())
	require.NoError(t, err)
	assert.True(t, KnownMigration(v))
	err = ro.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`DELETE FROM schema_migrations`)
		return err
	})
	assert.Error(t, err, "a read-only connection refuses writes")
	require.NoError(t, ro.Close())

	// A file not in WAL mode (a restored snapshot) keeps every byte.
	snap := filepath.Join(dir, "snap.db")
	require.NoError(t, c.SnapshotTo(ctx, snap))
	before, err := os.ReadFile(snap)
	require.NoError(t, err)
	ro, err = OpenExisting(ctx, snap)
	require.NoError(t, err)
	_, err = SchemaVersion(ctx, ro.Reader())
	require.NoError(t, err)
	require.NoError(t, ro.Close())
	after, err := os.ReadFile(snap)
	require.NoError(t, err)
	assert.Equal(t, before, after)
}
