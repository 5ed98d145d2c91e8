package db

import (
	"context"
	"fmt"

	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
)

// CaseOutcomeOf gathers the outcome of request id.
func (db *DB) CaseOutcomeOf(ctx context.Context, id int64) (domain.CaseOutcome, error) {
	var out domain.CaseOutcome
	var err error
	if out.Admissibility, err = db.AdmissibilityOf(ctx, id); err != nil {
		return out, err
	}
	if out.Messages, err = db.Messages(ctx, id); err != nil {
		return out, err
	}
	if out.Measures, err = db.MeasuresOf(ctx, id); err != nil {
		return out, err
	}
	if out.Decision, err = db.DecisionOf(ctx, id); err != nil {
		return out, err
	}
	var notices, carried int64
	err = db.Reader().QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM deletion_notices WHERE request_id = ?),
		(SELECT COALESCE(MAX(at), 0) FROM events WHERE request_id = ? AND kind = ?)`, id, id, domain.EventDecisionCarriedOut).
		Scan(&notices, &carried)
	if err != nil {
		return out, conn.Failed(fmt.Sprintf("load outcome of request %d", id), err)
	}
	out.NoticeIssued, out.CarriedOutAt = notices > 0, conn.UnixTime(carried)
	return out, nil
}
