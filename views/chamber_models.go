package views

import (
	"time"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/chamber"
)

// SessionsPath is the address of the Requests Chamber's sessions.
const SessionsPath = "/staff/sessions"

// SessionPath is the address of one session's agenda.
func SessionPath(id int64) string { return SessionsPath + "/" + itoa(id) }

// SessionsView is the list of sessions.
type SessionsView struct {
	Sessions []chamber.Session
	Now      time.Time
}

// AgendaView is one session's agenda, with the form that adds a case.
type AgendaView struct {
	chamber.Agenda
	Now time.Time
}

// agendaRequest is enough of a request to name its kind.
func agendaRequest(it chamber.AgendaItem) domain.Request {
	return domain.Request{Kind: it.Kind, AlsoAccess: it.AlsoAccess}
}

// stageKey names a decision's stage for staff.
func stageKey(s chamber.Stage) string {
	if s == chamber.StageNone {
		return "chamber.stage.none"
	}
	return "chamber.stage." + string(s)
}

// ChamberDecisionView is what a step of a decision's life shows: the case,
// the decision so far and the session whose agenda holds the case.
type ChamberDecisionView struct {
	StaffActionView
	Decision *chamber.Decision
	Session  *chamber.Session
}

// decisionStepPath is the address of a step of the case's decision.
func decisionStepPath(requestID int64, step string) string {
	return StaffCasePath(requestID) + "/decision/" + step
}
