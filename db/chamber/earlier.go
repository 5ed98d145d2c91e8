package chamber

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/ccf-portal/ccfportal/db/conn"
	rules "github.com/ccf-portal/ccfportal/db/domain/chamber"
)

// Decisions recorded before decisions had a life (migration 0091, and the
// older decided cases the seed makes) have a decisions row and no
// chamber_decisions row. They were shown to the applicant when recorded,
// so they read as adopted and sent to the applicant that day; the first
// later step writes their chamber_decisions row, and from then on they
// follow the same life as any other.

// earlierDecision reads the decision of requestID recorded before its
// life began, or nil if there is none.
func earlierDecision(ctx context.Context, q conn.Queryer, requestID int64) (*rules.Decision, error) {
	d := rules.Decision{RequestID: requestID, Earlier: true}
	var at int64
	err := q.QueryRowContext(ctx, `SELECT d.outcome, d.reasons, d.disclosure, COALESCE(u.name, ''), d.decided_at
		FROM decisions d LEFT JOIN users u ON u.id = d.decided_by WHERE d.request_id = ?`, requestID).Scan(&d.Input.Outcome,
		&d.Input.Reasons, &d.Input.Disclosure, &d.DraftedBy, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, conn.Failed(fmt.Sprintf("load earlier decision of request %d", requestID), err)
	}
	d.AdoptedBy = d.DraftedBy
	d.DraftedAt, d.AdoptedAt = conn.UnixTime(at), conn.UnixTime(at)
	d.SentToApplicant = d.AdoptedAt.UTC().Format(time.DateOnly)
	return &d, nil
}

// startLife writes the chamber_decisions row of an earlier decision, as
// adopted and sent to the applicant on the day it was recorded, so that
// the step about to run updates it like any other.
func startLife(ctx context.Context, tx *sql.Tx, requestID int64) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO chamber_decisions (request_id, outcome, reasons, disclosure, drafted_by,
		drafted_at, adopted_by, adopted_at, sent_applicant_on)
		SELECT request_id, outcome, reasons, disclosure, decided_by, decided_at, decided_by, decided_at,
		date(decided_at, 'unixepoch') FROM decisions WHERE request_id = ? ON CONFLICT (request_id) DO NOTHING`, requestID)
	return conn.Failed(fmt.Sprintf("start the life of the earlier decision on request %d", requestID), err)
}
