package domain

import (
	"time"
)

// Decision is how a request ended before the CCF.
type Decision struct {
	ID         int64
	RequestID  int64
	Reference  string
	Outcome    string
	Reasons    string
	Disclosure string
	DecisionParts
	Action    string // what it orders done to the data ("delete", "correct"), from its outcome (outcome.ActionOf)
	Document  *Document
	DecidedBy int64
	DecidedAt time.Time
}

// DecisionInput is what the staff form supplies; the decision document,
// if any, comes separately as a staged upload.
type DecisionInput struct {
	Outcome    string
	Reasons    string
	Disclosure string
	DecisionParts
}

// DecisionParts is what a decision holds beyond its outcome, reasons and
// disclosure (rules in db/domain/outcome): the text some outcomes need,
// the new outcome of a revised decision, and the access part of a
// deletion or correction filing that also asks for access.
type DecisionParts struct {
	Detail           string // the corrective measures, or why closed without a decision
	Revised          string // a revised decision's new outcome
	AccessOutcome    string
	AccessDisclosure string
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
