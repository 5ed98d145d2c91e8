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

// A person arrested yesterday files from the home page: who the person
// is, then the urgent form, then the reference -- two pages, sent at once,
// with the fuller request left as a draft to complete later.
func TestUrgentMeasuresFromTheHomePageInTwoPages(t *testing.T) {
	app := webtest.New(t)
	anon := app.NewClient()
	assert.Contains(t, anon.Get("/").Body, `href="/urgent"`)
	signIn := anon.Get("/urgent")
	assert.Equal(t, http.StatusSeeOther, signIn.Status, "an account comes first")
	assert.True(t, strings.HasPrefix(signIn.Location(), "/login"), signIn.Location())

	c := app.Petitioner("leila@example.org")
	assert.Contains(t, c.Get("/dashboard").Body, `href="/urgent"`)
	start := c.Get("/urgent")
	require.Equal(t, http.StatusOK, start.Status)
	assert.Contains(t, start.Body, "Which request will they belong to?")

	refused := c.Submit("/urgent", "/urgent", url.Values{"full_name": {"Yusuf Haddad"}})
	assert.Equal(t, http.StatusUnprocessableEntity, refused.Status)
	assert.Contains(t, refused.Body, "Select the request the urgent measures will belong to")
	assert.Contains(t, refused.Body, `value="Yusuf Haddad"`)
	u := mustUser(t, app, "leila@example.org")
	list, err := app.DB.RequestsForUser(t.Context(), u)
	require.NoError(t, err)
	assert.Empty(t, list, "a refused first page leaves no draft")

	person := append(personFields(), webtest.F("urgent_follow", "deletion"))
	person[1] = webtest.F("full_name", "Yusuf Haddad")
	next := c.Submit("/urgent", "/urgent", webtest.Values(person))
	require.Equal(t, http.StatusSeeOther, next.Status, webtest.ErrorSummaryText(next.Body))
	form := c.Get(next.Location())
	require.Equal(t, http.StatusOK, form.Status)
	assert.Contains(t, form.Body, "The person is detained now")

	sent := c.Upload(next.Location(), next.Location(), detainedFields(), "", nil)
	require.Equal(t, http.StatusSeeOther, sent.Status, webtest.ErrorSummaryText(sent.Body))
	conf := c.Get(sent.Location())
	assert.Contains(t, conf.Body, "CCF-2026-000001")
	assert.Contains(t, conf.Body, "What the request still needs")

	list, err = app.DB.RequestsForUser(t.Context(), u)
	require.NoError(t, err)
	kinds := map[domain.Kind]domain.Status{}
	for _, r := range list {
		kinds[r.Kind] = r.Status
		assert.Equal(t, "Yusuf Haddad", r.ApplicantName, r.Kind)
	}
	assert.Equal(t, map[domain.Kind]domain.Status{domain.KindDeletion: domain.StatusDraft,
		domain.KindProvisional: domain.StatusSubmitted}, kinds)

	staff := app.Staff("clerk@ccf.example")
	page := staff.Get("/staff/requests/2")
	require.Equal(t, http.StatusOK, page.Status)
	assert.Contains(t, page.Body, "Yusuf Haddad")
	assert.Contains(t, page.Body, "14 July 1985", "the person's essentials reach the staff")
	assert.Contains(t, page.Body, "Detained when the request was made")
}

// The way in also offers the requests already sent, and stays the
// filer's: another user's draft answers 404.
func TestTheUrgentWayInOffersRequestsAlreadySent(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	access := fileAccessRequest(t, c)
	start := c.Get("/urgent")
	assert.Contains(t, start.Body, `href="`+access+`/urgent"`)

	draft := c.StartDeletionRequest(url.Values{"kind": {"deletion"}})
	other := app.Petitioner("other@example.org")
	assert.Equal(t, http.StatusNotFound, other.Get(draft+"/urgent").Status)
	token := webtest.CSRFFrom(t, other.Get("/dashboard").Body)
	theirs := other.PostForm(draft+"/urgent/person", url.Values{"_csrf": {token}, "full_name": {"X"}})
	assert.Equal(t, http.StatusNotFound, theirs.Status)
	noToken := c.PostForm("/urgent", webtest.Values(personFields()))
	assert.Equal(t, http.StatusForbidden, noToken.Status, "CSRF guards the way in")
}
