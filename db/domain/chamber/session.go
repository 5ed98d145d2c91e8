// Package chamber holds the rules of the Requests Chamber's sessions: how a
// session is numbered within its year, which sessions are upcoming, the
// order the list shows them in, and which cases may be put on an agenda.
// Pure Go, on top of db/domain.
package chamber

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// Audited actions on sessions and their agendas, in the audit log beside
// the others.
const (
	AuditSessionCreate domain.AuditAction = "session_create"
	AuditAgendaAdd     domain.AuditAction = "agenda_add"
	AuditAgendaRemove  domain.AuditAction = "agenda_remove"
)

// Session is a numbered session of the Requests Chamber, from its first
// to its last day (ISO dates).
type Session struct {
	ID       int64
	Year     int
	Number   int
	StartsOn string
	EndsOn   string
	// Cases is how many cases its agenda holds.
	Cases int
}

// Label is the session's number as the CCF writes it: "2026/3".
func (s Session) Label() string { return strconv.Itoa(s.Year) + "/" + strconv.Itoa(s.Number) }

// Upcoming reports whether the session has not ended by now: it is still
// to come or under way.
func (s Session) Upcoming(now time.Time) bool { return s.EndsOn >= today(now) }

// NewInput is what the form that creates a session supplies.
type NewInput struct {
	Number   string
	StartsOn string
	EndsOn   string
}

// ValidateNew checks a new session: a whole number from 1, real start and
// end dates, the end not before the start. The year is the start's.
func ValidateNew(in NewInput) (Session, domain.FieldErrors) {
	var errs domain.FieldErrors
	n, err := strconv.Atoi(strings.TrimSpace(in.Number))
	if err != nil || n < 1 || n > 999 {
		errs.Add("number", "chamber.number_invalid")
	}
	start, okStart := checkDate(&errs, "starts_on", in.StartsOn)
	_, okEnd := checkDate(&errs, "ends_on", in.EndsOn)
	if okStart && okEnd && in.EndsOn < in.StartsOn {
		errs.Add("ends_on", "chamber.ends_before_start")
	}
	return Session{Year: start.Year(), Number: n, StartsOn: in.StartsOn, EndsOn: in.EndsOn}, errs
}

// checkDate requires v to be a real ISO date of a plausible year.
func checkDate(errs *domain.FieldErrors, field, v string) (time.Time, bool) {
	if strings.TrimSpace(v) == "" {
		errs.Add(field, "chamber."+field+"_required")
		return time.Time{}, false
	}
	d, err := time.Parse(time.DateOnly, v)
	if err != nil || d.Year() < 2000 || d.Year() > 2200 {
		errs.Add(field, "answer.date_invalid")
		return time.Time{}, false
	}
	return d, true
}

// NextNumber is the number a new session of year takes by default: one
// after the highest of that year's sessions.
func NextNumber(list []Session, year int) int {
	n := 0
	for _, s := range list {
		if s.Year == year && s.Number > n {
			n = s.Number
		}
	}
	return n + 1
}

// SortForList orders sessions as the list shows them: upcoming ones
// first, the soonest at the top, then past ones, the latest at the top.
func SortForList(list []Session, now time.Time) {
	slices.SortStableFunc(list, func(a, b Session) int {
		ua, ub := a.Upcoming(now), b.Upcoming(now)
		switch {
		case ua && !ub:
			return -1
		case ub && !ua:
			return 1
		case ua:
			return strings.Compare(a.StartsOn, b.StartsOn)
		}
		return strings.Compare(b.StartsOn, a.StartsOn)
	})
}

// CanPlace says whether a case in status s may go on an agenda: it must
// be admissible and still pending (not decided, withdrawn or waiting for
// the applicant's clarification).
func CanPlace(s domain.Status) error {
	if s != domain.StatusAdmissible && s != domain.StatusUnderReview {
		return domain.Errorf(domain.EConflict, "chamber.not_ready")
	}
	return nil
}

// CanTakeOff says whether a case may leave an agenda: not once a decision
// on it was adopted at the session.
func CanTakeOff(adopted bool) error {
	if adopted {
		return domain.Errorf(domain.EConflict, "chamber.already_adopted")
	}
	return nil
}

func today(now time.Time) string { return now.UTC().Format(time.DateOnly) }

// AgendaItem is one case on a session's agenda as the Chamber reads it:
// who and what it is, the grounds argued, the consultations still
// awaiting a reply and how far its decision has come.
type AgendaItem struct {
	RequestID         int64
	Reference         string
	Kind              domain.Kind
	AlsoAccess        bool
	Status            domain.Status
	SourceCountry     string
	ApplicantName     string
	Grounds           []domain.GroundCode
	OpenConsultations int
	// Stage is how far the case's decision has come; "" when none is drafted.
	Stage Stage
}

// Agenda is a session with the cases put before it, oldest placing first.
type Agenda struct {
	Session
	Items []AgendaItem
}

// Stage is a step of a decision's life, from the secretariat's draft to
// its sending to the applicant.
type Stage string

// The stages of a decision, in order.
const (
	StageNone            Stage = ""
	StageDrafted         Stage = "drafted"
	StageAdopted         Stage = "adopted"
	StageSentToGS        Stage = "sent_to_gs"
	StageImplemented     Stage = "implemented"
	StageSentToApplicant Stage = "sent_to_applicant"
)

// Adopted reports whether the decision has been adopted by the Chamber:
// from then on it is final and the case stays on its session's agenda.
func (s Stage) Adopted() bool {
	return s == StageAdopted || s == StageSentToGS || s == StageImplemented || s == StageSentToApplicant
}
