package conn

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// ReadTx runs fn in a read transaction on the read pool, so that every
// statement of fn sees the database as it was at the first one, whatever
// the writer commits meanwhile: a page read this way never shows half of
// a change. The transaction is begun read-only, which makes it a plain
// deferred BEGIN: the BEGIN IMMEDIATE the DSN asks for would take the
// write lock, which the pool's query_only pragma refuses. It therefore
// never waits for the writer nor holds it up. Nothing is committed: the
// transaction is rolled back when fn returns.
func (db *Conn) ReadTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return domain.Internal(fmt.Errorf("begin read: %w", err))
	}
	defer tx.Rollback()
	return fn(tx)
}
