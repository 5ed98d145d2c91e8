package conn

import (
	"context"
	"database/sql"
	"time"
)

// Queryer is what *sql.DB and *sql.Tx share, so one query serves both a
// plain read and a read inside a transaction.
type Queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// UnixTime turns stored seconds into a time, keeping 0 as the zero time.
func UnixTime(s int64) time.Time {
	if s == 0 {
		return time.Time{}
	}
	return time.Unix(s, 0).UTC()
}

// NullID stores 0 as NULL, for optional references to other rows.
func NullID(id int64) sql.NullInt64 {
	return sql.NullInt64{Int64: id, Valid: id != 0}
}
