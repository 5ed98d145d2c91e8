package domain

import (
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

func SummaryBefore(a, b ApplicantSummary) bool {
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

func (s *ApplicantSummary) Earliest(t time.Time) {
	if !t.IsZero() && (s.NextDeadline.IsZero() || t.Before(s.NextDeadline)) {
		s.NextDeadline = t
	}
}

func (s *ApplicantSummary) AddAction(a Action) {
	for _, x := range s.Actions {
		if x == a {
			return
		}
	}
	s.Actions = append(s.Actions, a)
}
