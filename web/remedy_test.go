package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/web/webtest"
)

// TestADeletionRequestMayAskForCorrectionInTheAlternative: an applicant
// asks for deletion and, if the CCF does not order it, for the data to be
// corrected, or for another measure; the page is optional, and an
// alternative needs its details.
func TestADeletionRequestMayAskForCorrectionInTheAlternative(t *testing.T) {
	app := webtest.New(t)
	c := app.Counsel("lawyer@example.org")
	req := c.StartDeletionRequest(url.Values{"kind": {"deletion"}})
	assert.Contains(t, c.Get(req).Body, "If the data are not deleted (optional)")

	page := c.Get(req + "/section/remedy")
	require.Equal(t, http.StatusOK, page.Status)
	assert.Contains(t, page.Body, "That the data be corrected or brought up to date")

	refused := c.Submit(req+"/section/remedy", req+"/section/remedy", url.Values{"alternative": {"correction"}})
	assert.Equal(t, http.StatusUnprocessableEntity, refused.Status)
	assert.Contains(t, refused.Body, "Say what should be corrected, or which measure you ask for")
	details := "The notice should record that the Paris court acquitted me in 2024."
	c.SaveSection(req, "remedy", url.Values{"alternative": {"correction"}, "alternative_details": {details}})
	fileDeletionRequest(t, c, req)
	staff := app.Staff("clerk@ccf.example")
	view := staff.Get("/staff/requests/" + req[len("/requests/"):])
	require.Equal(t, http.StatusOK, view.Status)
	assert.Contains(t, view.Body, "That the data be corrected or brought up to date")
	assert.Contains(t, view.Body, details)

	correction := c.StartDeletionRequest(url.Values{"kind": {"correction"}})
	body := c.Get(correction + "/section/remedy").Body
	assert.NotContains(t, body, "That the data be corrected or brought up to date", "a correction request does not ask for correction in the alternative")
	assert.Contains(t, body, "Another measure")
}
