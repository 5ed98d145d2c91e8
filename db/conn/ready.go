package conn

import (
	"context"
	"database/sql"
	"fmt"
)

// CheckWritable proves the database takes writes: it commits a real write
// to the one-row readiness table through the writer, as any save would, so
// a locked, read-only or full database fails it. ctx bounds the wait.
func (db *Conn) CheckWritable(ctx context.Context) error {
	return db.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO readiness (id, checked_at) VALUES (1, ?)
			ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at`, db.Clock.Now().Unix())
		if err != nil {
			return fmt.Errorf("readiness write: %w", err)
		}
		return nil
	})
}
