package web_test

import (
	"html"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/views"
	"github.com/ccf-portal/ccfportal/views/i18n"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

// Each word of the procedure is explained on the page that first uses it,
// with the glossary's own text and a link to its entry there, and the
// glossary still lists every one of them under that anchor.
func TestWordsOfTheProcedureAreExplainedWhereFirstUsed(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	en := i18n.Get("en")
	access := c.StartAccessRequest()
	deletion := c.StartDeletionRequest(url.Values{"kind": {"deletion"}})
	filed := fileAccessRequest(t, c)
	second := fileAccessRequest(t, c)
	asked := next(t, c, second+"/urgent", second+"/urgent/start", detainedNow())
	pages := []struct {
		path  string
		terms []string
	}{
		{access + "/section/representation", []string{"poa"}},
		{access + "/section/data", []string{"diffusion", "modus_operandi", "ncb"}},
		{access + "/section/language", []string{"working_language"}},
		{access + "/check", []string{"admissible"}},
		{deletion + "/section/summary", []string{"summary"}},
		{deletion + "/data-items", []string{"diffusion", "modus_operandi", "ncb"}},
		{deletion + "/grounds", []string{"grounds"}},
		{deletion + "/evidence", []string{"appendices"}},
		{filed + "/urgent", []string{"provisional"}},
		{asked, []string{"extract"}},
		{"/urgent", []string{"provisional"}},
		{filed, []string{"admissible"}},
	}
	explained := map[string]bool{}
	for _, p := range pages {
		resp := c.Get(p.path)
		require.Equal(t, http.StatusOK, resp.Status, p.path)
		for _, term := range p.terms {
			explained[term] = true
			assert.Contains(t, resp.Body, html.EscapeString(en.T(views.GlossaryKey(term)+".def")), "%s explains %q", p.path, term)
			assert.Contains(t, resp.Body, `href="/help/glossary#`+views.TermAnchor(term)+`"`, "%s links %q to the glossary", p.path, term)
		}
	}
	for _, term := range []string{"diffusion", "provisional", "admissible", "appendices", "extract", "modus_operandi",
		"poa", "working_language", "ncb", "summary", "grounds"} {
		assert.True(t, explained[term], "a page explains %q", term)
	}

	glossary := app.NewClient().Get(views.Glossary.Path)
	require.Equal(t, http.StatusOK, glossary.Status)
	for term := range explained {
		assert.Contains(t, glossary.Body, `id="`+views.TermAnchor(term)+`"`, "the glossary has an entry for %q", term)
		assert.Contains(t, glossary.Body, html.EscapeString(en.T(views.GlossaryKey(term)+".def")), "the glossary defines %q", term)
	}
}
