package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/views/i18n"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

var htmlTag = regexp.MustCompile(`<html lang="([^"]*)" dir="([^"]*)">`)

// pageLanguage is the lang and dir of a page's <html> element.
func pageLanguage(t *testing.T, r *webtest.Response) (string, string) {
	t.Helper()
	m := htmlTag.FindStringSubmatch(r.Body)
	require.NotNil(t, m, "page has no <html lang dir>")
	return m[1], m[2]
}

// chooseLanguage presses the switch's button for tag on page.
func chooseLanguage(t *testing.T, c *webtest.Client, page, tag string) *webtest.Response {
	t.Helper()
	p := c.Get(page)
	require.Contains(t, p.Body, `name="lang" value="`+tag+`"`, "the switch offers %s", tag)
	return c.PostForm("/language", url.Values{"_csrf": {webtest.CSRFFrom(t, p.Body)}, "lang": {tag},
		"next": {html.UnescapeString(regexpFind(t, p.Body, `name="next" value="([^"]*)"`))}})
}

func TestAcceptLanguageChoosesThePagesLanguage(t *testing.T) {
	app := webtest.New(t)
	for header, want := range map[string][2]string{
		"":                    {"en", "ltr"},
		"fr-CA,fr;q=0.9":      {"fr", "ltr"},
		"es-419":              {"es", "ltr"},
		"ar-EG,en;q=0.5":      {"ar", "rtl"},
		"de-DE,pt;q=0.8":      {"en", "ltr"},
		"not a language list": {"en", "ltr"},
	} {
		c := app.NewClient()
		c.Header.Set("Accept-Language", header)
		resp := c.Get("/")
		require.Equal(t, http.StatusOK, resp.Status)
		lang, dir := pageLanguage(t, resp)
		assert.Equal(t, want, [2]string{lang, dir}, "Accept-Language %q", header)
		assert.Equal(t, want[0], resp.Header.Get("Content-Language"))
	}
}

func TestTheSwitchHoldsForTheBrowserSessionAndKeepsTheAddress(t *testing.T) {
	app := webtest.New(t)
	c := app.NewClient()
	c.Header.Set("Accept-Language", "fr")
	lang, _ := pageLanguage(t, c.Get("/login?next=%2Fdashboard"))
	require.Equal(t, "fr", lang)

	resp := chooseLanguage(t, c, "/login?next=%2Fdashboard", "ar")
	require.Equal(t, http.StatusSeeOther, resp.Status, resp.Body)
	assert.Equal(t, "/login?next=%2Fdashboard", resp.Location(), "back to the same page, same address")
	for _, ck := range resp.Header.Values("Set-Cookie") {
		assert.NotContains(t, ck, "Max-Age", "the choice ends with the browser")
		assert.NotContains(t, ck, "Expires")
	}
	page := c.Get(resp.Location())
	lang, dir := pageLanguage(t, page)
	assert.Equal(t, [2]string{"ar", "rtl"}, [2]string{lang, dir}, "the choice beats Accept-Language")
	assert.Contains(t, page.Body, `aria-current="true">العربية<`, "the switch shows the current language")
	for _, path := range []string{"/", "/register", "/no-such-page"} {
		lang, _ := pageLanguage(t, c.Get(path))
		assert.Equal(t, "ar", lang, path)
	}
	assert.Nil(t, c.Cookie("ccf_lang"), "no language cookie of its own")

	other := app.NewClient() // a new browser session
	other.Header.Set("Accept-Language", "fr")
	lang, _ = pageLanguage(t, other.Get("/login"))
	assert.Equal(t, "fr", lang)
}

func TestTheSwitchReturnsOnlyToThisSite(t *testing.T) {
	app := webtest.New(t)
	c := app.NewClient()
	home := c.Get("/")
	for _, next := range []string{"https://evil.example/", "//evil.example/x", `/\evil.example`, "javascript:alert(1)", ""} {
		resp := c.PostForm("/language", url.Values{"_csrf": {webtest.CSRFFrom(t, home.Body)}, "lang": {"fr"}, "next": {next}})
		require.Equal(t, http.StatusSeeOther, resp.Status)
		assert.Equal(t, "/", resp.Location(), "next %q", next)
	}
	bad := c.PostForm("/language", url.Values{"_csrf": {webtest.CSRFFrom(t, home.Body)}, "lang": {"xx"}, "next": {"/"}})
	assert.Equal(t, http.StatusBadRequest, bad.Status, "only a language the portal speaks")
	forged := c.PostForm("/language", url.Values{"lang": {"fr"}, "next": {"/"}})
	assert.Equal(t, http.StatusForbidden, forged.Status, "the switch needs the form token")
}

func TestTheAccountsPreferenceRanksBetweenTheSessionAndTheBrowser(t *testing.T) {
	app := webtest.New(t)
	app.Register("petitioner", "Nadia Saleh", "nadia@example.org")

	// Signed in, the choice is saved to the account.
	c := app.Login("nadia@example.org")
	resp := chooseLanguage(t, c, "/dashboard", "es")
	require.Equal(t, http.StatusSeeOther, resp.Status)
	assert.Equal(t, "/dashboard", resp.Location())
	u, err := app.DB.UserByEmail(context.Background(), "nadia@example.org")
	require.NoError(t, err)
	assert.Equal(t, "es", u.Language)

	// Another browser whose languages say French: the account's wins.
	other := app.NewClient()
	other.Header.Set("Accept-Language", "fr")
	lang, _ := pageLanguage(t, other.Get("/login"))
	assert.Equal(t, "fr", lang, "before signing in, the browser's languages")
	login := other.Submit("/login", "/login", url.Values{"email": {"nadia@example.org"}, "password": {webtest.Password}})
	require.Equal(t, http.StatusSeeOther, login.Status)
	lang, _ = pageLanguage(t, other.Get("/dashboard"))
	assert.Equal(t, "es", lang, "signed in, the account's preference")

	// A choice made in this browser session beats the account's, and is
	// kept through signing out.
	third := app.NewClient()
	third.Header.Set("Accept-Language", "fr")
	require.Equal(t, http.StatusSeeOther, chooseLanguage(t, third, "/login", "ar").Status)
	login = third.Submit("/login", "/login", url.Values{"email": {"nadia@example.org"}, "password": {webtest.Password}})
	require.Equal(t, http.StatusSeeOther, login.Status)
	dash := third.Get("/dashboard")
	lang, _ = pageLanguage(t, dash)
	assert.Equal(t, "ar", lang, "the session's choice survives signing in and ranks first")
	out := third.PostForm("/logout", url.Values{"_csrf": {webtest.CSRFFrom(t, dash.Body)}})
	require.Equal(t, http.StatusSeeOther, out.Status)
	lang, _ = pageLanguage(t, third.Get("/"))
	assert.Equal(t, "ar", lang, "signing out keeps the language being read")
}

func TestEveryPageSaysItsLanguageAndDirection(t *testing.T) {
	app := webtest.New(t)
	pet := app.Petitioner("amal@example.org")
	req := deskFileAccess(t, pet)
	draft := pet.StartAccessRequest()
	staff := app.Staff("clerk@ccf.example")
	counsel := app.Counsel("lawyer@example.org")
	visitor := app.NewClient()
	pages := map[*webtest.Client][]string{
		visitor: {"/", "/login", "/register", "/no-such-page"},
		pet: {"/dashboard", "/requests/new?kind=access", "/requests/new?kind=deletion", draft, draft + "/section/applicant",
			draft + "/documents", draft + "/check", req, req + "/confirmation", "/representation"},
		counsel: {"/dashboard", "/applicants/new"},
		staff:   {"/staff", deskPath(req), deskPath(req) + "/admissibility", deskPath(req) + "/notes", deskPath(req) + "/audit"},
	}
	for _, tag := range []string{"ar", "fr", "es", "en"} {
		for c, paths := range pages {
			c.Header.Set("Accept-Language", tag)
			for _, p := range paths {
				resp := c.Get(p)
				lang, dir := pageLanguage(t, resp)
				assert.Equal(t, tag, lang, p)
				assert.Equal(t, i18n.Get(tag).Dir, dir, p)
				assert.Contains(t, resp.Body, `action="/language"`, "%s has the language switch", p)
			}
		}
	}
}

func TestAFormErrorInArabic(t *testing.T) {
	app := webtest.New(t)
	c := app.NewClient()
	c.Header.Set("Accept-Language", "ar")
	ar := i18n.Get("ar")
	resp := c.Submit("/register", "/register", url.Values{"role": {"petitioner"}, "name": {""},
		"email": {"not-an-address"}, "password": {"short"}})
	require.Equal(t, http.StatusUnprocessableEntity, resp.Status)
	lang, dir := pageLanguage(t, resp)
	assert.Equal(t, [2]string{"ar", "rtl"}, [2]string{lang, dir})
	body := html.UnescapeString(resp.Body)
	assert.Contains(t, body, "<title>"+ar.T("form.error_title_prefix"), "the title says the form failed")
	assert.Contains(t, body, ar.T("field.name.required"))
	assert.Contains(t, body, ar.T("field.email.invalid"))
	assert.Contains(t, body, ar.T("password.too_short", 12), "a counted message in its Arabic form")
	assert.NotContains(t, body, "%!", "no formatting noise")
}

func TestStaffSeeTheRequestsWorkingLanguageApartFromTheirOwn(t *testing.T) {
	app := webtest.New(t)
	pet := app.Petitioner("amal@example.org")
	req := pet.StartAccessRequest()
	pet.FillAccessRequest(req, false)
	pet.SaveSection(req, "language", url.Values{"language": {"ar"}})
	pet.UploadDocument(req, "identity", "passport.pdf", webtest.PDF("passport-scan"), false)
	deskSubmit(t, pet, req)

	staff := app.Staff("clerk@ccf.example")
	staff.Header.Set("Accept-Language", "fr")
	page := staff.Get(deskPath(req))
	lang, _ := pageLanguage(t, page)
	require.Equal(t, "fr", lang, "staff read the desk in their own language")
	fr := i18n.Get("fr")
	body := html.UnescapeString(page.Body)
	assert.Contains(t, body, fr.T("staff.language"))
	assert.Contains(t, body, fr.T("option.language.ar"), "the request is to be handled in Arabic")
}
