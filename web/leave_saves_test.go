package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/web/webtest"
)

// Every way off a form page keeps what was typed: "Back" and "Return to the
// list of sections" are buttons of the form, which save first.
func TestLeavingASectionSavesWhatWasTyped(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	req := c.StartAccessRequest()

	for _, way := range []string{"tasks", "back"} {
		page := c.Get(req + "/section/applicant")
		require.Equal(t, http.StatusOK, page.Status)
		assert.Contains(t, page.Body, `name="leave" value="tasks"`, "the list of sections is a button of the form")
		assert.Contains(t, page.Body, `form="answers" name="leave" value="back"`, "so is the back link")
		name := "Amal Haddad " + way
		// Unfinished: no birth date, no nationality. Leaving is still allowed.
		resp := c.SubmitFrom(page.Body, req+"/section/applicant",
			url.Values{"full_name": {name}, "birth_place": {"Aleppo"}, "leave": {way}})
		require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
		assert.Equal(t, req, resp.Location(), "back to the list of sections")

		again := c.Get(req + "/section/applicant")
		assert.Contains(t, again.Body, `value="`+name+`"`, "the typed name came back")
		assert.Contains(t, again.Body, `value="Aleppo"`)
	}
	tasks := c.Get(req)
	assert.NotContains(t, tasks.Body, "You have completed 2 of", "the unfinished section is not counted as complete")

	// "Save and continue" still refuses the unfinished section.
	resp := c.Submit(req+"/section/applicant", req+"/section/applicant", url.Values{"full_name": {"Amal Haddad"}})
	assert.Equal(t, http.StatusUnprocessableEntity, resp.Status)
}

func TestLeavingAGroundKeepsItsExplanation(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	req := c.StartDeletionRequest(url.Values{"kind": {"deletion"}})
	resp := c.Submit(req+"/grounds", req+"/grounds", url.Values{"grounds": {"political"}})
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	ground := resp.Location()

	page := c.Get(ground)
	assert.Contains(t, page.Body, `form="explanation-form" name="leave" value="back"`)
	resp = c.SubmitFrom(page.Body, ground, url.Values{"explanation": {"I was a journalist who wrote about"}, "leave": {"back"}})
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	assert.Equal(t, req+"/grounds", resp.Location(), "back to the list of grounds")
	assert.Contains(t, c.Get(ground).Body, "I was a journalist who wrote about")

	// Leaving an empty box just goes back.
	resp = c.Submit(ground, ground, url.Values{"explanation": {""}, "leave": {"back"}})
	assert.Equal(t, http.StatusSeeOther, resp.Status)
	assert.Contains(t, c.Get(ground).Body, "I was a journalist who wrote about", "an empty box on leaving keeps the saved text")
}
