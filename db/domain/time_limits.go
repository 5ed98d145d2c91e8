package domain

import "time"

// TimeLimits is what a case records about its time limits beyond the dates
// on the request itself: the corrections of its admissibility date, the
// extensions of its 4- or 9-month limit, and the applicant's requests for
// more time to answer a clarification (rules in db/domain/deadlines).
type TimeLimits struct {
	Corrections []AdmissibilityCorrection
	Extensions  []Extension
	MoreTime    []MoreTime
	// AdmissibilityDue is when the admissibility assessment is due, while
	// it is pending (zero otherwise).
	AdmissibilityDue time.Time
}

// AdmissibilityCorrection is a later correction of the admissibility date.
type AdmissibilityCorrection struct {
	From, To  time.Time // the admissibility date before and after
	Reason    string
	ByName    string
	CreatedAt time.Time
}

// Extension is one extension of the time limit to a new date.
type Extension struct {
	From, To  time.Time // the due date before and after
	Reason    string    // for the CCF only
	ByName    string
	CreatedAt time.Time
}

// MoreTime is an applicant's request for more time to answer the
// clarification MessageID, and the CCF's answer once given.
type MoreTime struct {
	ID         int64
	MessageID  int64
	Reason     string
	Proposed   string // YYYY-MM-DD
	AskedAt    time.Time
	Answer     string // "" while pending, MoreTimeGranted or MoreTimeRefused
	Granted    string // the new reply-by date, YYYY-MM-DD, when granted
	Message    string // the CCF's words to the applicant
	AnsweredAt time.Time
}

// The answers to a request for more time.
const (
	MoreTimeGranted = "granted"
	MoreTimeRefused = "refused"
)

// ForApplicant is what the applicant may see: the extensions' dates but
// not the CCF's reasons, and no corrections (their effect is the due date).
func (t TimeLimits) ForApplicant() TimeLimits {
	out := TimeLimits{MoreTime: t.MoreTime}
	for _, e := range t.Extensions {
		out.Extensions = append(out.Extensions, Extension{From: e.From, To: e.To, CreatedAt: e.CreatedAt})
	}
	return out
}
