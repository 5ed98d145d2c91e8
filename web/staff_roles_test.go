package web_test

import (
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/outcome"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

// forged posts to action a form taken from the case page itself (a real
// session token), as a staff member whose role lacks the step would have
// to forge it: the button is not there to press.
func forged(t *testing.T, c *webtest.Client, desk, action string, values url.Values) int {
	t.Helper()
	page := c.Get(desk)
	require.Equal(t, http.StatusOK, page.Status)
	return c.SubmitFrom(page.Body, desk+action, values).Status
}

func TestEachStaffRoleSeesAndTakesOnlyItsOwnSteps(t *testing.T) {
	app := webtest.New(t)
	amal := app.Petitioner("amal@example.org")
	req := deskFileDeletion(t, amal)
	desk := deskPath(req)
	clerk := app.Staff("clerk@ccf.example")
	judge := app.Chamber("judge@ccf.example")
	admin := app.Administrator("admin@ccf.example")
	admissible := url.Values{"outcome": {"admissible"}, "checks": domain.ChecksFor(deskRequest(t, app, req))}
	measure := url.Values{"outcome": {"refused"}, "reasons": {"No imminent risk."}}

	// The Chamber neither prepares nor consults.
	page := judge.Get(desk).Body
	for _, button := range []string{"Assess admissibility", "Ask for clarification", "Add a note or consultation", "Record a consultation", ">Assign<"} {
		assert.NotContains(t, page, button)
	}
	assert.Contains(t, page, "Provisional measures")
	assert.Equal(t, http.StatusForbidden, forged(t, judge, desk, "/admissibility", admissible))
	assert.Equal(t, http.StatusForbidden, forged(t, judge, desk, "/consultations", consultValues("Q?")))
	assert.Equal(t, http.StatusForbidden, forged(t, judge, desk, "/notes", url.Values{"kind": {"note"}, "body": {"x"}}))
	assert.Equal(t, http.StatusForbidden, forged(t, judge, desk, "/assign", url.Values{"assignee": {""}}))
	assert.Equal(t, http.StatusForbidden, judge.Get(desk+"/admissibility").Status)

	// The secretariat prepares and drafts, but neither adopts nor orders measures.
	deskDo(t, clerk, desk+"/admissibility", desk+"/admissibility", admissible)
	deskDo(t, clerk, desk+"/consultations/new", desk+"/consultations", consultValues("Is the diffusion still needed?"))
	page = clerk.Get(desk).Body
	assert.Contains(t, page, "Draft the decision")
	assert.NotContains(t, page, `/measures"`)
	assert.Contains(t, page, "Record a consultation")
	assert.Equal(t, http.StatusForbidden, forged(t, clerk, desk, "/measures", measure))
	draft := clerk.Upload(desk+"/decision", desk+"/decision", []webtest.Field{webtest.F("outcome", "compliant"),
		webtest.F("reasons", "The data comply with INTERPOL's rules.")}, "", nil)
	require.Equal(t, http.StatusSeeOther, draft.Status, webtest.ErrorSummaryText(draft.Body))
	onAgenda(t, app, req)
	page = clerk.Get(desk).Body
	assert.NotContains(t, page, "Adopt the decision</a>")
	assert.Equal(t, http.StatusForbidden, clerk.Get(desk+"/decision/adopt").Status)
	assert.Equal(t, http.StatusForbidden, forged(t, clerk, desk, "/decision/adopt", nil))

	// An administrator reads, and takes no step on a case.
	page = admin.Get(desk).Body
	for _, button := range []string{"Assess admissibility", "Record the decision", "Provisional measures</a>", "Record a consultation", ">Assign<"} {
		assert.NotContains(t, page, button)
	}
	assert.Equal(t, http.StatusOK, admin.Get("/staff").Status)
	queue := html.UnescapeString(admin.Get("/staff").Body)
	assert.Contains(t, queue, "Your role: administrator.")
	assert.Contains(t, queue, `href="/staff/admin"`)
	assert.Equal(t, http.StatusForbidden, forged(t, admin, desk, "/measures", measure))
	assert.Equal(t, http.StatusForbidden, forged(t, admin, desk, "/notes", url.Values{"kind": {"note"}, "body": {"x"}}))
	assert.Equal(t, http.StatusForbidden, admin.Upload(desk, desk+"/decision", []webtest.Field{webtest.F("outcome", "compliant"),
		webtest.F("reasons", "Forged.")}, "", nil).Status)
	assert.Equal(t, http.StatusForbidden, forged(t, admin, desk, "/decision/adopt", nil))
	assert.Equal(t, http.StatusForbidden, forged(t, admin, "/staff", "/sessions", sessionValues("7", "1", "2")))

	// The Chamber adopts the secretariat's draft, and neither drafts nor
	// sees the decision through afterwards.
	page = judge.Get(desk).Body
	assert.NotContains(t, page, "Draft the decision")
	assert.Contains(t, page, "Adopt the decision</a>")
	assert.NotContains(t, page, "Record the reply", "a consultation's forms are the secretariat's")
	assert.Equal(t, http.StatusForbidden, judge.Upload(desk, desk+"/decision", []webtest.Field{webtest.F("outcome", "compliant"),
		webtest.F("reasons", "Forged.")}, "", nil).Status)
	deskDo(t, judge, desk+"/measures", desk+"/measures", measure)
	adoptDecision(t, app, req)
	assert.Equal(t, http.StatusForbidden, forged(t, judge, desk, "/decision/sent-to-gs", todayValues(app, "on")))
	decisionStep(t, app, req, "sent-to-gs", nil)
	sendDecision(t, app, req, "", "")
	d, err := app.DB.DecisionOf(t.Context(), requestID(t, req))
	require.NoError(t, err)
	assert.Equal(t, outcome.Compliant, d.Outcome)
	assert.False(t, strings.Contains(strings.Join(auditActions(t, app, req), " "), "note_add"), "nothing forged went through")
}

func TestARoleChangeTakesEffectAtTheNextRequest(t *testing.T) {
	app := webtest.New(t)
	amal := app.Petitioner("amal@example.org")
	desk := deskPath(deskFileDeletion(t, amal))
	clerk := app.Staff("clerk@ccf.example")
	assert.Equal(t, http.StatusOK, clerk.Get(desk+"/admissibility").Status)
	require.NoError(t, app.DB.SetStaffRole(t.Context(), "clerk@ccf.example", "chamber"))
	assert.Equal(t, http.StatusForbidden, clerk.Get(desk+"/admissibility").Status)
	assert.Equal(t, http.StatusForbidden, clerk.Get(desk+"/decision").Status, "the Chamber adopts, it does not draft")
}
