package db

import (
	"context"
	"sort"
	"time"
)

// Action is something an applicant's case needs from counsel.
type Action string

// What may need counsel's action.
const (
	ActionAnswerClarification Action = "answer_clarification"
	ActionFinishDraft         Action = "finish_draft"
	ActionRefile              Action = "refile"
)

// ApplicantSummary is one line of counsel's dashboard.
type ApplicantSummary struct {
	Applicant    Applicant
	Open         []Request // pending and draft requests
	NextDeadline time.Time // the earliest decision due date or reply-by date
	Urgent       bool      // a pending provisional-measures request
	UrgentEvent  time.Time
	Actions      []Action
	Flags        Flags
}

// ApplicantSummaries lists u's applicants for the dashboard: urgent ones
// first, then by the nearest deadline, then by name.
func (db *DB) ApplicantSummaries(ctx context.Context, u User) ([]ApplicantSummary, error) {
	applicants, err := db.ApplicantsForUser(ctx, u)
	if err != nil {
		return nil, err
	}
	now := db.Clock.Now()
	out := make([]ApplicantSummary, 0, len(applicants))
	for _, a := range applicants {
		s, err := db.applicantSummary(ctx, a, now)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	sort.SliceStable(out, func(i, j int) bool { return summaryBefore(out[i], out[j]) })
	return out, nil
}

func summaryBefore(a, b ApplicantSummary) bool {
	if a.Urgent != b.Urgent {
		return a.Urgent
	}
	if a.Urgent {
		return a.UrgentEvent.Before(b.UrgentEvent)
	}
	if a.NextDeadline.IsZero() != b.NextDeadline.IsZero() {
		return !a.NextDeadline.IsZero()
	}
	return a.NextDeadline.Before(b.NextDeadline)
}

func (db *DB) applicantSummary(ctx context.Context, a Applicant, now time.Time) (ApplicantSummary, error) {
	s := ApplicantSummary{Applicant: a}
	reqs, err := listRequests(ctx, db.read, `WHERE applicant_id = ? ORDER BY updated_at DESC, id DESC`, a.ID)
	if err != nil {
		return s, err
	}
	docs, err := db.ApplicantDocuments(ctx, a.ID)
	if err != nil {
		return s, err
	}
	s.Flags = ApplicantFlags(a, docs, now)
	for _, r := range reqs {
		db.summarise(ctx, &s, r)
	}
	return s, nil
}

// summarise adds one request's deadlines and needed actions to s.
func (db *DB) summarise(ctx context.Context, s *ApplicantSummary, r Request) {
	switch {
	case r.IsDraft():
		s.Open = append(s.Open, r)
		s.addAction(ActionFinishDraft)
	case r.Status == StatusInadmissible:
		s.addAction(ActionRefile)
	case r.Status.IsOpen():
		s.Open = append(s.Open, r)
		s.earliest(r.DueAt)
		if r.Kind == KindProvisional && !r.EventAt.IsZero() && (!s.Urgent || r.EventAt.Before(s.UrgentEvent)) {
			s.Urgent, s.UrgentEvent = true, r.EventAt
		}
		if r.Status == StatusAwaitingApplicant {
			s.addAction(ActionAnswerClarification)
			s.earliest(db.replyBy(ctx, r.ID))
		}
	}
}

func (s *ApplicantSummary) earliest(t time.Time) {
	if !t.IsZero() && (s.NextDeadline.IsZero() || t.Before(s.NextDeadline)) {
		s.NextDeadline = t
	}
}

func (s *ApplicantSummary) addAction(a Action) {
	for _, x := range s.Actions {
		if x == a {
			return
		}
	}
	s.Actions = append(s.Actions, a)
}

// replyBy is the reply-by date of the latest clarification asked on a
// request, or zero.
func (db *DB) replyBy(ctx context.Context, requestID int64) time.Time {
	var v string
	err := db.read.QueryRowContext(ctx, `SELECT reply_by FROM messages WHERE request_id = ? AND kind = 'clarification'
		ORDER BY id DESC LIMIT 1`, requestID).Scan(&v)
	if err != nil {
		return time.Time{}
	}
	t, _ := time.Parse(time.DateOnly, v)
	return t
}
