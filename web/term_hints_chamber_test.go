package web_test

import (
	"html"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain/outcome"
	"github.com/ccf-portal/ccfportal/db/domain/staffrole"
	"github.com/ccf-portal/ccfportal/views"
	"github.com/ccf-portal/ccfportal/views/i18n"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

// explains reports whether a page explains term with the glossary's text
// and links to its entry.
func explains(t *testing.T, body, term string) bool {
	t.Helper()
	def := html.EscapeString(i18n.Get("en").T(views.GlossaryKey(term) + ".def"))
	return assert.Contains(t, body, def, "the page explains %q", term) &&
		assert.Contains(t, body, `href="/help/glossary#`+views.TermAnchor(term)+`"`, "the page links %q to the glossary", term)
}

// The words of the Chamber's work are explained on the pages that first
// use them, on the staff's side through a decision's life, and on the
// applicant's case page while it gives the date the CCF aims to decide by
// and once the decision is being carried out.
func TestTheChambersWordsAreExplainedWhereFirstUsed(t *testing.T) {
	app := webtest.New(t)
	amal := app.Petitioner("amal@example.org")
	req := deskFileDeletion(t, amal)
	clerk := app.Staff("clerk@ccf.example")
	desk := deskPath(req)
	assert.NotContains(t, amal.Get(req).Body, `#`+views.TermAnchor("extension"), "no time limit before admissibility")
	admit(t, app, clerk, req)
	explains(t, amal.Get(req).Body, "extension")

	sessions := clerk.Get(views.SessionsPath)
	require.Equal(t, http.StatusOK, sessions.Status)
	explains(t, sessions.Body, "session")
	explains(t, sessions.Body, "agenda")

	draftDecision(t, app, req, webtest.F("outcome", outcome.NonCompliantDeletion),
		webtest.F("reasons", "The diffusion is predominantly political (Art. 3)."))
	onAgenda(t, app, req)
	judge := staffOf(t, app, staffrole.Chamber, "member@ccf.example")
	explains(t, judge.Get(desk+"/decision/adopt").Body, "adoption")
	adoptDecision(t, app, req)
	secretary := staffOf(t, app, staffrole.Secretariat, "secretary@ccf.example")
	explains(t, secretary.Get(desk+"/decision/sent-to-gs").Body, "general_secretariat")
	decisionStep(t, app, req, "sent-to-gs", nil)
	explains(t, secretary.Get(desk+"/decision/implemented").Body, "implementation")
	sendDecision(t, app, req, "", "")
	assert.NotContains(t, amal.Get(req).Body, `#`+views.TermAnchor("implementation"), "not before a notice")

	form := clerk.Get(desk + "/notices")
	require.Equal(t, http.StatusOK, form.Status)
	explains(t, form.Body, "deletion_notice")
	target := regexpFind(t, form.Body, `name="target" value="([^"]+)"`)
	deskDo(t, clerk, desk+"/notices", desk+"/notices", url.Values{"target": {target},
		"effective_on-day": {"1"}, "effective_on-month": {"4"}, "effective_on-year": {"2026"}, "countries": {"DE"}})
	explains(t, amal.Get(req).Body, "implementation")
}

// The glossary defines the words of the Chamber's work in each language,
// under the anchors the pages link to.
func TestTheGlossaryHoldsTheChambersWords(t *testing.T) {
	app := webtest.New(t)
	for _, lang := range []string{"en", "fr", "es", "ar"} {
		c := app.NewClient()
		c.Header.Set("Accept-Language", lang)
		page := c.Get(views.Glossary.Path)
		require.Equal(t, http.StatusOK, page.Status)
		for _, term := range []string{"session", "agenda", "adoption", "general_secretariat", "implementation",
			"deletion_notice", "certificate", "extension"} {
			assert.Contains(t, page.Body, `id="`+views.TermAnchor(term)+`"`, "%s: an entry for %q", lang, term)
			assert.Contains(t, page.Body, html.EscapeString(i18n.Get(lang).T(views.GlossaryKey(term)+".def")), "%s defines %q", lang, term)
		}
	}
}
