package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/ccf-portal/ccfportal/web/webtest"
)

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
