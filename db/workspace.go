package db

import (
	"context"
	"sort"
	"time"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// ApplicantSummaries lists u's applicants for the dashboard: urgent ones
// first, then by the nearest deadline, then by name.
func (db *DB) ApplicantSummaries(ctx context.Context, u domain.User) ([]domain.ApplicantSummary, error) {
	applicants, err := db.ApplicantsForUser(ctx, u)
	if err != nil {
		return nil, err
	}
	now := db.Clock.Now()
	out := make([]domain.ApplicantSummary, 0, len(applicants))
	for _, a := range applicants {
		s, err := db.applicantSummary(ctx, a, now)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	sort.SliceStable(out, func(i, j int) bool { return domain.SummaryBefore(out[i], out[j]) })
	return out, nil
}

func (db *DB) applicantSummary(ctx context.Context, a domain.Applicant, now time.Time) (domain.ApplicantSummary, error) {
	s := domain.ApplicantSummary{Applicant: a}
	reqs, err := listRequests(ctx, db.Reader(), `WHERE applicant_id = ? ORDER BY updated_at DESC, id DESC`, a.ID)
	if err != nil {
		return s, err
	}
	docs, err := db.ApplicantDocuments(ctx, a.ID)
	if err != nil {
		return s, err
	}
	if s.Flags, err = db.RecordFlags(ctx, a, docs); err != nil {
		return s, err
	}
	for _, r := range reqs {
		db.summarise(ctx, &s, r)
	}
	return s, nil
}

// summarise adds one request's deadlines and needed actions to s.
func (db *DB) summarise(ctx context.Context, s *domain.ApplicantSummary, r domain.Request) {
	switch {
	case r.IsDraft():
		s.Open = append(s.Open, r)
		s.AddAction(domain.ActionFinishDraft)
	case r.Status == domain.StatusInadmissible:
		s.AddAction(domain.ActionRefile)
	case r.Status.IsOpen():
		s.Open = append(s.Open, r)
		s.Earliest(r.DueAt)
		if r.Kind == domain.KindProvisional && (!s.Urgent || moreUrgent(r.EventAt, s.UrgentEvent)) {
			s.Urgent, s.UrgentEvent = true, r.EventAt
		}
		if r.Status == domain.StatusAwaitingApplicant {
			s.AddAction(domain.ActionAnswerClarification)
			s.Earliest(db.replyBy(ctx, r.ID))
		}
	}
}

// moreUrgent reports whether an urgent request for an event at a comes
// before one at b: one with no date known (a person detained now) first.
func moreUrgent(a, b time.Time) bool {
	return !b.IsZero() && (a.IsZero() || a.Before(b))
}

// replyBy is the reply-by date of the latest clarification asked on a
// request, or zero.
func (db *DB) replyBy(ctx context.Context, requestID int64) time.Time {
	var v string
	err := db.Reader().QueryRowContext(ctx, `SELECT reply_by FROM messages WHERE request_id = ? AND kind = 'clarification'
		ORDER BY id DESC LIMIT 1`, requestID).Scan(&v)
	if err != nil {
		return time.Time{}
	}
	t, _ := time.Parse(time.DateOnly, v)
	return t
}
