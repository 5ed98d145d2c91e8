// Package certificate holds the rules of "to whom it may concern"
// certificates: after the data about an applicant were deleted, the
// applicant may ask the CCF for a certificate, which INTERPOL's General
// Secretariat issues and which can show that no notice or diffusion is
// held. The CCF decides whether and when; the secretariat attaches the
// certificate issued or refuses with a message. Pure Go.
package certificate

import (
	"strings"
	"time"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/outcome"
)

// State is where an application stands.
type State string

// The states of an application.
const (
	StatePending State = "pending"
	StateIssued  State = "issued"
	StateRefused State = "refused"
)

// Audited actions on applications.
const (
	AuditApply    domain.AuditAction = "certificate_apply"
	AuditIssue    domain.AuditAction = "certificate_issue"
	AuditRefuse   domain.AuditAction = "certificate_refuse"
	AuditDownload domain.AuditAction = "certificate_download"
)

// Timeline entries, seen by the applicant and staff.
const (
	EventApplied domain.EventKind = "certificate_applied"
	EventIssued  domain.EventKind = "certificate_issued"
	EventRefused domain.EventKind = "certificate_refused"
)

// PDF is the only type a certificate may have: the General Secretariat
// issues it as a PDF document.
const PDF = "application/pdf"

// Document is the certificate attached to an issued application.
type Document struct {
	ID          int64
	ContentType string
	Size        int64
	SHA256      string
	StorageKey  string
}

// Application is one application for a certificate on a case.
type Application struct {
	ID         int64
	RequestID  int64
	State      State
	Purpose    string
	AppliedBy  int64
	AppliedAt  time.Time
	Message    string // why the CCF refused, if it did
	AnsweredAt time.Time
	Document   *Document // the certificate, once issued
}

// AfterDeletion reports whether decision d, as sent to the applicant,
// deleted the data: a finding that orders them deleted (also because the
// source did not reply, and a revision that came to it: outcome.ActionOf
// reads the deletion part of a combined filing and a revised outcome), or
// data deleted by the source or the General Secretariat before a decision.
func AfterDeletion(d *domain.Decision) bool {
	if d == nil {
		return false
	}
	effective := outcome.Effective(domain.DecisionInput{Outcome: d.Outcome, DecisionParts: domain.DecisionParts{Revised: d.Revised}})
	return outcome.ActionOf(*d) == "delete" || effective == outcome.DeletedBeforeDecision
}

// Pending is the application still waiting for an answer, if any.
func Pending(apps []Application) *Application {
	for i := range apps {
		if apps[i].State == StatePending {
			return &apps[i]
		}
	}
	return nil
}

// CanApply says whether u may apply for a certificate on the case whose
// decision sent to the applicant is d (nil if none was sent by now), with
// the applications apps already made: only the applicant's side
// (petitioner or counsel; access to the case itself is the store's live
// grant), only after a deletion, and one pending application at a time.
func CanApply(u domain.User, d *domain.Decision, apps []Application, now time.Time) error {
	if u.Role != domain.RolePetitioner && u.Role != domain.RoleCounsel {
		return domain.Errorf(domain.EForbidden, "error.forbidden_role")
	}
	if !AfterDeletion(d) || d.DecidedAt.After(now) {
		return domain.Errorf(domain.EConflict, "certificate.not_after_deletion")
	}
	if Pending(apps) != nil {
		return domain.Errorf(domain.EConflict, "certificate.already_pending")
	}
	return nil
}

// ValidatePurpose checks the optional note on what the certificate is for.
func ValidatePurpose(v string) domain.FieldErrors {
	var errs domain.FieldErrors
	if strings.TrimSpace(v) != "" {
		domain.CheckText(&errs, "purpose", v, "")
	}
	return errs
}

// CanAnswer finds the pending application staff answer; none is a
// conflict (answered meanwhile, or never made).
func CanAnswer(apps []Application) (*Application, error) {
	p := Pending(apps)
	if p == nil {
		return nil, domain.Errorf(domain.EConflict, "certificate.none_pending")
	}
	return p, nil
}

// ValidateRefusal checks the message that tells the applicant why the
// CCF refused.
func ValidateRefusal(message string) domain.FieldErrors {
	var errs domain.FieldErrors
	domain.CheckText(&errs, "message", message, "certificate.message_required")
	return errs
}

// ValidateDocument checks the certificate attached: a file was sent, and
// its content is a PDF.
func ValidateDocument(present bool, contentType string) domain.FieldErrors {
	var errs domain.FieldErrors
	switch {
	case !present:
		errs.Add("file", "certificate.file_required")
	case contentType != PDF:
		errs.Add("file", "certificate.pdf_only")
	}
	return errs
}
