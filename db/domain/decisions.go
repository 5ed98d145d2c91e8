package domain

import (
	"slices"
	"time"
)

// Decision outcomes (see DOMAIN.md, "After a decision").
const (
	DecisionNoData                 = "no_data"
	DecisionDataHeld               = "data_held"
	DecisionNeitherConfirmNorDeny  = "neither_confirm_nor_deny"
	DecisionCompliant              = "compliant"
	DecisionNonCompliantDeletion   = "non_compliant_deletion"
	DecisionNonCompliantCorrection = "non_compliant_correction"
	DecisionDeletedBeforeDecision  = "deleted_before_decision"
	DecisionUpheld                 = "upheld"
	DecisionRevised                = "revised"
	DecisionMeasuresGranted        = "measures_granted"
	DecisionMeasuresRefused        = "measures_refused"
	DecisionWithdrawn              = "withdrawn"
)

// DecisionOutcomes lists the outcomes a request of kind k can end with, in
// the order the form offers them. Every kind can end withdrawn; the
// inadmissible ending is the admissibility assessment's.
func DecisionOutcomes(k Kind) []string {
	var out []string
	switch k {
	case KindAccess:
		out = []string{DecisionNoData, DecisionDataHeld, DecisionNeitherConfirmNorDeny}
	case KindDeletion, KindCorrection:
		out = []string{DecisionCompliant, DecisionNonCompliantDeletion, DecisionNonCompliantCorrection, DecisionDeletedBeforeDecision}
	case KindRevision:
		out = []string{DecisionUpheld, DecisionRevised}
	case KindProvisional:
		out = []string{DecisionMeasuresGranted, DecisionMeasuresRefused}
	}
	return append(out, DecisionWithdrawn)
}

// NoticeAction is what a decision orders done to the data in every
// national database that received them: "delete" or "correct". Only a
// finding of non-compliance orders anything.
func NoticeAction(outcome string) (string, bool) {
	switch outcome {
	case DecisionNonCompliantDeletion:
		return "delete", true
	case DecisionNonCompliantCorrection:
		return "correct", true
	}
	return "", false
}

// Decision is how a request ended before the CCF.
type Decision struct {
	ID         int64
	RequestID  int64
	Reference  string
	Outcome    string
	Reasons    string
	Disclosure string
	Document   *Document
	DecidedBy  int64
	DecidedAt  time.Time
}

// DecisionInput is what the staff form supplies; the decision document,
// if any, comes separately as a staged upload.
type DecisionInput struct {
	Outcome    string
	Reasons    string
	Disclosure string
}

// ValidateDecision checks the outcome fits the kind, reasons are given and,
// when data are held, what may be disclosed.
func ValidateDecision(k Kind, in DecisionInput) FieldErrors {
	var errs FieldErrors
	if !slices.Contains(DecisionOutcomes(k), in.Outcome) {
		errs.Add("outcome", "decision.outcome_required")
	}
	CheckText(&errs, "reasons", in.Reasons, "decision.reasons_required")
	if in.Outcome == DecisionDataHeld {
		CheckText(&errs, "disclosure", in.Disclosure, "decision.disclosure_required")
	}
	return errs
}

// DecisionConflict gives the status machine's refusal a message that says
// why this request cannot be decided now.
func DecisionConflict(err error, from Status) error {
	if ErrorCode(err) != EConflict {
		return err
	}
	switch from {
	case StatusDecided, StatusClosed:
		return Errorf(EConflict, "decision.already_decided")
	case StatusInadmissible:
		return Errorf(EConflict, "decision.inadmissible")
	case StatusWithdrawn:
		return Errorf(EConflict, "decision.withdrawn")
	case StatusSubmitted:
		return Errorf(EConflict, "decision.not_yet_admissible")
	case StatusAwaitingApplicant:
		return Errorf(EConflict, "decision.awaiting_applicant")
	}
	return err
}

// CanDecide says whether r may be decided now, and if not, why.
func CanDecide(r Request) error {
	if err := CheckTransition(r.Status, StatusDecided); err != nil {
		return DecisionConflict(err, r.Status)
	}
	return nil
}
