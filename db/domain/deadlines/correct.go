package deadlines

import (
	"time"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// CorrectionInput is the secretariat's correction of the admissibility date.
type CorrectionInput struct {
	Date   string // YYYY-MM-DD
	Reason string
}

// ValidateCorrection checks a correction of r's admissibility date: r was
// found admissible, the date is a real day, not before r was received,
// not after today and not the current one, and a reason is given.
func ValidateCorrection(r domain.Request, in CorrectionInput, now time.Time) domain.FieldErrors {
	var errs domain.FieldErrors
	if r.AdmissibleAt.IsZero() {
		errs.Add("date", "deadlines.correct.not_admissible")
		return errs
	}
	d, err := ParseDay(in.Date)
	switch {
	case in.Date == "":
		errs.Add("date", "deadlines.date_required")
	case err != nil:
		errs.Add("date", "answer.date_invalid")
	case day(d) < day(r.SubmittedAt):
		errs.Add("date", "deadlines.correct.before_receipt", day(r.SubmittedAt))
	case day(d) > day(now):
		errs.Add("date", "deadlines.correct.future")
	case day(d) == day(r.AdmissibleAt):
		errs.Add("date", "deadlines.correct.same")
	}
	domain.CheckText(&errs, "reason", in.Reason, "deadlines.reason_required")
	return errs
}

// DueAfterCorrection is the due date of r once its admissibility date is
// corrected to admissible, given whether the time limit was extended:
// the statutory date counted from the corrected day, except that an
// extension's explicit date is kept (the CCF set that date itself). warn
// reports a kept extension that now falls before the statutory date, for
// staff to look at; ok is false for a kind without a time limit.
func DueAfterCorrection(r domain.Request, admissible time.Time, extended bool) (due time.Time, warn, ok bool) {
	normal, ok := domain.DueDate(r.Kind, admissible)
	if !ok {
		return time.Time{}, false, false
	}
	if extended && !r.DueAt.IsZero() {
		return r.DueAt, r.DueAt.Before(normal), true
	}
	return normal, false, true
}

// ExtensionBeforeNormal reports whether the due date of r, extended, falls
// before the statutory date counted from its admissibility date, as it
// can after a correction: the case page warns staff of it.
func ExtensionBeforeNormal(r domain.Request, t domain.TimeLimits) bool {
	if len(t.Extensions) == 0 || r.AdmissibleAt.IsZero() {
		return false
	}
	normal, ok := domain.DueDate(r.Kind, r.AdmissibleAt)
	return ok && r.DueAt.Before(normal)
}
