// Package deadlines holds the rules of a case's time limits beyond the
// statutory 4 and 9 months (db/domain): when admissibility is due, how a
// corrected admissibility date moves the due date, extensions of the time
// limit, and the applicant's requests for more time to answer a
// clarification. Pure Go.
package deadlines

import (
	"time"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// DefaultAdmissibilityMonths is how long after receipt the CCF usually
// assesses admissibility (practice): about a month.
const DefaultAdmissibilityMonths = 1

// MaxMoreTimeDays bounds a request for more time, and the date granted:
// no later than this many days after the current reply-by date.
const MaxMoreTimeDays = 90

// MaxExtensionMonths bounds an extension: no later than this many months
// after the current due date, so that a mistyped year is caught.
const MaxExtensionMonths = 24

// The steps' timeline entries and audit actions.
const (
	EventAdmissibilityCorrected domain.EventKind = "admissibility_corrected"
	EventTimeLimitExtended      domain.EventKind = "time_limit_extended"
	EventMoreTimeAsked          domain.EventKind = "more_time_asked"
	EventMoreTimeGranted        domain.EventKind = "more_time_granted"
	EventMoreTimeRefused        domain.EventKind = "more_time_refused"

	AuditAdmissibilityCorrect domain.AuditAction = "admissibility_correct"
	AuditExtend               domain.AuditAction = "time_limit_extend"
	AuditMoreTimeAnswer       domain.AuditAction = "more_time_answer"
)

// AdmissibilityDue is when the admissibility of r is due, months after its
// receipt (0 or less takes the default), while it is pending; zero once
// assessed or for a request that has none.
func AdmissibilityDue(r domain.Request, months int) time.Time {
	if !domain.AdmissibilityPending(r) || r.SubmittedAt.IsZero() {
		return time.Time{}
	}
	return domain.AddMonths(r.SubmittedAt, monthsOr(months))
}

// AdmissibilityOverdue reports whether due (from AdmissibilityDue) is
// past on the day of now.
func AdmissibilityOverdue(due, now time.Time) bool {
	return !due.IsZero() && day(now) > day(due)
}

func monthsOr(months int) int {
	if months <= 0 {
		return DefaultAdmissibilityMonths
	}
	return months
}

// day is t's UTC calendar day, YYYY-MM-DD, which compares as text.
func day(t time.Time) string { return t.UTC().Format(time.DateOnly) }

// ParseDay reads a YYYY-MM-DD day as midnight UTC.
func ParseDay(v string) (time.Time, error) { return time.Parse(time.DateOnly, v) }

// ForApplicant is what the applicant may read of t: the extensions' dates
// but not the CCF's reasons, and no corrections (their effect is the due
// date itself).
func ForApplicant(t domain.TimeLimits) domain.TimeLimits {
	out := domain.TimeLimits{MoreTime: t.MoreTime}
	for _, e := range t.Extensions {
		out.Extensions = append(out.Extensions, domain.DateChange{From: e.From, To: e.To, CreatedAt: e.CreatedAt})
	}
	return out
}
