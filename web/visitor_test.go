package web_test

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/web"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

func sessionRows(app *webtest.App) int64 {
	return app.QueryInt(`SELECT COUNT(*) FROM sessions`)
}

func TestAnonymousVisitorsWriteNoSessionRow(t *testing.T) {
	app := webtest.New(t)
	const browsers, rounds = 5, 20
	for b := range browsers {
		c := app.NewClient()
		for range rounds {
			for _, path := range []string{"/", "/login", "/register", "/help", "/statistics", "/no-such-page"} {
				c.Get(path)
			}
		}
		tag := []string{"fr", "es", "ar", "fr", "es"}[b]
		require.Equal(t, http.StatusSeeOther, chooseLanguage(t, c, "/login", tag).Status)
		lang, _ := pageLanguage(t, c.Get("/login"))
		assert.Equal(t, tag, lang, "the choice holds for the browser session without a row")
	}
	assert.Zero(t, sessionRows(app), "%d anonymous GETs and %d language switches", browsers*rounds*6, browsers)

	// Registering is a visitor's form too: its confirmation shows once on
	// the sign-in page, still without a row.
	c := app.NewClient()
	reg := c.Submit("/register", "/register", url.Values{"role": {"petitioner"}, "name": {"Amal"},
		"email": {"amal@example.org"}, "password": {webtest.Password}})
	require.Equal(t, http.StatusSeeOther, reg.Status, reg.Body)
	assert.Contains(t, c.Get("/login").Body, "Your account is ready.")
	assert.NotContains(t, c.Get("/login").Body, "Your account is ready.", "shown once")
	assert.Zero(t, sessionRows(app))

	// Signing in is the first write.
	login := c.Submit("/login", "/login", url.Values{"email": {"amal@example.org"}, "password": {webtest.Password}})
	require.Equal(t, http.StatusSeeOther, login.Status, login.Body)
	assert.Equal(t, http.StatusOK, c.Get("/dashboard").Status)
	assert.Equal(t, int64(1), sessionRows(app))

	// Signing out deletes it; the message after it needs no row either.
	out := c.Submit("/dashboard", "/logout", nil)
	require.Equal(t, http.StatusSeeOther, out.Status)
	assert.Contains(t, c.Get("/").Body, "You have signed out.")
	assert.Zero(t, sessionRows(app))
}

func TestTheVisitorCookieEndsWithTheBrowserAndScriptsCannotReadIt(t *testing.T) {
	app := webtest.New(t)
	resp, err := app.NewClient().HTTP.Get(app.Server.URL + "/login")
	require.NoError(t, err)
	resp.Body.Close()
	ck := findCookie(resp.Cookies(), "ccf_visitor")
	require.NotNil(t, ck)
	assert.True(t, ck.HttpOnly)
	assert.Equal(t, http.SameSiteLaxMode, ck.SameSite)
	assert.Equal(t, "/", ck.Path)
	assert.Zero(t, ck.MaxAge, "a browser-session cookie")
	assert.True(t, ck.Expires.IsZero())
	assert.Nil(t, findCookie(resp.Cookies(), "ccf_session"))
}

func TestVisitorFormTokensAreRefusedWhenForgedMissingOrFromAnotherBrowser(t *testing.T) {
	app := webtest.New(t)
	app.Register(domain.RolePetitioner, "Amal", "amal@example.org")
	creds := func() url.Values {
		return url.Values{"email": {"amal@example.org"}, "password": {webtest.Password}}
	}
	mine, theirs := app.NewClient(), app.NewClient()
	mine.Get("/login")
	theirPage := theirs.Get("/login")
	theirToken := webtest.CSRFFrom(t, theirPage.Body)

	cases := map[string]string{"missing": "", "forged": "not-the-token", "another browser's": theirToken}
	for name, token := range cases {
		t.Run(name, func(t *testing.T) {
			values := creds()
			if token != "" {
				values.Set("_csrf", token)
			}
			resp := mine.PostForm("/login", values)
			assert.Equal(t, http.StatusForbidden, resp.Status)
			assert.Contains(t, resp.Body, "This form has expired or did not come from this portal")
		})
	}
	assert.Equal(t, http.StatusSeeOther, mine.Get("/dashboard").Status, "not signed in")

	// A browser without the cookie at all (a cross-site form's victim who
	// never visited) is refused too, even with a well-formed token.
	bare := app.NewClient()
	resp := bare.PostForm("/login", url.Values{"_csrf": {theirToken}, "email": {"amal@example.org"},
		"password": {webtest.Password}})
	assert.Equal(t, http.StatusForbidden, resp.Status)

	// A cookie altered by hand is not this server's, and its token with it.
	u, _ := url.Parse(app.Server.URL)
	ck := theirs.Cookie("ccf_visitor")
	require.NotNil(t, ck)
	tampered := app.NewClient()
	tampered.HTTP.Jar.SetCookies(u, []*http.Cookie{{Name: "ccf_visitor", Value: ck.Value[:len(ck.Value)-2] + "xx"}})
	resp = tampered.PostForm("/login", url.Values{"_csrf": {theirToken}, "email": {"amal@example.org"},
		"password": {webtest.Password}})
	assert.Equal(t, http.StatusForbidden, resp.Status)

	// The rightful browser's own token still works, language switch and
	// sign-in alike.
	require.Equal(t, http.StatusSeeOther, theirs.PostForm("/language", url.Values{"_csrf": {theirToken},
		"lang": {"es"}, "next": {"/login"}}).Status)
	ok := theirs.PostForm("/login", url.Values{"_csrf": {theirToken}, "email": {"amal@example.org"},
		"password": {webtest.Password}})
	assert.Equal(t, http.StatusSeeOther, ok.Status, ok.Body)
	assert.Equal(t, http.StatusOK, theirs.Get("/dashboard").Status)
}

func TestSignedInFormTokensAreTheSessionsNotTheVisitors(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	visitorToken := webtest.CSRFFrom(t, app.NewClient().Get("/login").Body)
	dash := c.Get("/dashboard")
	for name, token := range map[string]string{"missing": "", "forged": "not-the-token", "a visitor's": visitorToken} {
		t.Run(name, func(t *testing.T) {
			values := url.Values{"lang": {"fr"}, "next": {"/dashboard"}}
			if token != "" {
				values.Set("_csrf", token)
			}
			resp := c.PostForm("/language", values)
			assert.Equal(t, http.StatusForbidden, resp.Status)
		})
	}
	resp := c.PostForm("/language", url.Values{"_csrf": {webtest.CSRFFrom(t, dash.Body)}, "lang": {"fr"},
		"next": {"/dashboard"}})
	assert.Equal(t, http.StatusSeeOther, resp.Status)
	lang, _ := pageLanguage(t, c.Get("/dashboard"))
	assert.Equal(t, "fr", lang)
}

func TestTheSecondFactorStepGetsAFreshSessionID(t *testing.T) {
	app := webtest.New(t)
	app.Staff("clerk@ccf.example") // enrols its second factor
	c := app.NewClient()
	resp := c.Submit("/login", "/login", url.Values{"email": {"clerk@ccf.example"}, "password": {webtest.Password}})
	require.Equal(t, http.StatusSeeOther, resp.Status, resp.Body)
	require.Equal(t, "/login/code", resp.Location())
	pending := c.Cookie("ccf_session")
	require.NotNil(t, pending, "the password step is remembered in a row")
	assert.Equal(t, int64(2), sessionRows(app), "the other browser's session and this step")

	app.Clock.Advance(30 * time.Second) // a fresh code
	code := app.Code(app.TOTPSecret("clerk@ccf.example"))
	done := c.Submit("/login/code", "/login/code", url.Values{"code": {code}})
	require.Equal(t, http.StatusSeeOther, done.Status, done.Body)
	signedIn := c.Cookie("ccf_session")
	require.NotNil(t, signedIn)
	assert.NotEqual(t, pending.Value, signedIn.Value, "no session fixation")
	assert.Equal(t, http.StatusOK, c.Get("/staff").Status)
	assert.Equal(t, int64(2), sessionRows(app), "the step's row was replaced, not kept")
}

func TestABrowserHoldsOneCookieAtATime(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	require.NotNil(t, c.Cookie("ccf_session"))
	assert.Nil(t, c.Cookie("ccf_visitor"), "signed in: the session cookie alone")

	app.Clock.Advance(web.DefaultSessionPolicy.ApplicantIdle + time.Minute)
	home := c.Get("/")
	require.Equal(t, http.StatusOK, home.Status)
	assert.Nil(t, c.Cookie("ccf_session"), "the ended session's cookie is gone")
	assert.NotNil(t, c.Cookie("ccf_visitor"), "the visitor cookie carries the forms' token")
	assert.Zero(t, sessionRows(app))
	require.Equal(t, http.StatusSeeOther, c.SubmitFrom(home.Body, "/login", url.Values{
		"email": {"amal@example.org"}, "password": {webtest.Password}}).Status)
}
