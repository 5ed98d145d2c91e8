package domain

import "time"

// Kind is what a request asks the CCF for.
type Kind string

// The kinds of request (see DOMAIN.md).
const (
	KindAccess      Kind = "access"
	KindDeletion    Kind = "deletion"
	KindCorrection  Kind = "correction"
	KindRevision    Kind = "revision"
	KindProvisional Kind = "provisional_measures"
)

// Status is where a request stands in the procedure.
type Status string

// The statuses of the status machine.
const (
	StatusDraft             Status = "draft"
	StatusSubmitted         Status = "submitted"
	StatusAdmissible        Status = "admissible"
	StatusInadmissible      Status = "inadmissible"
	StatusUnderReview       Status = "under_review"
	StatusAwaitingApplicant Status = "awaiting_applicant"
	StatusDecided           Status = "decided"
	StatusClosed            Status = "closed"
	StatusWithdrawn         Status = "withdrawn"
)

// transitions lists, for each status, the statuses it may move to. It is
// the whole status machine: nothing else decides what may follow what.
var transitions = map[Status][]Status{
	StatusDraft:             {StatusSubmitted},
	StatusSubmitted:         {StatusAdmissible, StatusInadmissible, StatusAwaitingApplicant, StatusWithdrawn},
	StatusAdmissible:        {StatusUnderReview, StatusAwaitingApplicant, StatusDecided, StatusWithdrawn},
	StatusUnderReview:       {StatusAwaitingApplicant, StatusDecided, StatusWithdrawn},
	StatusAwaitingApplicant: {StatusUnderReview, StatusSubmitted, StatusAdmissible, StatusInadmissible, StatusWithdrawn},
	StatusDecided:           {StatusClosed},
	StatusInadmissible:      {StatusClosed},
	StatusWithdrawn:         {StatusClosed},
	StatusClosed:            {},
}

// CheckTransition returns a conflict error unless a request in status from
// may move to status to.
func CheckTransition(from, to Status) error {
	for _, s := range transitions[from] {
		if s == to {
			return nil
		}
	}
	return Errorf(EConflict, "status.illegal_transition", string(from), string(to))
}

// IsOpen reports whether a request in status s is still pending before the
// CCF: filed and not yet finished.
func (s Status) IsOpen() bool {
	switch s {
	case StatusSubmitted, StatusAdmissible, StatusUnderReview, StatusAwaitingApplicant:
		return true
	}
	return false
}

// TimeLimit is the statutory time for a decision, counted from the date the
// request became admissible (Statute of the CCF, Art. 40): 4 months for
// access, 9 for correction or deletion. Other kinds have none.
func TimeLimit(k Kind) (months int, ok bool) {
	switch k {
	case KindAccess:
		return 4, true
	case KindDeletion, KindCorrection:
		return 9, true
	}
	return 0, false
}

// DueDate is when a decision on a request of kind k is due, given the moment
// it became admissible. A month-end start stays at month end (31 October
// plus 4 months is 28 or 29 February, not early March).
func DueDate(k Kind, admissible time.Time) (time.Time, bool) {
	months, ok := TimeLimit(k)
	if !ok {
		return time.Time{}, false
	}
	return AddMonths(admissible, months), true
}

// AddMonths adds calendar months, clamping the day to the target month's
// last day.
func AddMonths(t time.Time, months int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(months), 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(d, last)-1)
}

// DaysLeft is the number of whole days from now until due; negative when
// overdue.
func DaysLeft(due, now time.Time) int {
	return int(due.Sub(now).Hours() / 24)
}
