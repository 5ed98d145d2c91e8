package queue

import (
	"time"

	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/deadlines"
	"github.com/ccf-portal/ccfportal/db/domain/desk"
)

// timeLimitFlags reads whether a row's admissibility was assessed and
// whether the applicant waits for an answer to a request for more time
// (through the index of pending ones, migration 0110).
const timeLimitFlags = `(r.admissible_at IS NOT NULL),
	EXISTS (SELECT 1 FROM more_time_requests t WHERE t.request_id = r.id AND t.answer = '')`

// admissibilityDue is when the admissibility of row r is due, if it is
// still to be assessed.
func (db Store) admissibilityDue(r desk.Row, assessed bool) time.Time {
	req := domain.Request{Status: r.Status, SubmittedAt: r.SubmittedAt}
	if assessed {
		req.AdmissibleAt = time.Unix(1, 0) // any date: assessed
	}
	return rules.AdmissibilityDue(req, db.AdmissibilityMonths)
}
