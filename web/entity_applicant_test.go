package web_test

import (
	"html"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/web/webtest"
)

// Counsel files for a company that INTERPOL's data name: it is described
// by its registered name, number, date and country and by who signs for
// it, not by a birth date and an identity document; its registration
// document and the proof of the signer's authority take the identity
// document's place, with counsel's power of attorney. Staff see all of it.
func TestCounselFilesForACompanyWithItsRegistrationDocuments(t *testing.T) {
	app := webtest.New(t)
	c := app.Counsel("lawyer@example.org")
	req := c.StartAccessRequest()
	answers := webtest.AccessAnswers(true)
	c.SaveSection(req, "representation", url.Values{"representation": {"representative"}, "relationship": {"lawyer"},
		"applicant_entity": {"yes"}})
	noNumber := c.Submit(req+"/section/applicant", req+"/section/applicant", url.Values{"full_name": {"Example Trading GmbH"}})
	assert.Equal(t, http.StatusUnprocessableEntity, noNumber.Status)
	assert.Contains(t, noNumber.Body, "Enter the registration number of the company or organisation")
	assert.Contains(t, noNumber.Body, "Enter the name of the person who signs for the company or organisation")
	assert.NotContains(t, noNumber.Body, "Enter the date of birth", "a company has none")
	c.SaveSection(req, "applicant", url.Values{"full_name": {"Example Trading GmbH"}, "entity_registration": {"HRB 12345"},
		"entity_registered_on-day": {"1"}, "entity_registered_on-month": {"5"}, "entity_registered_on-year": {"2015"},
		"entity_country": {"DE"}, "signer_name": {"Jana Roth"}, "signer_capacity": {"Managing director"}})
	for _, s := range []string{"contact", "data", "language"} {
		c.SaveSection(req, s, answers[s])
	}

	tasks := c.Get(req)
	assert.NotContains(t, tasks.Body, `href="`+req+`/section/id-document"`, "a company has no identity document to describe")
	check := html.UnescapeString(c.Get(req + "/check").Body)
	assert.Contains(t, check, "Upload the registration document of the company or organisation")
	assert.Contains(t, check, "Upload proof that the person who signs may act for the company or organisation")
	assert.NotContains(t, check, "Upload a copy of the identity document")
	assert.Equal(t, http.StatusUnprocessableEntity, submitDraft(t, c, req).Status)

	c.UploadDocument(req, "registration", "register-extract.pdf", webtest.PDF("register extract"), false)
	c.UploadDocument(req, "signer_authority", "board-resolution.pdf", webtest.PDF("board resolution"), false)
	c.UploadDocument(req, "power_of_attorney", "poa.pdf", webtest.PDF("power of attorney"), false)
	filed := submitDraft(t, c, req)
	require.Equal(t, http.StatusSeeOther, filed.Status, webtest.ErrorSummaryText(filed.Body))

	staff := app.Staff("clerk@ccf.example")
	desk := html.UnescapeString(staff.Get(deskPath(req)).Body)
	for _, want := range []string{"Example Trading GmbH", "HRB 12345", "1 May 2015", "Jana Roth", "Managing director",
		"Registration document", "Proof of the signer's authority"} {
		assert.Contains(t, desk, want)
	}
	assert.NotContains(t, desk, "The portal holds no registration document", "it is held")
}

// A minor is represented by a parent or guardian, who sends the proof of
// their relationship with the child's identity document and the power of
// attorney; without the proof the request cannot be sent.
func TestAGuardianFilesForAMinorWithProofOfRelationship(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("mother@example.org")
	req := c.StartAccessRequest()
	c.FillAccessRequest(req, true)
	c.SaveSection(req, "representation", url.Values{"representation": {"representative"}, "relationship": {"family"},
		"applicant_minor": {"yes"}})
	c.UploadDocument(req, "identity", "child-passport.pdf", webtest.PDF("child passport"), false)
	c.UploadDocument(req, "power_of_attorney", "authority.pdf", webtest.PDF("parental authority"), false)
	check := html.UnescapeString(c.Get(req + "/check").Body)
	assert.Contains(t, check, "proof of your relationship")
	assert.Equal(t, http.StatusUnprocessableEntity, submitDraft(t, c, req).Status)

	c.UploadDocument(req, "relationship_proof", "birth-certificate.pdf", webtest.PDF("birth certificate"), false)
	filed := submitDraft(t, c, req)
	require.Equal(t, http.StatusSeeOther, filed.Status, webtest.ErrorSummaryText(filed.Body))
}
