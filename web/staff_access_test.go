package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

func TestStaffTakesAnAccessRequestFromSubmittedToDataHeld(t *testing.T) {
	app := webtest.New(t)
	amal := app.Petitioner("amal@example.org")
	req := deskFileAccess(t, amal)
	staff := app.Staff("clerk@ccf.example")
	desk := deskPath(req)

	queue := staff.Get("/staff")
	require.Equal(t, http.StatusOK, queue.Status)
	assert.Contains(t, queue.Body, "CCF-2026-000001")
	assert.Contains(t, queue.Body, "Amal Haddad")
	assert.Contains(t, queue.Body, `href="`+desk+`"`)

	page := staff.Get(desk)
	require.Equal(t, http.StatusOK, page.Status)
	assert.Contains(t, page.Body, "Amal Haddad")
	assert.Contains(t, page.Body, "Assess admissibility")
	assert.NotContains(t, page.Body, "Record the decision", "not admissible yet")
	link := staffDocLinks(page.Body)["passport.pdf"]
	require.NotEmpty(t, link, "documents download through the staff handler")
	doc := staff.Get(link)
	require.Equal(t, http.StatusOK, doc.Status)
	assert.Equal(t, webtest.PDF("passport-scan"), doc.Body)
	assert.True(t, strings.HasPrefix(doc.Header.Get("Content-Disposition"), "attachment"))

	deskDo(t, staff, desk, desk+"/assign", url.Values{"assignee": {userID(t, app, "clerk@ccf.example")}})
	assert.Contains(t, staff.Get("/staff").Body, "Staff clerk@ccf.example")

	form := staff.Get(desk + "/admissibility")
	require.Equal(t, http.StatusOK, form.Status)
	assert.Contains(t, form.Body, "A valid, unredacted identity document")
	assert.NotContains(t, form.Body, "A power of attorney signed", "filed by the applicant: no authorisation needed")
	deskDo(t, staff, desk+"/admissibility", desk+"/admissibility", url.Values{"outcome": {"admissible"},
		"checks": domain.ChecksFor(deskRequest(t, app, req))})
	r := deskRequest(t, app, req)
	assert.Equal(t, domain.StatusAdmissible, r.Status)
	assert.Equal(t, webtest.Start, r.AdmissibleAt)
	assert.Equal(t, domain.AddMonths(webtest.Start, 4), r.DueAt)
	page = staff.Get(desk)
	assert.Contains(t, page.Body, "2 July 2026", "due 4 months after admissibility")
	assert.Contains(t, page.Body, "122 days")
	mine := amal.Get(req)
	assert.Contains(t, mine.Body, "Your request was found admissible on 2 March 2026.")
	assert.Contains(t, mine.Body, "The CCF aims to decide by 2 July 2026.")

	decideCase(t, app, req, "decision.pdf", webtest.PDF("decision-text"), webtest.F("outcome", "data_held"),
		webtest.F("reasons", "The source NCB agreed to disclosure."),
		webtest.F("disclosure", "A wanted-person diffusion from Turkey of January 2024 is held."))
	assert.Equal(t, domain.StatusClosed, deskRequest(t, app, req).Status, "sent, and nothing to implement on the data")

	mine = amal.Get(req)
	assert.Contains(t, mine.Body, "Decision CCF-2026-000001/D")
	assert.Contains(t, mine.Body, "INTERPOL&#39;s files hold data about you. The CCF tells you below what they are.")
	assert.Contains(t, mine.Body, "What the CCF can tell you")
	assert.NotContains(t, mine.Body, "What may be disclosed to the applicant", "no staff headings")
	assert.NotContains(t, mine.Body, "The CCF aims to decide by", "no due date once decided")
	assert.Contains(t, mine.Body, "A wanted-person diffusion from Turkey of January 2024 is held.")
	assert.Contains(t, mine.Body, "The source NCB agreed to disclosure.")
	assert.Contains(t, mine.Body, "Decision: sent to you", "on the timeline too, without the staff's outcome names")
	decisionDoc := regexpFind(t, mine.Body, `href="(/requests/\d+/documents/\d+)">decision.pdf<`)
	assert.Equal(t, webtest.PDF("decision-text"), amal.Get(decisionDoc).Body, "the applicant downloads the decision")

	actions := auditActions(t, app, req)
	assert.Equal(t, "case_view", actions[0], "opening the case is recorded")
	assert.Equal(t, []string{"document_download", "case_assign", "admissibility", "decision_draft", "agenda_add",
		"decision_adopt", "decision_sent_gs", "decision_sent_applicant"}, without(actions, "case_view"),
		"every read and change, in order")
	trail := staff.Get(desk + "/audit")
	require.Equal(t, http.StatusOK, trail.Status)
	assert.Contains(t, trail.Body, "Downloaded a document")
	assert.Contains(t, trail.Body, "Adopted the decision")
	assertAuditIntact(t, app)
}

func without(list []string, drop string) []string {
	var out []string
	for _, s := range list {
		if s != drop {
			out = append(out, s)
		}
	}
	return out
}
