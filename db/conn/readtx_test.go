package conn

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
)

func openTestConn(t *testing.T) *Conn {
	t.Helper()
	c, err := Open(context.Background(), filepath.Join(t.TempDir(), "ccf.db"),
		domain.NewFixedClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)))
	require.NoError(t, err)
	t.Cleanup(func() { c.Close() })
	return c
}

func TestReadTxSeesOneSnapshotAndRefusesWrites(t *testing.T) {
	ctx := context.Background()
	c := openTestConn(t)
	count := func(q Queryer) int {
		var n int
		require.NoError(t, q.QueryRowContext(ctx, `SELECT COUNT(*) FROM users`).Scan(&n))
		return n
	}
	addUser := func(email string) error {
		return c.Write(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO users (email, name, role, password_hash, created_at)
				VALUES (?, 'Test', 'petitioner', 'x', 0)`, email)
			return err
		})
	}
	err := c.ReadTx(ctx, func(tx *sql.Tx) error {
		before := count(tx)
		require.NoError(t, addUser("during@example.org"), "a read transaction does not hold the writer up")
		assert.Equal(t, before, count(tx), "the transaction keeps the snapshot of its first read")
		assert.Equal(t, before+1, count(c.Reader()), "outside it the write is seen")
		_, err := tx.ExecContext(ctx, `DELETE FROM users`)
		assert.Error(t, err, "the read pool refuses writes")
		return nil
	})
	require.NoError(t, err)
}
