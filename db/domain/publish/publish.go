// Package publish holds the rules of the CCF's published decisions: an
// anonymised excerpt of a decided case's decision, with its tags (year,
// session, kind, grounds, outcome), written by a member of the Requests
// Chamber and public only once a second staff member has approved it. An
// excerpt that repeats the person's name, birth date, identity document
// number or e-mail address as the case stores them is refused, compared on
// normalised text. Pure Go.
package publish

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/outcome"
)

// State is where a publication stands.
type State string

// The states of a publication. A draft is seen by staff only; approved, it
// is public; withdrawn, it is hidden again (and may be written anew).
const (
	Draft     State = "draft"
	Published State = "published"
	Withdrawn State = "withdrawn"
)

// The audit actions of publications.
const (
	AuditSave     domain.AuditAction = "publication_save"
	AuditRefuse   domain.AuditAction = "publication_refused"
	AuditApprove  domain.AuditAction = "publication_approve"
	AuditWithdraw domain.AuditAction = "publication_withdraw"
)

// Limits of what a publication holds.
const (
	MaxExcerpt = 20000 // characters
	MaxSession = 100
)

// Publication is one case's published (or to be published) decision.
type Publication struct {
	ID, RequestID int64
	Reference     string // the case's, for staff only
	Year          int
	Session       string
	Kind          domain.Kind
	Grounds       []domain.GroundCode
	Outcome       string
	Excerpt       string
	State         State
	AuthorID      int64
	AuthorName    string
	ApproverID    int64
	UpdatedAt     time.Time
	ApprovedAt    time.Time
}

// Input is what the Chamber member writes.
type Input struct {
	Session string
	Excerpt string
}

// Validate checks the input's shape; the identifiers are checked by Check.
func (in Input) Validate() domain.FieldErrors {
	var errs domain.FieldErrors
	if utf8.RuneCountInString(in.Session) > MaxSession {
		errs.Add("session", "publish.error.session_long", MaxSession)
	}
	switch n := utf8.RuneCountInString(in.Excerpt); {
	case strings.TrimSpace(in.Excerpt) == "":
		errs.Add("excerpt", "publish.error.excerpt_required")
	case n > MaxExcerpt:
		errs.Add("excerpt", "publish.error.excerpt_long", MaxExcerpt)
	}
	return errs
}

// Check refuses an excerpt (or session label) that contains one of the
// case's identifiers, saying only which kind was found.
func Check(id Identifiers, in Input) (Found, domain.FieldErrors) {
	var errs domain.FieldErrors
	found := id.Find(in.Excerpt)
	if found != FoundNone {
		errs.Add("excerpt", "publish.error.found."+string(found))
	} else if found = id.Find(in.Session); found != FoundNone {
		errs.Add("session", "publish.error.found."+string(found))
	}
	return found, errs
}

// CanDecide reports whether a case's decision may be published: only a
// decision on the merits of a decided request, not a withdrawal, an
// inadmissibility or a closing without decision.
func CanDecide(status domain.Status, o string) error {
	if status != domain.StatusDecided || o == "" || outcome.Ends(o) {
		return domain.Errorf(domain.EConflict, "publish.error.not_decided")
	}
	return nil
}

// CanEdit refuses to change a publication that is public: it is withdrawn
// first, so that the changed text is approved again.
func CanEdit(p Publication) error {
	if p.State == Published {
		return domain.Errorf(domain.EConflict, "publish.error.published")
	}
	return nil
}

// CanApprove is the two-person rule: a draft is approved by a staff
// member other than the one who last wrote it.
func CanApprove(p Publication, approver domain.User) error {
	if approver.Role != domain.RoleStaff {
		return domain.Errorf(domain.ENotFound, "error.not_found")
	}
	if p.State != Draft {
		return domain.Errorf(domain.EConflict, "publish.error.not_draft")
	}
	if p.AuthorID == approver.ID {
		return domain.Errorf(domain.EForbidden, "publish.error.own")
	}
	return nil
}

// CanWithdraw lets any staff member hide a public decision at once: taking
// a publication down is never held up by a second pair of eyes.
func CanWithdraw(p Publication) error {
	if p.State != Published {
		return domain.Errorf(domain.EConflict, "publish.error.not_published")
	}
	return nil
}
