package web_test

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/outcome"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

// deskFileCombined files a deletion request that also asks for access.
func deskFileCombined(t *testing.T, c *webtest.Client) string {
	t.Helper()
	req := c.StartDeletionRequest(url.Values{"kind": {"deletion"}, "also_access": {"yes"}})
	c.FillDeletionBasics(req, false)
	c.AddDataItem(req, webtest.DataItem())
	c.ChooseGrounds(req, map[string]string{"political": "The charges followed my articles."}, "political")
	c.UploadDocument(req, "identity", "passport.pdf", webtest.PDF("passport-scan"), false)
	deskSubmit(t, c, req)
	return req
}

// TestACombinedFilingGetsTwoOutcomesTheApplicantReadsOnlyOnceSent takes a
// deletion request that also asks for access through a consultation of
// the source that gets no reply, a draft with an outcome for each part,
// adoption at a session, transmission, implementation and sending; the
// applicant sees nothing of it before the last step, then both outcomes in
// plain words.
func TestACombinedFilingGetsTwoOutcomesTheApplicantReadsOnlyOnceSent(t *testing.T) {
	app := webtest.New(t)
	amal := app.Petitioner("amal@example.org")
	req := deskFileCombined(t, amal)
	clerk := app.Staff("clerk@ccf.example")
	require.True(t, deskRequest(t, app, req).AlsoAccess)
	desk := deskPath(req)
	admit(t, app, clerk, req)

	form := clerk.Get(desk + "/decision")
	require.Equal(t, http.StatusOK, form.Status)
	assert.Contains(t, form.Body, "choose an outcome for each part")
	assert.Contains(t, form.Body, "What did the Commission decide on access?")
	assert.NotContains(t, form.Body, `value="deleted_no_reply"`, "not offered while the source has not failed to reply")

	deskDo(t, clerk, desk+"/consultations/new", desk+"/consultations", consultValues("Is the diffusion still needed?"))
	cons := consultLinks(clerk.Get(desk).Body)
	require.Len(t, cons, 1)
	app.Clock.Advance(31 * 24 * time.Hour)
	clerk = app.Login("clerk@ccf.example")
	deskDo(t, clerk, cons[0]+"/no-reply", cons[0]+"/no-reply", nil)
	amal = app.Login("amal@example.org")
	assert.Contains(t, clerk.Get(desk+"/decision").Body, `value="deleted_no_reply"`, "offered once the source did not reply")

	// The access part is required on a combined filing.
	missing := clerk.Upload(desk+"/decision", desk+"/decision", []webtest.Field{webtest.F("outcome", outcome.DeletedNoReply),
		webtest.F("reasons", "REASONS-MARKER")}, "", nil)
	assert.Equal(t, http.StatusUnprocessableEntity, missing.Status)
	assert.Contains(t, missing.Body, "Choose the outcome of the access part")

	secret := []string{"REASONS-MARKER", "DISCLOSED-MARKER", "must delete", "INTERPOL&#39;s files hold data", "/D<", "Decision:"}
	hidden := func(step string) {
		t.Helper()
		all := applicantViews(t, amal, req)
		for _, s := range secret {
			assert.NotContains(t, all, s, "after %s", step)
		}
	}
	draftDecision(t, app, req, webtest.F("outcome", outcome.DeletedNoReply), webtest.F("access_outcome", outcome.DataHeldPart),
		webtest.F("access_disclosure", "DISCLOSED-MARKER: a diffusion of January 2024 is held."),
		webtest.F("detail", "typed for another choice"), webtest.F("reasons", "REASONS-MARKER"))
	hidden("the draft")
	staffPage := clerk.Get(desk).Body
	assert.Contains(t, staffPage, "Your request for access to the data: Data held, disclosed in part · Data deleted because the source did not reply or cooperate")

	onAgenda(t, app, req)
	adoptDecision(t, app, req)
	hidden("the adoption")
	decisionStep(t, app, req, "sent-to-gs", nil)
	hidden("the sending to the General Secretariat")
	decisionStep(t, app, req, "implemented", url.Values{"implementation": {"The diffusion was deleted."}})
	hidden("the implementation")
	assert.Equal(t, int64(1), app.QueryInt(`SELECT COUNT(*) FROM chamber_decisions WHERE detail = '' AND access_outcome = 'data_held_part'`),
		"a text the outcome does not use is not kept")

	sendDecision(t, app, req, "", "")
	assert.Equal(t, domain.StatusClosed, deskRequest(t, app, req).Status, "sent, and the deletion implemented")
	mine := amal.Get(req).Body
	assert.Contains(t, mine, "<h3>Your request for access to the data</h3>")
	assert.Contains(t, mine, "INTERPOL&#39;s files hold data about you. The CCF tells you below what it may disclose of them; "+
		"the country or body that sent them asked that some of it stay confidential.")
	assert.Contains(t, mine, "DISCLOSED-MARKER: a diffusion of January 2024 is held.")
	assert.Contains(t, mine, "<h3>Your request for deletion</h3>")
	assert.Contains(t, mine, "The CCF decided that INTERPOL must delete the data about you, because the country that sent them "+
		"did not answer the CCF&#39;s questions about them.")
	assert.Contains(t, mine, "Decision: sent to you")
	for _, staffWords := range []string{"Not compliant", "Data held, disclosed", "What may be disclosed to the applicant", "NCB",
		"Decision due", "deleted_no_reply", "typed for another choice"} {
		assert.NotContains(t, mine, staffWords, "no staff words on the applicant's page")
	}

	// The same in French for a reader who chose it.
	amal.Submit(req, "/language", url.Values{"lang": {"fr"}, "next": {req}})
	fr := amal.Get(req).Body
	assert.Contains(t, fr, "Votre demande d’accès aux données")
	assert.Contains(t, fr, "La CCF a décidé qu’INTERPOL doit effacer les données vous concernant, car le pays qui les a transmises n’a pas répondu à ses questions à leur sujet.")
}

// TestAPartialDisclosureIsDraftedBesideTheConsultationsRestrictions shows
// staff, on the decision form, what the source's reply said may not be
// disclosed, and refuses a disclosure in part that says nothing.
func TestAPartialDisclosureIsDraftedBesideTheConsultationsRestrictions(t *testing.T) {
	app := webtest.New(t)
	amal := app.Petitioner("amal@example.org")
	req := deskFileAccess(t, amal)
	clerk := app.Staff("clerk@ccf.example")
	desk := deskPath(req)
	admit(t, app, clerk, req)
	deskDo(t, clerk, desk+"/consultations/new", desk+"/consultations", consultValues("What may be disclosed?"))
	cons := consultLinks(clerk.Get(desk).Body)
	require.Len(t, cons, 1)
	reply := clerk.Upload(cons[0]+"/reply", cons[0]+"/reply", []webtest.Field{
		webtest.F("received_on-day", "2"), webtest.F("received_on-month", "3"), webtest.F("received_on-year", "2026"),
		webtest.F("summary", "The diffusion is held."), webtest.F("restriction", "RESTRICTION-MARKER: not the file number.")}, "", nil)
	require.Equal(t, http.StatusSeeOther, reply.Status, webtest.ErrorSummaryText(reply.Body))

	form := clerk.Get(desk + "/decision").Body
	assert.Contains(t, form, "Restrictions recorded in the consultations&#39; replies:")
	assert.Contains(t, form, "RESTRICTION-MARKER: not the file number.")
	assert.Contains(t, form, "Data held, disclosed in part")

	empty := clerk.Upload(desk+"/decision", desk+"/decision", []webtest.Field{webtest.F("outcome", outcome.DataHeldPart),
		webtest.F("reasons", "Reasons.")}, "", nil)
	assert.Equal(t, http.StatusUnprocessableEntity, empty.Status)
	assert.Contains(t, empty.Body, "Say what may be disclosed about the data held")
	assert.NotContains(t, amal.Get(req).Body, "RESTRICTION-MARKER", "the restriction itself is never shown to the applicant")
}
