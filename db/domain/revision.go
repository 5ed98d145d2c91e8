package domain

import (
	"time"
)

// RevisionMonths is the time to apply for revision, counted from the day
// the new fact was discovered.
const RevisionMonths = 6

// MaxRevisionSummaryPages limits the summary of the new fact (practice).
const MaxRevisionSummaryPages = 2

// RevisionSection is the application for revision: the new fact, when it
// was discovered, and why it could have changed the outcome.
var RevisionSection = Section{Key: "revision", Fields: []FieldSpec{
	{Name: "revision_fact", Kind: FieldLongText, Required: true, MaxRunes: 10000},
	{Name: "revision_discovered", Kind: FieldDate, Required: true, Date: PastDate},
	{Name: "revision_why", Kind: FieldLongText, Required: true, MaxRunes: 10000},
	// Asked of every applicant, needed only of a late one: the CCF, not the
	// portal, decides whether a late application is admissible.
	{Name: "revision_late_reason", Kind: FieldLongText, MaxRunes: 5000},
}}

// RevisionDeadline is the last day to apply, given the discovery date.
func RevisionDeadline(discovered time.Time) time.Time {
	return AddMonths(discovered, RevisionMonths)
}

// CheckRevisionWindow reports an application made more than six months
// after the discovery of the new fact, saying until when it was due. It is
// a warning: a late application is filed with the reason for the delay.
func CheckRevisionWindow(discovered, now time.Time) error {
	deadline := RevisionDeadline(discovered)
	if now.Truncate(24 * time.Hour).After(deadline) {
		return Errorf(EInvalid, "revision.too_late", deadline.Format(time.DateOnly))
	}
	return nil
}

// DecisionOlderThanWindow reports whether a decision is older than the
// revision window. Revision is still possible if the new fact was
// discovered recently, which the form then says, so no one gives up for
// the wrong reason.
func DecisionOlderThanWindow(decided, now time.Time) bool {
	return now.After(AddMonths(decided, RevisionMonths))
}

// HasDecision reports whether a decision was recorded on r, which is what
// makes it open to revision.
func (r Request) HasDecision() bool {
	return !r.DecidedAt.IsZero() && (r.Status == StatusDecided || r.Status == StatusClosed)
}

// ValidateRevision checks an application for revision, its summary's
// length (a PDF whose pages cannot be counted is refused) and its window.
func ValidateRevision(a Answers, summary NewDocument, hasSummary bool, now time.Time) FieldErrors {
	errs := RevisionSection.Validate(a, now)
	switch {
	case !hasSummary:
		errs.Add("summary_file", "revision.summary_required")
	case summary.PagesUnknown:
		errs.Add("summary_file", "upload.pages_unknown")
	case summary.PageCount > MaxRevisionSummaryPages:
		errs.Add("summary_file", "revision.summary_too_long", summary.PageCount, MaxRevisionSummaryPages)
	}
	if late, deadline := RevisionLate(a, now); late && a["revision_late_reason"] == "" {
		errs.Add("revision_late_reason", "revision.late_reason_required", deadline.Format(time.DateOnly))
	}
	return errs
}

// RevisionLate reports whether an application made at `at` comes more
// than six months after the discovery it states, and the day it was due.
// Staff see the flag; the applicant is told and asked why.
func RevisionLate(a Answers, at time.Time) (bool, time.Time) {
	d, err := time.Parse(time.DateOnly, a["revision_discovered"])
	if err != nil {
		return false, time.Time{}
	}
	return CheckRevisionWindow(d, at) != nil, RevisionDeadline(d)
}
