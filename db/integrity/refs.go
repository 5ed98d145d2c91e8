// Package integrity checks a store end to end, as `ccfportal check` and
// `ccfportal backup` need it: SQLite's own checks, every row that names an
// evidence file against that file, files no row names, and the audit
// chain. It only reads, except Quarantine, which moves files aside and
// never deletes one.
package integrity

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/ccf-portal/ccfportal/db/conn"
)

// Ref is a row that names an evidence file by its storage key.
type Ref struct {
	Table  string // e.g. "documents", "applicant_documents"
	ID     int64
	Key    string
	Size   int64  // plaintext size the row recorded; -1 if the table keeps none
	SHA256 string // plaintext SHA-256 the row recorded; "" if the table keeps none
	Owner  string // what the row belongs to, e.g. "request CCF-2026-000001", "draft request 12", "applicant 7"
}

// String names the row for a person reading a report.
func (r Ref) String() string {
	if r.Owner == "" {
		return fmt.Sprintf("%s %d", r.Table, r.ID)
	}
	return fmt.Sprintf("%s %d (%s)", r.Table, r.ID, r.Owner)
}

// StorageKeyTables lists the tables with a storage_key column, found in
// the schema itself so that a table a later migration adds is covered
// without changing this code.
func StorageKeyTables(ctx context.Context, q conn.Queryer) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT m.name FROM sqlite_schema m WHERE m.type = 'table'
		AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name = 'storage_key') ORDER BY m.name`)
	if err != nil {
		return nil, fmt.Errorf("list evidence tables: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("list evidence tables: %w", err)
		}
		out = append(out, name)
	}
	return out, rows.Err()
}

// Refs lists every row of every storage-key table, in table and id order.
func Refs(ctx context.Context, q conn.Queryer) ([]Ref, error) {
	tables, err := StorageKeyTables(ctx, q)
	if err != nil {
		return nil, err
	}
	var out []Ref
	for _, t := range tables {
		refs, err := tableRefs(ctx, q, t)
		if err != nil {
			return nil, err
		}
		out = append(out, refs...)
	}
	return out, nil
}

func tableRefs(ctx context.Context, q conn.Queryer, table string) ([]Ref, error) {
	cols, err := columns(ctx, q, table)
	if err != nil {
		return nil, err
	}
	size, sum, owner, join := "-1", "''", "''", ""
	if slices.Contains(cols, "size") {
		size = "t.size"
	}
	if slices.Contains(cols, "sha256") {
		sum = "t.sha256"
	}
	switch {
	case slices.Contains(cols, "request_id"):
		owner = `CASE WHEN r.reference IS NOT NULL THEN 'request ' || r.reference
			WHEN r.id IS NULL THEN 'request ' || t.request_id || ', which does not exist'
			ELSE 'draft request ' || t.request_id END`
		join = `LEFT JOIN requests r ON r.id = t.request_id`
	case slices.Contains(cols, "applicant_id"):
		owner = `'applicant ' || t.applicant_id`
	}
	rows, err := q.QueryContext(ctx, fmt.Sprintf(`SELECT t.rowid, t.storage_key, %s, %s, %s FROM %s t %s ORDER BY t.rowid`,
		size, sum, owner, quoteIdent(table), join))
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", table, err)
	}
	defer rows.Close()
	var out []Ref
	for rows.Next() {
		r := Ref{Table: table}
		if err := rows.Scan(&r.ID, &r.Key, &r.Size, &r.SHA256, &r.Owner); err != nil {
			return nil, fmt.Errorf("list %s: %w", table, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func columns(ctx context.Context, q conn.Queryer, table string) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT name FROM pragma_table_info(?)`, table)
	if err != nil {
		return nil, fmt.Errorf("columns of %s: %w", table, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// referenced reports whether any storage-key table has a row naming key.
func referenced(ctx context.Context, q conn.Queryer, tables []string, key string) (bool, error) {
	for _, t := range tables {
		var n int
		if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+quoteIdent(t)+` WHERE storage_key = ?`, key).Scan(&n); err != nil {
			return false, err
		}
		if n > 0 {
			return true, nil
		}
	}
	return false, nil
}

func quoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// Named reports whether a row of any storage-key table names key now.
func Named(ctx context.Context, q conn.Queryer, key string) (bool, error) {
	tables, err := StorageKeyTables(ctx, q)
	if err != nil {
		return false, err
	}
	return referenced(ctx, q, tables, key)
}

// RowCounts counts the rows of every ordinary table (not SQLite's own, nor
// full-text indexes and their shadow tables), for a backup's manifest.
func RowCounts(ctx context.Context, q conn.Queryer) (map[string]int64, error) {
	rows, err := q.QueryContext(ctx, `SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'
		AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	var tables []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return nil, err
		}
		tables = append(tables, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make(map[string]int64, len(tables))
	for _, t := range tables {
		var n int64
		if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+quoteIdent(t)).Scan(&n); err != nil {
			return nil, fmt.Errorf("count %s: %w", t, err)
		}
		out[t] = n
	}
	return out, nil
}
