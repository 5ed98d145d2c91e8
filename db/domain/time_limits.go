package domain

import "time"

// TimeLimits is what a case records of its time limits beyond the dates on
// the request (rules in db/domain/deadlines): corrections of the
// admissibility date, extensions of the time limit, the applicant's
// requests for more time to answer, and, while it is pending, when the
// admissibility assessment is due.
type TimeLimits struct {
	Corrections, Extensions []DateChange
	MoreTime                []MoreTime
	AdmissibilityDue        time.Time
}

// DateChange is one change of a case's date, from one day to another, with
// the CCF's reason (for the CCF only) and who recorded it.
type DateChange struct {
	From, To       time.Time
	Reason, ByName string
	CreatedAt      time.Time
}

// MoreTime is an applicant's request for more time to answer clarification
// MessageID; Answer is "" while pending, else MoreTimeGranted (Granted is
// the new reply-by day) or MoreTimeRefused, with the CCF's Message.
type MoreTime struct {
	ID, MessageID            int64
	Reason, Proposed         string // Proposed: YYYY-MM-DD
	AskedAt, AnsweredAt      time.Time
	Answer, Granted, Message string
}

// The answers to a request for more time.
const (
	MoreTimeGranted = "granted"
	MoreTimeRefused = "refused"
)
