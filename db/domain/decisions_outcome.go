package domain

import (
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
	TimeLimits    TimeLimits
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
