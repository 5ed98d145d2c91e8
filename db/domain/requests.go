package domain

import (
	"time"
)

// Request is a filing to the CCF, from its first draft to its end.
type Request struct {
	ID            int64
	Reference     string // empty until submitted
	Kind          Kind
	AlsoAccess    bool
	Status        Status
	FilerID       int64
	ApplicantID   int64
	ParentID      int64
	Language      string
	ApplicantName string
	SourceCountry string
	Answers       Answers
	CreatedAt     time.Time
	UpdatedAt     time.Time
	SubmittedAt   time.Time // zero until submitted
	AdmissibleAt  time.Time
	DueAt         time.Time
	DecidedAt     time.Time
	EventAt       time.Time // provisional measures: when the feared event happens
	// DecisionAdopted: the Requests Chamber has adopted the decision on
	// it, which may not have been sent to the applicant yet.
	DecisionAdopted bool
}

// IsDraft reports whether the request can still be edited by its filer.
func (r Request) IsDraft() bool { return r.Status == StatusDraft }

// Representative reports whether the filer acts for someone else.
func (r Request) Representative() bool { return representative(r.Answers) }

// DraftOptions say what kind of request to start and where it comes from.
type DraftOptions struct {
	Kind       Kind
	AlsoAccess bool  // a deletion or correction that also asks for access
	ParentID   int64 // an earlier request of the filer's this one follows
	FollowUp   bool  // the data were re-issued after the earlier case ended
	// ApplicantID files for a kept applicant record, starting from it.
	ApplicantID int64
}

// PrefillFields are carried from an earlier filing into a new draft, so the
// person concerned is described once.
var PrefillFields = []string{"representation", "relationship", "applicant_minor", "full_name", "other_names",
	"birth_date", "birth_place", "nationality", "nationality_2", "id_type", "id_number", "id_issuer", "id_expiry",
	"contact_email", "contact_phone", "contact_address", "contact_safety", "language"}

func ValidNewKind(o DraftOptions) bool {
	switch o.Kind {
	case KindAccess:
		return !o.AlsoAccess
	case KindDeletion, KindCorrection:
		return true
	}
	return false
}
