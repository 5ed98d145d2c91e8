package deadlines

import "github.com/ccf-portal/ccfportal/db/domain"

// ExtensionInput is the secretariat's extension of the time limit.
type ExtensionInput struct {
	Date   string // the new due date, YYYY-MM-DD
	Reason string
}

// CanExtend says whether the time limit of r may be extended now: it runs
// (r is admissible and pending, with a due date).
func CanExtend(r domain.Request) error {
	if r.DueAt.IsZero() || !r.Status.IsOpen() {
		return domain.Errorf(domain.EConflict, "deadlines.extend.not_running")
	}
	return nil
}

// ValidateExtension checks an extension of r's time limit: a real day
// later than the current due date (and within MaxExtensionMonths of it),
// with a reason.
func ValidateExtension(r domain.Request, in ExtensionInput) domain.FieldErrors {
	var errs domain.FieldErrors
	d, err := ParseDay(in.Date)
	switch {
	case in.Date == "":
		errs.Add("date", "deadlines.date_required")
	case err != nil:
		errs.Add("date", "answer.date_invalid")
	case day(d) <= day(r.DueAt):
		errs.Add("date", "deadlines.extend.not_later", day(r.DueAt))
	case day(d) > day(domain.AddMonths(r.DueAt, MaxExtensionMonths)):
		errs.Add("date", "deadlines.extend.too_far", MaxExtensionMonths)
	}
	domain.CheckText(&errs, "reason", in.Reason, "deadlines.reason_required")
	return errs
}
