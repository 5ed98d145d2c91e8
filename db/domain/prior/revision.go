package prior

import (
	"time"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// PersonSection says who a revision of an earlier case is for: with no
// case in the portal to take the person from, the filer names them, as on
// an urgent request made before any other (domain.UrgentPersonStep), and
// the working language the CCF is to answer in.
var PersonSection = domain.Section{Key: "prior_person", Fields: append(append([]domain.FieldSpec{},
	domain.UrgentPersonStep.Fields[:5]...),
	domain.FieldSpec{Name: "language", Kind: domain.FieldChoice, Required: true, Options: domain.WorkingLangs})}

// Revision is an application for revision of a decision taken outside
// the portal: who it is for, the earlier case, the revision's own answers
// and its summary of the new fact.
type Revision struct {
	Person     domain.Answers
	Decision   Decision
	Answers    domain.Answers
	Summary    domain.NewDocument
	HasSummary bool
}

// ValidateRevision checks such an application in the order its page asks:
// the person, the earlier case, then what any revision needs (the new
// fact, its discovery, a summary of about two pages; a late application
// is filed once it says why). It normalises the earlier case's reference.
func ValidateRevision(r *Revision, now time.Time) domain.FieldErrors {
	errs := PersonSection.Validate(r.Person, now)
	errs = append(errs, Validate(&r.Decision, now)...)
	return append(errs, domain.ValidateRevision(r.Answers, r.Summary, r.HasSummary, now)...)
}

// Late reports whether the application, filed at `at`, comes more than
// six months after the discovery it states, and the day it was due. It is
// never a refusal: the CCF decides whether a late application is admissible.
func (r Revision) Late(at time.Time) (bool, time.Time) { return domain.RevisionLate(r.Answers, at) }
