package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

// sessionValues is the form of session number n from start to end
// (day, month, year of 2026).
func sessionValues(n, startDay, endDay string) url.Values {
	return url.Values{"number": {n}, "starts_on-day": {startDay}, "starts_on-month": {"4"}, "starts_on-year": {"2026"},
		"ends_on-day": {endDay}, "ends_on-month": {"4"}, "ends_on-year": {"2026"}}
}

// createSession creates a session as c and returns its agenda's address.
func createSession(t *testing.T, c *webtest.Client, values url.Values) string {
	t.Helper()
	resp := c.Submit("/staff/sessions/new", "/staff/sessions", values)
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	return resp.Location()
}

// admit declares the case at reqPath admissible as the secretariat's clerk.
func admit(t *testing.T, app *webtest.App, clerk *webtest.Client, reqPath string) {
	t.Helper()
	desk := deskPath(reqPath)
	deskDo(t, clerk, desk+"/admissibility", desk+"/admissibility", url.Values{"outcome": {"admissible"},
		"checks": domain.ChecksFor(deskRequest(t, app, reqPath))})
}

func TestTheSecretariatPutsReadyCasesOnASessionsAgenda(t *testing.T) {
	app := webtest.New(t)
	amal := app.Petitioner("amal@example.org")
	req := deskFileDeletion(t, amal)
	notYet := deskFileAccess(t, amal)
	clerk := app.Staff("clerk@ccf.example")
	admit(t, app, clerk, req)
	deskDo(t, clerk, deskPath(req)+"/consultations/new", deskPath(req)+"/consultations", consultValues("Is the diffusion still needed?"))
	ref := deskRequest(t, app, req).Reference

	assert.Contains(t, clerk.Get("/staff").Body, `href="/staff/sessions"`, "the staff header links to the sessions")
	agenda := createSession(t, clerk, sessionValues("2", "20", "22"))
	dup := clerk.Submit("/staff/sessions/new", "/staff/sessions", sessionValues("2", "1", "2"))
	assert.Equal(t, http.StatusUnprocessableEntity, dup.Status)
	assert.Contains(t, dup.Body, "Session 2026/2 already exists")
	bad := clerk.Submit("/staff/sessions/new", "/staff/sessions", sessionValues("1", "22", "20"))
	assert.Equal(t, http.StatusUnprocessableEntity, bad.Status)
	assert.Contains(t, bad.Body, "The last day cannot be before the first day")
	createSession(t, clerk, url.Values{"number": {"1"}, "starts_on-day": {"1"}, "starts_on-month": {"2"}, "starts_on-year": {"2026"},
		"ends_on-day": {"2"}, "ends_on-month": {"2"}, "ends_on-year": {"2026"}})

	list := clerk.Get("/staff/sessions")
	require.Equal(t, http.StatusOK, list.Status)
	assert.Less(t, strings.Index(list.Body, "Session 2026/2"), strings.Index(list.Body, "Session 2026/1"), "upcoming first")

	// A case that is not yet admissible is refused; the ready one goes on.
	refused := clerk.Submit(agenda, agenda+"/agenda", url.Values{"reference": {deskRequest(t, app, notYet).Reference}})
	assert.Equal(t, http.StatusConflict, refused.Status)
	assert.Contains(t, refused.Body, "Only an admissible request")
	unknown := clerk.Submit(agenda, agenda+"/agenda", url.Values{"reference": {"CCF-1999-000001"}})
	assert.Equal(t, http.StatusUnprocessableEntity, unknown.Status)
	placed := clerk.Submit(agenda, agenda+"/agenda", url.Values{"reference": {" " + strings.ToLower(ref) + " "}})
	require.Equal(t, http.StatusSeeOther, placed.Status, webtest.ErrorSummaryText(placed.Body))
	again := clerk.Submit(agenda, agenda+"/agenda", url.Values{"reference": {ref}})
	assert.Equal(t, http.StatusConflict, again.Status)

	// The agenda: each case's summary for the Chamber, and a print stylesheet.
	judge := app.Chamber("judge@ccf.example")
	page := judge.Get(agenda)
	require.Equal(t, http.StatusOK, page.Status)
	for _, s := range []string{ref, "Deletion request", "Türkiye", "Political, military, religious or racial character",
		"1 open", "No draft yet", "Agenda of session"} {
		assert.Contains(t, page.Body, s)
	}
	assert.Contains(t, page.Body, deskRequest(t, app, req).ApplicantName)
	assert.NotContains(t, page.Body, "/agenda\"", "the Chamber has no form to change the agenda")
	assert.NotContains(t, page.Body, "off the agenda")
	css := judge.Get(regexpFind(t, page.Body, `href="(/static/app[^"]*\.css)"`))
	assert.Contains(t, css.Body, "body:has(.agenda) form")

	// Forged posts by roles that may not change agendas answer 403.
	forged := judge.PostForm(agenda+"/agenda", url.Values{"_csrf": {webtest.CSRFFrom(t, page.Body)}, "reference": {ref}})
	assert.Equal(t, http.StatusForbidden, forged.Status)
	admin := app.Administrator("admin@ccf.example")
	forged = admin.PostForm("/staff/sessions", url.Values{"_csrf": {webtest.CSRFFrom(t, admin.Get("/staff/sessions").Body)}, "number": {"9"}})
	assert.Equal(t, http.StatusForbidden, forged.Status)
	assert.Equal(t, http.StatusForbidden, amal.Get(agenda).Status, "applicants never reach the sessions")
	noToken := clerk.PostForm(agenda+"/agenda", url.Values{"reference": {ref}})
	assert.Equal(t, http.StatusForbidden, noToken.Status)

	// Taken off, the case is free for another agenda; both moves are audited.
	page = clerk.Get(agenda)
	off := clerk.SubmitFrom(page.Body, agenda+"/agenda/"+strconv.FormatInt(requestID(t, req), 10)+"/remove", nil)
	require.Equal(t, http.StatusSeeOther, off.Status)
	assert.Contains(t, clerk.Get(agenda).Body, "No case is on this session")
	assert.Subset(t, auditActions(t, app, req), []string{"agenda_add", "agenda_remove"})
	assertAuditIntact(t, app)
}
