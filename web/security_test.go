package web_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/password"
	"github.com/ccf-portal/ccfportal/static"
	"github.com/ccf-portal/ccfportal/web"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

func TestFormPostWithoutValidCSRFTokenIsRefused(t *testing.T) {
	app := webtest.New(t)
	app.Register(domain.RolePetitioner, "Amal", "amal@example.org")
	c := app.NewClient()
	c.Get("/login") // has a session, but the post below carries no token
	for name, token := range map[string]string{"missing": "", "wrong": "not-the-token"} {
		t.Run(name, func(t *testing.T) {
			values := url.Values{"email": {"amal@example.org"}, "password": {webtest.Password}}
			if token != "" {
				values.Set("_csrf", token)
			}
			resp := c.PostForm("/login", values)
			assert.Equal(t, http.StatusForbidden, resp.Status)
			assert.Contains(t, resp.Body, "This form has expired or did not come from this portal")
		})
	}
	assert.Equal(t, http.StatusSeeOther, c.Get("/dashboard").Status, "no session was signed in")

	signedIn := app.Login("amal@example.org")
	resp := signedIn.PostForm("/logout", url.Values{})
	assert.Equal(t, http.StatusForbidden, resp.Status, "logout needs the token too")
	assert.Equal(t, http.StatusOK, signedIn.Get("/dashboard").Status, "still signed in")
}

func TestCrossOriginPostIsRefusedEvenWithToken(t *testing.T) {
	app := webtest.New(t)
	c := app.NewClient()
	page := c.Get("/login")
	req, _ := http.NewRequest(http.MethodPost, app.Server.URL+"/login", strings.NewReader(url.Values{
		"_csrf": {webtest.CSRFFrom(t, page.Body)}, "email": {"a@example.org"}, "password": {"x"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp := c.Do(req)
	assert.Equal(t, http.StatusForbidden, resp.Status)
	assert.Contains(t, resp.Body, "sent from another website")
}

func TestMultipartBodyIsNotParsedByTheCSRFCheck(t *testing.T) {
	app := webtest.New(t)
	c := app.NewClient()
	page := c.Get("/register")
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("_csrf", webtest.CSRFFrom(t, page.Body))
	mw.WriteField("role", "petitioner")
	mw.WriteField("name", "Amal")
	mw.WriteField("email", "amal@example.org")
	mw.WriteField("password", webtest.Password)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, app.Server.URL+"/register", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp := c.Do(req)
	assert.Equal(t, http.StatusForbidden, resp.Status, "a route that does not stream uploads refuses multipart")
	_, err := app.DB.UserByEmail(context.Background(), "amal@example.org")
	assert.Equal(t, domain.ENotFound, domain.ErrorCode(err))
}

func TestOversizeFormIsRefusedWith413(t *testing.T) {
	app := webtest.New(t)
	c := app.NewClient()
	page := c.Get("/login")
	resp := c.PostForm("/login", url.Values{"_csrf": {webtest.CSRFFrom(t, page.Body)},
		"email": {strings.Repeat("a", 300<<10)}})
	assert.Equal(t, http.StatusRequestEntityTooLarge, resp.Status)
}

func TestSessionCookieFlagsInDevelopment(t *testing.T) {
	app := webtest.New(t)
	app.Register(domain.RolePetitioner, "Amal", "amal@example.org")
	c := app.NewClient()
	page := c.Get("/login")
	resp, err := c.HTTP.PostForm(app.Server.URL+"/login", url.Values{"_csrf": {webtest.CSRFFrom(t, page.Body)},
		"email": {"amal@example.org"}, "password": {webtest.Password}})
	require.NoError(t, err)
	resp.Body.Close()
	ck := findCookie(resp.Cookies(), "ccf_session")
	require.NotNil(t, ck)
	assert.True(t, ck.HttpOnly)
	assert.Equal(t, http.SameSiteLaxMode, ck.SameSite)
	assert.False(t, ck.Secure, "plain-HTTP development")
	assert.Equal(t, "/", ck.Path)
	assert.Zero(t, ck.MaxAge, "a browser-session cookie")
	assert.Empty(t, resp.Header.Get("Strict-Transport-Security"))
}

func TestBehindHTTPSCookiesAreSecureAndHSTSIsSent(t *testing.T) {
	app := webtest.New(t, func(cfg *web.Config) { cfg.HTTPS = true })
	_, err := app.DB.CreateUser(context.Background(), domain.NewUser{Email: "amal@example.org", Name: "Amal",
		Role: domain.RolePetitioner, Password: webtest.Password}, password.FastParams)
	require.NoError(t, err)
	req, _ := http.NewRequest(http.MethodGet, app.Server.URL+"/login", nil)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	visitor := findCookie(resp.Cookies(), "__Host-ccf_visitor")
	require.NotNil(t, visitor, "the __Host- prefix pins the form token's cookie to this host over HTTPS")
	assert.True(t, visitor.Secure)
	assert.True(t, visitor.HttpOnly)
	assert.Nil(t, findCookie(resp.Cookies(), "__Host-ccf_session"), "no session before signing in")
	assert.Contains(t, resp.Header.Get("Strict-Transport-Security"), "max-age=")

	// The jar would not send a Secure cookie over the test's plain HTTP,
	// so the sign-in carries it by hand.
	form := url.Values{"_csrf": {webtest.CSRFFrom(t, string(body))}, "email": {"amal@example.org"},
		"password": {webtest.Password}}
	req, _ = http.NewRequest(http.MethodPost, app.Server.URL+"/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(&http.Cookie{Name: visitor.Name, Value: visitor.Value})
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err = client.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	ck := findCookie(resp.Cookies(), "__Host-ccf_session")
	require.NotNil(t, ck, "the __Host- prefix pins the session cookie to this host over HTTPS")
	assert.True(t, ck.Secure)
	assert.True(t, ck.HttpOnly)
}

func findCookie(cookies []*http.Cookie, name string) *http.Cookie {
	for _, c := range cookies {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func TestLoginIssuesANewSessionIDAndLogoutDeletesIt(t *testing.T) {
	app := webtest.New(t)
	app.Register(domain.RolePetitioner, "Amal", "amal@example.org")
	c := app.NewClient()
	page := c.Get("/login")
	require.Nil(t, c.Cookie("ccf_session"), "a visitor's form token needs no session")
	c.PostForm("/login", url.Values{"_csrf": {webtest.CSRFFrom(t, page.Body)},
		"email": {"amal@example.org"}, "password": {webtest.Password}})
	after := c.Cookie("ccf_session")
	require.NotNil(t, after)
	assert.Nil(t, c.Cookie("ccf_visitor"), "the session takes over from the visitor cookie")

	// A copy of the signed-in cookie, as a thief would keep it.
	stolen := app.NewClient()
	u, _ := url.Parse(app.Server.URL)
	stolen.HTTP.Jar.SetCookies(u, []*http.Cookie{{Name: "ccf_session", Value: after.Value}})
	require.Equal(t, http.StatusOK, stolen.Get("/dashboard").Status)

	dash := c.Get("/dashboard")
	c.PostForm("/logout", url.Values{"_csrf": {webtest.CSRFFrom(t, dash.Body)}})
	assert.Equal(t, http.StatusSeeOther, stolen.Get("/dashboard").Status, "the session is gone server-side, not just the cookie")
}

func TestIdleStaffSessionEndsSoonerThanApplicants(t *testing.T) {
	app := webtest.New(t)
	staff := app.Staff("staff@example.org")
	applicant := app.Petitioner("amal@example.org")
	app.Clock.Advance(web.DefaultSessionPolicy.StaffIdle + time.Minute)
	assert.Equal(t, http.StatusSeeOther, staff.Get("/staff").Status, "staff idle timeout")
	assert.Equal(t, http.StatusOK, applicant.Get("/dashboard").Status, "applicants have longer")
	app.Clock.Advance(web.DefaultSessionPolicy.ApplicantIdle + time.Minute)
	assert.Equal(t, http.StatusSeeOther, applicant.Get("/dashboard").Status)
}

func TestActiveSessionStillEndsAtItsAbsoluteLimit(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	for elapsed := time.Duration(0); elapsed < web.DefaultSessionPolicy.ApplicantMax-10*time.Minute; elapsed += 10 * time.Minute {
		app.Clock.Advance(10 * time.Minute)
		require.Equal(t, http.StatusOK, c.Get("/dashboard").Status)
	}
	app.Clock.Advance(20 * time.Minute)
	assert.Equal(t, http.StatusSeeOther, c.Get("/dashboard").Status)
}

func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	for _, path := range []string{"/", "/login", "/dashboard", "/does-not-exist", static.Path("/static/app.css"), "/static/nothing.css"} {
		resp := c.Get(path)
		h := resp.Header
		csp := h.Get("Content-Security-Policy")
		assert.Contains(t, csp, "default-src 'none'", path)
		assert.Contains(t, csp, "frame-ancestors 'none'", path)
		assert.NotContains(t, csp, "unsafe-inline", path)
		assert.Equal(t, "nosniff", h.Get("X-Content-Type-Options"), path)
		assert.Equal(t, "no-referrer", h.Get("Referrer-Policy"), path)
		assert.NotEmpty(t, h.Get("X-Request-Id"), path)
	}
	notFound := c.Get("/does-not-exist")
	assert.Equal(t, http.StatusNotFound, notFound.Status)
	assert.Contains(t, notFound.Body, "Page not found")
	assert.Equal(t, "no-store", c.Get("/dashboard").Header.Get("Cache-Control"))
}

func TestInternalErrorPageHasHeadersAndRevealsNothing(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	require.NoError(t, app.DB.Close()) // every query now fails
	resp := c.Get("/dashboard")
	assert.Equal(t, http.StatusInternalServerError, resp.Status)
	assert.Contains(t, resp.Body, "Sorry, there is a problem with the service")
	assert.NotContains(t, resp.Body, "sql")
	assert.NotContains(t, resp.Body, "database")
	assert.Contains(t, resp.Header.Get("Content-Security-Policy"), "default-src 'none'")
	id := resp.Header.Get("X-Request-Id")
	assert.Contains(t, resp.Body, id, "the page gives a reference to quote")
	assert.Contains(t, app.Logs.String(), "request_id="+id, "the failure is logged under that reference")
}

func TestRolesAreSeparatedBothWays(t *testing.T) {
	app := webtest.New(t)
	petitioner := app.Petitioner("amal@example.org")
	counsel := app.Counsel("lawyer@example.org")
	staff := app.Staff("staff@example.org")
	for _, c := range []*webtest.Client{petitioner, counsel} {
		resp := c.Get("/staff")
		assert.Equal(t, http.StatusForbidden, resp.Status)
		assert.Contains(t, resp.Body, "You cannot open this page")
		assert.Equal(t, http.StatusOK, c.Get("/dashboard").Status)
	}
	resp := staff.Get("/dashboard")
	assert.Equal(t, http.StatusForbidden, resp.Status)
	assert.Equal(t, http.StatusOK, staff.Get("/staff").Status)

	visitor := app.NewClient().Get("/staff")
	assert.Equal(t, http.StatusSeeOther, visitor.Status)
	assert.Equal(t, "/login?next=%2Fstaff", visitor.Location())
}

func TestLogsHoldNoPersonalData(t *testing.T) {
	app := webtest.New(t)
	app.Register(domain.RolePetitioner, "Amal Haddad", "amal.haddad@example.org")
	c := app.NewClient()
	c.Submit("/login", "/login", url.Values{"email": {"amal.haddad@example.org"}, "password": {"wrong password here"}})
	app.Login("amal.haddad@example.org")
	logs := app.Logs.String()
	require.Contains(t, logs, "route=/login", "requests are logged")
	for _, secret := range []string{"amal", "Haddad", webtest.Password, "wrong password", "127.0.0.1"} {
		assert.NotContains(t, logs, secret)
	}
}

func TestHTMLCarriesTheLocale(t *testing.T) {
	app := webtest.New(t)
	resp := app.NewClient().Get("/")
	assert.Contains(t, resp.Body, `<html lang="en" dir="ltr">`)
	assert.Contains(t, resp.Body, `<a class="skip-link" href="#main">`)
	assert.Contains(t, resp.Body, `<main id="main"`)
}
