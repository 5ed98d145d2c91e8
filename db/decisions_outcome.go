package db

import (
	"context"
	"time"
)

// CaseOutcome is what has come of a filed request so far: its
// admissibility, the clarification thread, provisional measures, the
// decision and whether the decision was carried out. All of it is shown to
// the applicant; nothing internal is included.
type CaseOutcome struct {
	Admissibility *Admissibility
	Messages      []Message
	Measures      []Measure
	Decision      *Decision
	NoticeIssued  bool
	CarriedOutAt  time.Time
}

// CaseOutcomeOf gathers the outcome of request id.
func (db *DB) CaseOutcomeOf(ctx context.Context, id int64) (CaseOutcome, error) {
	var out CaseOutcome
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
	err = db.read.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM deletion_notices WHERE request_id = ?),
		(SELECT COALESCE(MAX(at), 0) FROM events WHERE request_id = ? AND kind = ?)`, id, id, EventDecisionCarriedOut).
		Scan(&notices, &carried)
	if err != nil {
		return out, Internal(err)
	}
	out.NoticeIssued, out.CarriedOutAt = notices > 0, unixTime(carried)
	return out, nil
}

// PendingClarification is the question the applicant still has to answer,
// if the case waits for them.
func (o CaseOutcome) PendingClarification(s Status) *Message {
	if s != StatusAwaitingApplicant {
		return nil
	}
	for i := len(o.Messages) - 1; i >= 0; i-- {
		if o.Messages[i].Kind == MessageClarification {
			return &o.Messages[i]
		}
	}
	return nil
}
