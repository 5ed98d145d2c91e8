package conn

import (
	"context"
	"database/sql"
	"strings"
)

// BulkWrite runs fn in one write transaction set up for loading many rows
// at once (the demo seed): a large page cache keeps the transaction in
// memory instead of spilling pages to the WAL as it grows, and the indexes
// of requests are rebuilt once at the end (see bulkLoad).
func (db *Conn) BulkWrite(ctx context.Context, fn func(*sql.Tx) error) error {
	if _, err := db.write.ExecContext(ctx, `PRAGMA cache_size = -262144`); err == nil {
		defer db.write.ExecContext(ctx, `PRAGMA cache_size = -2000`)
	}
	return db.group.submit(ctx, func(tx *sql.Tx) error {
		return bulkLoad(ctx, tx, func() error { return fn(tx) })
	}, true)
}

// bulkLoad runs load with the secondary indexes of requests and the name
// index's insert trigger set aside, then rebuilds them from their own
// stored definitions: building an index once over 100,000 rows is much
// faster than updating it 100,000 times. It all happens inside tx, so a
// failure leaves the schema as it was.
func bulkLoad(ctx context.Context, tx *sql.Tx, load func() error) error {
	rows, err := tx.QueryContext(ctx, `SELECT name, sql FROM sqlite_master
		WHERE type = 'index' AND tbl_name = 'requests' AND sql IS NOT NULL`)
	var names, defs []string
	if err := Each("read index definitions of requests", rows, err, func(row Scanner) error {
		var name, def string
		if err := row.Scan(&name, &def); err != nil {
			return err
		}
		names, defs = append(names, name), append(defs, def)
		return nil
	}); err != nil {
		return err
	}
	var trigger string
	if err := tx.QueryRowContext(ctx, `SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'requests_names_insert'`).
		Scan(&trigger); err != nil {
		return Failed("read trigger requests_names_insert", err)
	}
	drops := []string{`DROP TRIGGER requests_names_insert`}
	for _, n := range names {
		drops = append(drops, `DROP INDEX "`+strings.ReplaceAll(n, `"`, `""`)+`"`)
	}
	if err := execAll(ctx, tx, "set aside the indexes of requests", drops); err != nil {
		return err
	}
	if err := load(); err != nil {
		return err
	}
	return execAll(ctx, tx, "rebuild the indexes of requests", append(defs, trigger, `INSERT INTO requests_names (requests_names) VALUES ('rebuild')`))
}

func execAll(ctx context.Context, tx *sql.Tx, op string, stmts []string) error {
	for _, q := range stmts {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return Failed(op, err)
		}
	}
	return nil
}
