package web_test

import (
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/static"
	"github.com/ccf-portal/ccfportal/views"
	"github.com/ccf-portal/ccfportal/views/i18n"
	"github.com/ccf-portal/ccfportal/web"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

// guidePage is one page of the guide and the key of its heading.
type guidePage struct{ path, heading string }

func guidePages() []guidePage {
	pages := []guidePage{{"/help", "guide.help.title"}, {"/contact", "guide.contact.title"}}
	for _, a := range append(views.HelpArticles, views.AboutArticles...) {
		pages = append(pages, guidePage{a.Path, a.Title()})
	}
	return pages
}

var scriptTag = regexp.MustCompile(`(?is)<script\b[^>]*>`)

// footerOf is the site footer of a page.
func footerOf(t *testing.T, body string) string {
	t.Helper()
	i := strings.Index(body, `<footer class="site-footer">`)
	require.GreaterOrEqual(t, i, 0, "the page has the site footer")
	return body[i:]
}

func TestEveryGuidePageIsOpenToVisitorsInEveryLanguage(t *testing.T) {
	app := webtest.New(t)
	for _, tag := range []string{"en", "fr", "es", "ar"} {
		c := app.NewClient()
		c.Header.Set("Accept-Language", tag)
		l := i18n.Get(tag)
		home := c.Get("/").Body
		footer := footerOf(t, home)
		main := home[:strings.Index(home, "<footer")]
		assert.Contains(t, main, `href="/help/before-you-start"`, "%s: the home page points to what to gather", tag)
		for _, p := range guidePages() {
			resp := c.Get(p.path)
			require.Equal(t, http.StatusOK, resp.Status, "%s %s", tag, p.path)
			lang, dir := pageLanguage(t, resp)
			assert.Equal(t, [2]string{l.Tag, l.Dir}, [2]string{lang, dir}, "%s %s", tag, p.path)
			heading := html.EscapeString(l.T(p.heading))
			assert.Contains(t, resp.Body, "<h1>"+heading+"</h1>", "%s %s", tag, p.path)
			assert.Contains(t, resp.Body, "<title>"+heading+" – "+html.EscapeString(l.T("app.name"))+"</title>",
				"%s %s: the title names the page and the portal, nothing more", tag, p.path)
			assert.Contains(t, footer, `href="`+p.path+`"`, "%s: the home page's footer links %s", tag, p.path)
			assert.Contains(t, resp.Body, `href="`+views.DefaultExitURL+`" rel="noreferrer" data-quick-exit`,
				"%s %s: the quick-exit link", tag, p.path)
			for _, s := range scriptTag.FindAllString(resp.Body, -1) {
				assert.Regexp(t, `src="/static/[a-z]+\.[0-9a-f]{12}\.js"`, s, "%s %s: no inline script", tag, p.path)
			}
			assert.NotContains(t, resp.Body, "guide.", "%s %s: no raw catalogue key", tag, p.path)
		}
	}
}

func TestEveryPageHasTheQuickExitAndItsScriptIsServed(t *testing.T) {
	app := webtest.New(t, func(cfg *web.Config) { cfg.ExitURL = "https://neutral.example/" })
	c := app.NewClient()
	for _, path := range []string{"/", "/login", "/register", "/help", "/no-such-page"} {
		resp := c.Get(path)
		assert.Contains(t, resp.Body, `href="https://neutral.example/" rel="noreferrer" data-quick-exit`, path)
		assert.Contains(t, footerOf(t, resp.Body), `href="/help"`, path)
	}
	page := c.Get("/help")
	assert.Regexp(t, `<script src="`+regexp.QuoteMeta(static.Path("/static/exit.js"))+`" nonce="[^"]+" defer>`, page.Body,
		"the script runs under the page's CSP nonce")
	js := c.Get(static.Path("/static/exit.js"))
	require.Equal(t, http.StatusOK, js.Status)
	assert.Contains(t, js.Header.Get("Content-Type"), "javascript")
	assert.Contains(t, js.Body, "location.replace")
}

func TestTheContactPageShowsWhatTheOperatorConfigured(t *testing.T) {
	app := webtest.New(t, func(cfg *web.Config) {
		cfg.Contact = views.Contact{Postal: views.PostalLines("Operator Test Office|12 Example Road|Lyon"),
			Email: "ccf@example.org", Web: "https://ccf.example.org/"}
	})
	body := app.NewClient().Get("/contact").Body
	for _, want := range []string{"<span>Operator Test Office</span>", "<span>12 Example Road</span>",
		`href="mailto:ccf@example.org"`, `href="https://ccf.example.org/"`} {
		assert.Contains(t, body, want)
	}
	assert.NotContains(t, body, html.EscapeString(i18n.Get("en").T("guide.contact.unconfigured")))

	unset := webtest.New(t).NewClient().Get("/contact")
	require.Equal(t, http.StatusOK, unset.Status)
	assert.Contains(t, unset.Body, html.EscapeString(i18n.Get("en").T("guide.contact.unconfigured")),
		"without configuration the page says so rather than inventing an address")
}
