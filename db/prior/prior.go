// Package prior keeps the earlier cases that requests name outside the
// portal (a revision of a decision taken by e-mail or post, a deletion
// request filed after such a case's data were re-issued): one row per
// request, written in the transaction that files or starts it.
package prior

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/ccf-portal/ccfportal/db/conn"
	rules "github.com/ccf-portal/ccfportal/db/domain/prior"
)

// Record writes the earlier case request id names, inside tx.
func Record(ctx context.Context, tx *sql.Tx, id int64, p rules.Purpose, d rules.Decision, now time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO prior_cases (request_id, purpose, reference, decided_on, copy_note, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`, id, p, d.Reference, d.DecidedOn, d.CopyNote, now.Unix())
	return conn.Failed(fmt.Sprintf("record the earlier case of request %d", id), err)
}

// Of reads the earlier case request id names, with whether a copy of its
// decision is among the request's documents; nil if it names none.
func Of(ctx context.Context, q conn.Queryer, id int64) (*rules.Case, error) {
	var c rules.Case
	err := q.QueryRowContext(ctx, `SELECT p.purpose, p.reference, p.decided_on, p.copy_note,
		EXISTS (SELECT 1 FROM documents d WHERE d.request_id = p.request_id AND d.doc_type = 'prior_decision')
		FROM prior_cases p WHERE p.request_id = ?`, id).
		Scan(&c.Purpose, &c.Decision.Reference, &c.Decision.DecidedOn, &c.Decision.CopyNote, &c.Decision.HasCopy)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, conn.Failed(fmt.Sprintf("load the earlier case of request %d", id), err)
	}
	return &c, nil
}
