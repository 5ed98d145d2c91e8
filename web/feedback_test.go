package web_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/web/webtest"
)

// Anyone may say what could be better from any page's footer, without an
// account; staff read it with the page it came from, and nothing else of
// the sender is kept.
func TestFeedbackFromAnyPageReachesStaffWithoutTheSender(t *testing.T) {
	app := webtest.New(t)
	visitor := app.NewClient()
	help := visitor.Get("/help")
	assert.Contains(t, help.Body, `href="/feedback?from=%2Fhelp"`, "the footer links to the form with the page")

	empty := visitor.Submit("/feedback?from=/help", "/feedback", url.Values{"from": {"/help"}, "body": {" "}})
	assert.Equal(t, http.StatusUnprocessableEntity, empty.Status)
	assert.Contains(t, webtest.ErrorSummaryText(empty.Body), "Write what could be better")

	sent := visitor.Submit("/feedback?from=/help", "/feedback", url.Values{"from": {"/help"},
		"body": {"The glossary could say what a diffusion is sooner."}})
	require.Equal(t, http.StatusSeeOther, sent.Status, webtest.ErrorSummaryText(sent.Body))
	assert.Equal(t, "/help", sent.Location(), "sending returns to the page")
	assert.Contains(t, visitor.Get("/help").Body, "Thank you. Your comment has been sent.")

	amal := app.Petitioner("amal@example.org")
	fromSearch := amal.Submit("/feedback", "/feedback", url.Values{"from": {"/dashboard?q=Amal+Haddad"}, "body": {"Fine."}})
	require.Equal(t, http.StatusSeeOther, fromSearch.Status)
	offsite := amal.Submit("/feedback", "/feedback", url.Values{"from": {"https://evil.example/"}, "body": {"Hm."}})
	assert.Equal(t, "/", offsite.Location(), "never sent off the site")

	list := app.Staff("clerk@ccf.example").Get("/staff/feedback")
	require.Equal(t, http.StatusOK, list.Status)
	assert.Contains(t, list.Body, "The glossary could say what a diffusion is sooner.")
	assert.Contains(t, list.Body, "<bdi>/help</bdi>")
	assert.Contains(t, list.Body, "<bdi>/dashboard</bdi>")
	assert.NotContains(t, list.Body, "Amal+Haddad", "a page's query is never kept")
	assert.NotContains(t, list.Body, "amal@example.org", "nothing of the sender is kept")
	assert.Equal(t, http.StatusForbidden, amal.Get("/staff/feedback").Status)

	forged := app.NewClient().PostForm("/feedback", url.Values{"body": {"no token"}})
	assert.Equal(t, http.StatusForbidden, forged.Status)
}

// The form needs no account, so the portal takes a bounded number of
// comments an hour from everyone together: a flood cannot fill the disk
// that filings need.
func TestFeedbackIsBoundedPerHour(t *testing.T) {
	app := webtest.New(t)
	_, err := app.DB.Writer().ExecContext(context.Background(), `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
		INSERT INTO feedback (page, body, created_at) SELECT '/', 'x', ? FROM n`, app.DB.Clock.Now().Unix())
	require.NoError(t, err)
	visitor := app.NewClient()
	resp := visitor.Submit("/feedback", "/feedback", url.Values{"body": {"one more"}})
	assert.Equal(t, http.StatusTooManyRequests, resp.Status)
	assert.Contains(t, resp.Body, "Too many comments have been sent in the last hour")
}
