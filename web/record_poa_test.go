package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/web/webtest"
)

// Counsel who files a request with a power of attorney uploaded on the
// request, not kept on the record, is no longer told the record has none:
// the record and the filing agree about the documents the CCF holds.
func TestAPowerOfAttorneyFiledWithARequestCountsForItsRecord(t *testing.T) {
	app := webtest.New(t)
	c := app.CounselOf("Maître Dupont", "dupont@avocats.example", "Dupont & Associés")
	record := c.AddApplicant(webtest.ApplicantRecord("Delta Person", "2030"))

	access := c.StartFilingFor(record, "access")
	c.FillAccessRequest(access, true)
	c.SaveSection(access, "applicant", url.Values{"full_name": {"Delta Person"}, "birth_date-day": {"14"},
		"birth_date-month": {"2"}, "birth_date-year": {"1984"}, "nationality": {"SY"}})
	c.UploadDocument(access, "identity", "delta-passport.pdf", webtest.PDF("delta-passport.pdf"), false)
	c.UploadDocument(access, "power_of_attorney", "delta-poa.pdf", webtest.PDF("delta-poa.pdf"), false)

	// A draft's power of attorney is not yet with the CCF: still flagged.
	assert.Contains(t, tableRow(c.Get("/dashboard").Body, "Delta Person"), "Power of attorney missing or old")

	filed := submitDraft(t, c, access)
	require.Equal(t, http.StatusSeeOther, filed.Status, webtest.ErrorSummaryText(filed.Body))
	dash := c.Get("/dashboard")
	require.Equal(t, http.StatusOK, dash.Status)
	assert.NotContains(t, tableRow(dash.Body, "Delta Person"), "Power of attorney missing or old")
	page := c.Get(record)
	require.Equal(t, http.StatusOK, page.Status)
	assert.NotContains(t, page.Body, "No power of attorney is kept on the record")
}
