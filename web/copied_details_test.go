package web_test

import (
	"html"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/web/webtest"
)

// Details a new draft copies from an applicant record (an identity
// document that has since expired, say) are shown to be checked and must
// be confirmed, each section saved once, before the request can be sent:
// nothing is filed on details nobody looked at.
func TestCopiedDetailsAreCheckedAndConfirmedBeforeFiling(t *testing.T) {
	app := webtest.New(t)
	c := app.CounselOf("Maître Dupont", "dupont@avocats.example", "Dupont & Associés")
	record := c.AddApplicant(webtest.ApplicantRecord("Echo Person", "2020"))
	draft := c.StartFilingFor(record, "access")

	tasks := c.Get(draft)
	require.Equal(t, http.StatusOK, tasks.Status)
	assert.Equal(t, 3, strings.Count(tasks.Body, "Check and confirm"), "the person, the identity document and the contact")
	idPage := c.Get(draft + "/section/id-document")
	assert.Contains(t, html.UnescapeString(idPage.Body), "These details were copied from an earlier filing or the record")
	assert.NotContains(t, html.UnescapeString(c.Get(draft+"/section/data").Body), "These details were copied")

	answers := webtest.AccessAnswers(true)
	for _, s := range []string{"representation", "data", "language"} {
		c.SaveSection(draft, s, answers[s])
	}
	c.UploadDocument(draft, "identity", "echo-passport.pdf", webtest.PDF("echo-passport.pdf"), false)
	c.UploadDocument(draft, "power_of_attorney", "echo-poa.pdf", webtest.PDF("echo-poa.pdf"), false)
	check := html.UnescapeString(c.Get(draft + "/check").Body)
	assert.Contains(t, check, "Check the details copied into the section “Identity document” and save it to confirm them.")
	refused := submitDraft(t, c, draft)
	assert.Equal(t, http.StatusUnprocessableEntity, refused.Status)

	// Saving a section confirms it, changed (the renewed passport) or not.
	person := answers["applicant"]
	person.Set("full_name", "Echo Person")
	c.SaveSection(draft, "applicant", person)
	c.SaveSection(draft, "contact", answers["contact"])
	renewed := answers["id-document"]
	renewed.Set("id_expiry-year", "2031")
	c.SaveSection(draft, "id-document", renewed)
	assert.NotContains(t, c.Get(draft).Body, "Check and confirm")
	filed := submitDraft(t, c, draft)
	require.Equal(t, http.StatusSeeOther, filed.Status, webtest.ErrorSummaryText(filed.Body))

	// A draft started from nothing has nothing to confirm.
	fresh := app.Petitioner("new@example.org").StartAccessRequest()
	assert.NotContains(t, c.Get(fresh).Body, "Check and confirm")
}
