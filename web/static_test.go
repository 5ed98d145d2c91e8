package web_test

import (
	"net/http"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/static"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

var staticRef = regexp.MustCompile(`(?:href|src)="(/static/[^"]+)"`)

func TestStaticFilesAreServedUnderContentHashesAndCachedForAYear(t *testing.T) {
	app := webtest.New(t)
	c := app.NewClient()
	page := c.Get("/login")
	refs := staticRef.FindAllStringSubmatch(page.Body, -1)
	require.Len(t, refs, 3, "the stylesheet, the icon and the quick exit's script")
	for _, name := range []string{"app.css", "favicon.svg", "exit.js"} {
		assert.Contains(t, page.Body, `"`+static.Path("/static/"+name)+`"`, "the page refers to %s through its hashed name", name)
	}
	for _, ref := range refs {
		path := ref[1]
		assert.Regexp(t, `^/static/[a-z]+\.[0-9a-f]{12}\.[a-z]+$`, path)
		resp := c.Get(path)
		require.Equal(t, http.StatusOK, resp.Status, path)
		assert.Equal(t, "public, max-age=31536000, immutable", resp.Header.Get("Cache-Control"), path)
		a := static.Assets[path[len("/static/"):]]
		require.NotNil(t, a, path)
		assert.Equal(t, string(a.Body), resp.Body, path)
	}

	// Plain names, other hashes and anything else answer 404, never cached,
	// so no page can be paired with a file of another release.
	for _, path := range []string{"/static/app.css", "/static/exit.js", "/static/favicon.svg",
		"/static/app.000000000000.css", "/static/embed.go", "/static/", "/static/nothing.css"} {
		resp := c.Get(path)
		assert.Equal(t, http.StatusNotFound, resp.Status, path)
		assert.Contains(t, resp.Body, "Page not found", path)
		assert.Equal(t, "no-store", resp.Header.Get("Cache-Control"), path)
	}
}
