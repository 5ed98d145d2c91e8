package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/outcome"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

// applicantViews are every page and file through which the applicant
// could learn of a decision: the case with its timeline and documents,
// the receipt, its PDF and the zip of everything filed.
func applicantViews(t *testing.T, amal *webtest.Client, req string) string {
	t.Helper()
	var all []string
	for _, p := range []string{req, req + "/receipt", req + "/receipt.pdf", req + "/files.zip", "/dashboard"} {
		resp := amal.Get(p)
		require.Equal(t, http.StatusOK, resp.Status, p)
		all = append(all, resp.Body)
	}
	return strings.Join(all, "\n")
}

func TestADeletionDecisionReachesTheApplicantOnlyOnceSent(t *testing.T) {
	app := webtest.New(t)
	amal := app.Petitioner("amal@example.org")
	amal.TurnOnNewsMail()
	req := deskFileDeletion(t, amal)
	clerk := app.Staff("clerk@ccf.example")
	desk := deskPath(req)
	admit(t, app, clerk, req)

	// The source does not reply to the consultation by its due date.
	deskDo(t, clerk, desk+"/consultations/new", desk+"/consultations", consultValues("Is the diffusion still needed?"))
	cons := consultLinks(clerk.Get(desk).Body)
	require.Len(t, cons, 1)
	app.Clock.Advance(31 * 24 * time.Hour)
	clerk = app.Login("clerk@ccf.example")
	deskDo(t, clerk, cons[0]+"/no-reply", cons[0]+"/no-reply", nil)
	amal = app.Login("amal@example.org")
	before := len(newsMail(app, "amal@example.org"))

	secret := []string{"REASONS-MARKER", "must delete the data", "decision-2026.pdf", "/D<", "Decision:", "source did not reply"}
	hidden := func(step string) {
		t.Helper()
		all := applicantViews(t, amal, req)
		for _, s := range secret {
			assert.NotContains(t, all, s, "after %s", step)
		}
		assert.Len(t, newsMail(app, "amal@example.org"), before, "no news after %s", step)
	}

	// Drafted: the Chamber may not adopt while the case is on no agenda.
	draftDecision(t, app, req, webtest.F("outcome", outcome.NonCompliantDeletion),
		webtest.F("standard_reasons", "source_no_reply"), webtest.F("reasons", "REASONS-MARKER"))
	hidden("the draft")
	judge := app.Chamber("judge@ccf.example")
	assert.NotContains(t, judge.Get(desk).Body, "Adopt the decision</a>", "no button while on no agenda")
	off := judge.Submit(desk+"/decision/adopt", desk+"/decision/adopt", nil)
	assert.Equal(t, http.StatusConflict, off.Status)
	assert.Contains(t, off.Body, "The case is not on a session&#39;s agenda")

	// On an agenda, adopted after a confirmation page that says it is final.
	agenda := onAgenda(t, app, req)
	assert.Contains(t, clerk.Get(agenda).Body, "Drafted, not yet adopted")
	confirm := judge.Get(desk + "/decision/adopt")
	require.Equal(t, http.StatusOK, confirm.Status)
	assert.Contains(t, confirm.Body, "Once adopted, the decision is final")
	assert.Contains(t, confirm.Body, ">Adopt<")
	deskDo(t, judge, desk+"/decision/adopt", desk+"/decision/adopt", nil)
	hidden("the adoption")
	assert.Contains(t, clerk.Get(agenda).Body, ">Adopted<")
	assert.NotContains(t, clerk.Get(agenda).Body, "off the agenda", "an adopted case stays on its agenda")
	redraft := clerk.Upload(desk+"/decision", desk+"/decision", []webtest.Field{webtest.F("outcome", outcome.Compliant),
		webtest.F("reasons", "Changed.")}, "", nil)
	assert.Equal(t, http.StatusConflict, redraft.Status, "the draft is frozen once adopted")

	// Sent to the General Secretariat, which reports the implementation.
	decisionStep(t, app, req, "sent-to-gs", nil)
	hidden("the sending to the General Secretariat")
	missing := clerk.Submit(desk+"/decision/implemented", desk+"/decision/implemented", todayValues(app, "on"))
	assert.Equal(t, http.StatusUnprocessableEntity, missing.Status)
	decisionStep(t, app, req, "implemented", url.Values{"implementation": {"GS-IMPLEMENTATION deleted the diffusion."}})
	hidden("the implementation")
	assert.Equal(t, domain.StatusAdmissible, deskRequest(t, app, req).Status, "still pending for the applicant")
	assert.NotContains(t, amal.Get(req).Body, "GS-IMPLEMENTATION")

	// Sent to the applicant after a confirmation page: now it reads as a decision does.
	confirm = clerk.Get(desk + "/decision/send")
	assert.Contains(t, confirm.Body, "From now on the applicant sees the decision")
	sendDecision(t, app, req, "decision-2026.pdf", webtest.PDF("decision-2026"))
	assert.Equal(t, domain.StatusClosed, deskRequest(t, app, req).Status, "sent and implemented")
	mine := amal.Get(req)
	for _, s := range []string{"REASONS-MARKER", "must delete the data", "decision-2026.pdf", "Decision:", "General Secretariat reported on 2 April 2026 that it had carried out the decision",
		"The source of the data did not reply"} {
		assert.Contains(t, mine.Body, s)
	}
	assert.NotContains(t, mine.Body, "GS-IMPLEMENTATION", "what the GS reported stays internal")
	doc := regexpFind(t, mine.Body, `href="(/requests/\d+/documents/\d+)">decision-2026.pdf<`)
	assert.Equal(t, webtest.PDF("decision-2026"), amal.Get(doc).Body)
	assert.Contains(t, amal.Get("/inbox").Body, "The CCF has sent you its decision.")
	news := newsMail(app, "amal@example.org")
	require.Len(t, news, before+1)
	assertContentFree(t, news[len(news)-1])
	assert.Subset(t, auditActions(t, app, req), []string{"decision_draft", "agenda_add", "decision_adopt", "decision_sent_gs",
		"decision_implemented", "decision_sent_applicant"})
	assertAuditIntact(t, app)
}
