package chamber

import (
	"strings"
	"time"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/outcome"
)

// Audited steps of a decision's life.
const (
	AuditDraft           domain.AuditAction = "decision_draft"
	AuditAdopt           domain.AuditAction = "decision_adopt"
	AuditSentToGS        domain.AuditAction = "decision_sent_gs"
	AuditImplemented     domain.AuditAction = "decision_implemented"
	AuditSentToApplicant domain.AuditAction = "decision_sent_applicant"
)

// Decision is a decision on its way from the draft to the applicant.
type Decision struct {
	RequestID       int64
	Input           domain.DecisionInput
	DraftedBy       string
	DraftedAt       time.Time
	SessionID       int64
	Session         string // its label, "2026/3", once adopted
	AdoptedBy       string
	AdoptedAt       time.Time
	SentToGSOn      string
	ImplementedOn   string
	Implementation  string
	SentToApplicant string
	// Earlier: recorded before decisions had a life (migration 0091), when
	// a decision reached the applicant as soon as staff recorded it; it is
	// read as adopted and sent on that day, and the later steps (sending
	// to the General Secretariat, implementation) follow as for any other.
	Earlier bool
}

// Stage is how far the decision has come.
func (d *Decision) Stage() Stage {
	switch {
	case d == nil:
		return StageNone
	case d.SentToApplicant != "":
		return StageSentToApplicant
	case d.ImplementedOn != "":
		return StageImplemented
	case d.SentToGSOn != "":
		return StageSentToGS
	case !d.AdoptedAt.IsZero():
		return StageAdopted
	}
	return StageDrafted
}

// ChangesData reports whether the decision orders the data deleted or
// corrected, so that the case waits for the implementation to close.
func (d *Decision) ChangesData() bool {
	return outcome.ChangesData(d.Input)
}

// CanDraft says whether the draft may be written or changed: the request
// must be decidable and the decision not yet adopted.
func CanDraft(r domain.Request, d *Decision) error {
	if d.Stage().Adopted() {
		return domain.Errorf(domain.EConflict, "chamber.already_adopted_draft")
	}
	return domain.CanDecide(r)
}

// CanAdopt says whether the Chamber may adopt the draft at session
// sessionID: a draft exists, is not adopted yet, and the case is on that
// session's agenda (onAgenda, 0 if none).
func CanAdopt(r domain.Request, d *Decision, onAgenda int64) error {
	switch {
	case d == nil:
		return domain.Errorf(domain.EConflict, "chamber.no_draft")
	case d.Stage().Adopted():
		return domain.Errorf(domain.EConflict, "chamber.already_adopted_draft")
	case onAgenda == 0:
		return domain.Errorf(domain.EConflict, "chamber.not_on_agenda")
	}
	return domain.CanDecide(r)
}

// ValidateStep checks a step after adoption: the stage it follows, a
// real date not in the future and not before the step before, and, for
// the implementation, what was done.
func ValidateStep(d *Decision, step Stage, on, what string, now time.Time) domain.FieldErrors {
	var errs domain.FieldErrors
	var after string
	switch step {
	case StageSentToGS:
		if !d.Stage().Adopted() || d.SentToGSOn != "" {
			errs.Add("action-form", "chamber.not_adopted")
			return errs
		}
		after = d.AdoptedAt.UTC().Format(time.DateOnly)
	case StageImplemented:
		if d == nil || d.SentToGSOn == "" || d.ImplementedOn != "" {
			errs.Add("action-form", "chamber.not_sent_to_gs")
			return errs
		}
		after = d.SentToGSOn
		if strings.TrimSpace(what) == "" {
			errs.Add("implementation", "chamber.implementation_required")
		}
	case StageSentToApplicant:
		if d == nil || d.SentToGSOn == "" || d.SentToApplicant != "" {
			errs.Add("action-form", "chamber.not_sent_to_gs")
			return errs
		}
		after = d.SentToGSOn
	}
	day, err := time.Parse(time.DateOnly, on)
	switch {
	case strings.TrimSpace(on) == "":
		errs.Add("on", "chamber.date_required")
	case err != nil || day.Year() < 2000:
		errs.Add("on", "answer.date_invalid")
	case on > today(now):
		errs.Add("on", "answer.date_must_be_past")
	case on < after:
		errs.Add("on", "chamber.date_before_previous")
	}
	return errs
}

// Closes reports whether the case closes once this step is recorded: the
// decision has been sent to the applicant and, where it changes the
// data, their implementation is recorded.
func Closes(d Decision) bool {
	return d.SentToApplicant != "" && (!d.ChangesData() || d.ImplementedOn != "")
}
