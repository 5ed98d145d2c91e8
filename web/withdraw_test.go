package web_test

import (
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

// The applicant withdraws a pending request, with its urgent request; the
// reason reaches the timeline and the staff, and nothing more can be done
// on it.
func TestAnApplicantWithdrawsAPendingRequestAndItsUrgentRequest(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	access := fileAccessRequest(t, c)
	resp := c.Upload(access+"/urgent", access+"/urgent", urgentFields(), "", nil)
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	urgent := strings.TrimSuffix(resp.Location(), "/confirmation")

	page := c.Get(access)
	assert.Contains(t, page.Body, `href="`+access+`/withdraw"`)
	confirm := c.Get(access + "/withdraw")
	require.Equal(t, http.StatusOK, confirm.Status)
	assert.Contains(t, confirm.Body, "Withdraw this request?")
	assert.Contains(t, confirm.Body, "any urgent request on it that is still pending is withdrawn too")

	bad := c.SubmitFrom(confirm.Body, access+"/withdraw", url.Values{"reason": {"ok\x00"}})
	assert.Equal(t, http.StatusUnprocessableEntity, bad.Status, "control characters are refused")
	done := c.SubmitFrom(confirm.Body, access+"/withdraw", url.Values{"reason": {"The notice was deleted in the meantime."}})
	require.Equal(t, http.StatusSeeOther, done.Status, webtest.ErrorSummaryText(done.Body))
	after := c.Get(access)
	assert.Contains(t, after.Body, "The request was withdrawn.")
	assert.Contains(t, after.Body, "Withdrawn by the applicant")
	assert.Contains(t, after.Body, "The notice was deleted in the meantime.")
	assert.NotContains(t, after.Body, `href="`+access+`/withdraw"`)
	assert.Contains(t, c.Get(urgent).Body, "Withdrawn by the applicant", "the urgent request goes with it")
	assert.Equal(t, http.StatusConflict, c.Get(access+"/withdraw").Status, "nothing left to withdraw")

	staff := app.Staff("clerk@ccf.example")
	assert.Empty(t, queueRefs(t, staff, "/staff"), "no longer pending")
	assert.Equal(t, []string{"CCF-2026-000001", "CCF-2026-000002"}, queueRefs(t, staff, "/staff?status=withdrawn&sort=reference"))
	assert.Contains(t, staff.Get("/staff/requests/1").Body, "The notice was deleted in the meantime.")
}

func TestOnlyTheFilerWithdrawsAndOnlyWithTheToken(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	access := fileAccessRequest(t, c)
	other := app.Petitioner("other@example.org")
	assert.Equal(t, http.StatusNotFound, other.Get(access+"/withdraw").Status)
	token := webtest.CSRFFrom(t, other.Get("/dashboard").Body)
	assert.Equal(t, http.StatusNotFound, other.PostForm(access+"/withdraw", url.Values{"_csrf": {token}}).Status)
	assert.Equal(t, http.StatusForbidden, c.PostForm(access+"/withdraw", url.Values{}).Status)
	assert.NotContains(t, c.Get(access).Body, "Withdrawn by the applicant")
	draft := c.StartAccessRequest()
	assert.Equal(t, http.StatusConflict, c.Get(draft+"/withdraw").Status, "a draft is not before the CCF")
}

// Neither confirm nor deny reads neutrally: nothing in it suggests that
// data exist.
func TestNeitherConfirmNorDenyIsShownNeutrally(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	access := fileAccessRequest(t, c)
	staff := app.Staff("clerk@ccf.example")
	desk := "/staff/requests/1"
	deskDo(t, staff, desk+"/admissibility", desk+"/admissibility", url.Values{"outcome": {"admissible"},
		"checks": domain.ChecksFor(deskRequest(t, app, access))})
	decideCase(t, app, access, "", "", webtest.F("outcome", "neither_confirm_nor_deny"),
		webtest.F("reasons", "Article 35 of the Statute."))
	page := c.Get(access)
	assert.Contains(t, page.Body, "The CCF can neither confirm nor deny whether INTERPOL&#39;s files hold data about you.")
	assert.NotContains(t, page.Body, "refused disclosure", "no hint that a source exists")
}

// Once the Requests Chamber has adopted its decision, the case page no
// longer offers withdrawal and a forged post is refused with the reason,
// even though the decision has not been sent yet.
func TestNoWithdrawalOnceTheDecisionIsAdopted(t *testing.T) {
	app := webtest.New(t)
	amal := app.Petitioner("amal@example.org")
	req := deskFileDeletion(t, amal)
	admit(t, app, app.Staff("clerk@ccf.example"), req)
	draftDecision(t, app, req, webtest.F("outcome", outcome.Compliant), webtest.F("reasons", "Compliant."))
	onAgenda(t, app, req)
	amal = app.Login("amal@example.org")
	page := amal.Get(req)
	assert.Contains(t, page.Body, `href="`+req+`/withdraw"`, "still possible before the adoption")
	adoptDecision(t, app, req)

	amal = app.Login("amal@example.org")
	page = amal.Get(req)
	assert.NotContains(t, page.Body, `href="`+req+`/withdraw"`)
	assert.Equal(t, http.StatusConflict, amal.Get(req+"/withdraw").Status)
	forged := amal.PostForm(req+"/withdraw", url.Values{"_csrf": {webtest.CSRFFrom(t, page.Body)}})
	assert.Equal(t, http.StatusConflict, forged.Status)
	assert.Contains(t, forged.Body, "the Requests Chamber has already adopted its decision")
	assert.NotEqual(t, string(domain.StatusWithdrawn), app.QueryString(`SELECT status FROM requests WHERE kind = 'deletion'`))
}
