// Package staffrole holds what each staff role may do. The secretariat
// prepares cases (admissibility, clarification, consultations, notes,
// assignment, deletion notices); members of the Requests Chamber adopt
// decisions and provisional measures; administrators manage staff
// accounts. Every staff role may read the queue and the cases, which is
// audited like every read. Pure Go.
package staffrole

import "github.com/ccf-portal/ccfportal/db/domain"

// Role is a staff account's part in the CCF's work.
type Role string

// The staff roles.
const (
	Secretariat   Role = "secretariat"
	Chamber       Role = "chamber"
	Administrator Role = "administrator"
)

// Roles lists them in the order they are offered.
var Roles = []Role{Secretariat, Chamber, Administrator}

// Valid reports whether r is a known staff role.
func (r Role) Valid() bool { return r == Secretariat || r == Chamber || r == Administrator }

// Step is something a staff member does on a case, or to staff accounts.
type Step string

// The steps a role may or may not take.
const (
	Admissibility Step = "admissibility"
	Clarify       Step = "clarify"
	Consult       Step = "consult"
	Note          Step = "note"
	Assign        Step = "assign"
	Notice        Step = "notice"
	Decide        Step = "decide"    // drafting the decision (outcome and reasons), until it is adopted
	Adopt         Step = "adopt"     // adopting a drafted decision at a session of the Chamber
	Implement     Step = "implement" // sending a decision to the General Secretariat, its implementation, sending it to the applicant
	Measure       Step = "measure"
	Agenda        Step = "agenda" // creating sessions of the Chamber and putting cases on their agendas
	// TimeLimits is correcting the admissibility date, extending the time
	// limit and answering an applicant's request for more time.
	TimeLimits  Step = "time_limits"
	ManageStaff Step = "manage_staff"
	// Certificate is answering an applicant's application for a "to whom
	// it may concern" certificate: attaching it, or refusing.
	Certificate Step = "certificate"
	// Publish is writing the anonymised excerpt of a decided case for
	// publication; approving it is open to any other staff member.
	Publish Step = "publish"
	// Import is bringing in a case received by e-mail or post, and
	// inviting its applicant or counsel to follow it in the portal.
	Import Step = "import"
)

// steps are what each role may do: the secretariat drafts decisions and
// sees them through after adoption; the Chamber adopts them.
var steps = map[Role][]Step{
	Secretariat:   {Admissibility, Clarify, Consult, Note, Assign, Notice, Agenda, Decide, Implement, TimeLimits, Import, Certificate},
	Chamber:       {Adopt, Measure, Publish},
	Administrator: {ManageStaff},
}

// May reports whether role r may take step s.
func (r Role) May(s Step) bool {
	for _, v := range steps[r] {
		if v == s {
			return true
		}
	}
	return false
}

// Of is the staff role of u; anyone who is not staff has none.
func Of(u domain.User) Role {
	if u.Role != domain.RoleStaff {
		return ""
	}
	return Role(u.StaffRole)
}

// Require refuses a step u's role may not take.
func Require(u domain.User, s Step) error {
	if !Of(u).May(s) {
		return domain.Errorf(domain.EForbidden, "staffrole.forbidden")
	}
	return nil
}
