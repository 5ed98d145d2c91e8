package web_test

import (
	"context"
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/throttle"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

func TestRegisterLoginLogoutAsPetitionerAndCounsel(t *testing.T) {
	app := webtest.New(t)
	for _, role := range []domain.Role{domain.RolePetitioner, domain.RoleCounsel} {
		t.Run(string(role), func(t *testing.T) {
			email := string(role) + "@example.org"
			c := app.NewClient()
			reg := c.Submit("/register", "/register", url.Values{"role": {string(role)}, "name": {"Amal " + string(role)},
				"email": {email}, "password": {webtest.Password}})
			require.Equal(t, http.StatusSeeOther, reg.Status, reg.Body)
			login := c.Get(reg.Location())
			assert.Contains(t, login.Body, "Your account is ready", "the flash message shows once after registering")
			resp := c.PostForm("/login", url.Values{"_csrf": {webtest.CSRFFrom(t, login.Body)},
				"email": {strings.ToUpper(email)}, "password": {webtest.Password}})
			require.Equal(t, http.StatusSeeOther, resp.Status)
			assert.Equal(t, "/dashboard", resp.Location())

			dash := c.Get("/dashboard")
			require.Equal(t, http.StatusOK, dash.Status)
			assert.Contains(t, dash.Body, "Signed in as Amal "+string(role))
			assert.Contains(t, dash.Body, "<h1>My requests</h1>")

			out := c.PostForm("/logout", url.Values{"_csrf": {webtest.CSRFFrom(t, dash.Body)}})
			require.Equal(t, http.StatusSeeOther, out.Status)
			home := c.Get("/")
			assert.Contains(t, home.Body, "You have signed out.")
			assert.Equal(t, http.StatusSeeOther, c.Get("/dashboard").Status, "signed out: the dashboard asks to sign in")
		})
	}
}

func TestRegisterRejectsBadInputWithMessages(t *testing.T) {
	app := webtest.New(t)
	c := app.NewClient()
	cases := map[string]struct {
		values url.Values
		want   string
	}{
		"short password":  {url.Values{"password": {"short pw 11"}}, "Password must be at least 12 characters"},
		"common password": {url.Values{"password": {"password1234"}}, "This password is too common"},
		"bad email":       {url.Values{"email": {"not-an-email"}}, "Enter an email address in the correct format"},
		"no name":         {url.Values{"name": {"  "}}, "Enter your full name"},
		"staff role":      {url.Values{"role": {"staff"}}, "Select whether you are filing for yourself"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			values := url.Values{"role": {"petitioner"}, "name": {"Amal"}, "email": {"amal@example.org"}, "password": {webtest.Password}}
			for k, v := range tc.values {
				values[k] = v
			}
			resp := c.Submit("/register", "/register", values)
			assert.Equal(t, http.StatusUnprocessableEntity, resp.Status)
			assert.Contains(t, resp.Body, "There is a problem")
			assert.Contains(t, resp.Body, tc.want)
			assert.Contains(t, resp.Body, "<title>Error:")
		})
	}
	n, err := app.DB.CountUsersByRole(context.Background(), domain.RoleStaff)
	require.NoError(t, err)
	assert.Zero(t, n, "staff can never be self-registered")
}

func TestAfterRegisteringTheSignInPageOffersTheAddressOnceAndTheCookieHidesIt(t *testing.T) {
	app := webtest.New(t)
	c := app.NewClient()
	reg := c.Submit("/register", "/register", url.Values{"role": {"petitioner"}, "name": {"Amal"},
		"email": {"Amal.Haddad@Example.org"}, "password": {webtest.Password}})
	require.Equal(t, http.StatusSeeOther, reg.Status, reg.Body)
	site, err := url.Parse(app.Server.URL)
	require.NoError(t, err)
	for _, ck := range c.HTTP.Jar.Cookies(site) {
		// A signed cookie is base64 of "date|base64(value)|mac": look inside.
		decoded := ck.Value
		if raw, err := base64.URLEncoding.DecodeString(ck.Value); err == nil {
			decoded = string(raw)
			for _, part := range strings.Split(decoded, "|") {
				if inner, err := base64.URLEncoding.DecodeString(part); err == nil {
					decoded += string(inner)
				}
			}
		}
		assert.NotContains(t, strings.ToLower(decoded), "amal.haddad", "cookie %s", ck.Name)
	}
	login := c.Get(reg.Location())
	assert.Contains(t, login.Body, `value="amal.haddad@example.org"`, "the address just typed is offered")
	assert.NotContains(t, c.Get("/login").Body, "amal.haddad@example.org", "once only")
	assert.NotContains(t, app.NewClient().Get("/login").Body, "amal.haddad@example.org", "and to nobody else")
}

func TestRegisterDoesNotRevealExistingAccounts(t *testing.T) {
	app := webtest.New(t)
	app.Register(domain.RolePetitioner, "Amal", "amal@example.org")
	c := app.NewClient()
	again := c.Submit("/register", "/register", url.Values{"role": {"counsel"}, "name": {"Someone"},
		"email": {"amal@example.org"}, "password": {"another long passphrase"}})
	assert.Equal(t, http.StatusSeeOther, again.Status)
	assert.Equal(t, "/login", again.Location())
	login := c.Get("/login")
	assert.Contains(t, login.Body, "Your account is ready")
	assert.Contains(t, login.Body, `value="amal@example.org"`, "offered exactly as for a new account")
	// The original password still works; the second registration changed nothing.
	app.Login("amal@example.org")
}

func TestWrongPasswordAndUnknownEmailGetTheSameAnswer(t *testing.T) {
	app := webtest.New(t)
	app.Register(domain.RolePetitioner, "Amal", "amal@example.org")
	c := app.NewClient()
	wrong := c.Submit("/login", "/login", url.Values{"email": {"amal@example.org"}, "password": {"not the password!"}})
	unknown := c.Submit("/login", "/login", url.Values{"email": {"nobody@example.org"}, "password": {"not the password!"}})
	assert.Equal(t, http.StatusUnauthorized, wrong.Status)
	assert.Equal(t, wrong.Status, unknown.Status)
	assert.Contains(t, wrong.Body, "The email address or password is not right")
	assert.Equal(t, errorSummary(wrong.Body), errorSummary(unknown.Body))
	assert.Nil(t, c.Cookie("ccf_session_user"), "no session is bound")
	assert.Equal(t, http.StatusSeeOther, c.Get("/dashboard").Status)
}

func errorSummary(body string) string {
	start := strings.Index(body, `<div class="error-summary"`)
	end := strings.Index(body[start:], "</div>")
	return body[start : start+end]
}

func TestLoginIsThrottledPerAccountAndRecovers(t *testing.T) {
	app := webtest.New(t)
	app.Register(domain.RolePetitioner, "Amal", "amal@example.org")
	c := app.NewClient()
	for i := 0; i < throttle.FreeLoginFailures; i++ {
		resp := c.Submit("/login", "/login", url.Values{"email": {"amal@example.org"}, "password": {"wrong password " + string(rune('a'+i))}})
		require.Equal(t, http.StatusUnauthorized, resp.Status, "attempt %d", i+1)
	}
	blocked := c.Submit("/login", "/login", url.Values{"email": {"amal@example.org"}, "password": {webtest.Password}})
	assert.Equal(t, http.StatusTooManyRequests, blocked.Status, "even the right password waits while throttled")
	assert.Contains(t, blocked.Body, "Too many attempts to sign in to this account")

	other := app.NewClient()
	app.Register(domain.RoleCounsel, "Bo", "bo@example.org")
	assert.Equal(t, http.StatusSeeOther, other.Submit("/login", "/login",
		url.Values{"email": {"bo@example.org"}, "password": {webtest.Password}}).Status, "other accounts are unaffected")

	app.Clock.Advance(throttle.LoginBaseDelay + time.Second)
	ok := c.Submit("/login", "/login", url.Values{"email": {"amal@example.org"}, "password": {webtest.Password}})
	assert.Equal(t, http.StatusSeeOther, ok.Status, "the owner gets back in after a short wait")
}

func TestThrottleTreatsUnknownEmailsAlike(t *testing.T) {
	app := webtest.New(t)
	c := app.NewClient()
	for i := 0; i < throttle.FreeLoginFailures; i++ {
		c.Submit("/login", "/login", url.Values{"email": {"ghost@example.org"}, "password": {"whatever password"}})
	}
	resp := c.Submit("/login", "/login", url.Values{"email": {"ghost@example.org"}, "password": {"whatever password"}})
	assert.Equal(t, http.StatusTooManyRequests, resp.Status)
}

func TestLoginDelayIsBounded(t *testing.T) {
	assert.Zero(t, throttle.LoginDelay(throttle.FreeLoginFailures-1))
	assert.Equal(t, throttle.LoginBaseDelay, throttle.LoginDelay(throttle.FreeLoginFailures))
	assert.Equal(t, 2*throttle.LoginBaseDelay, throttle.LoginDelay(throttle.FreeLoginFailures+1))
	assert.Equal(t, throttle.LoginMaxDelay, throttle.LoginDelay(1000), "a victim is never locked out for long")
}

func TestLoginRedirectsToTheRequestedPageOnlyOnThisSite(t *testing.T) {
	app := webtest.New(t)
	app.Register(domain.RolePetitioner, "Amal", "amal@example.org")
	c := app.NewClient()
	first := c.Get("/dashboard")
	require.Equal(t, http.StatusSeeOther, first.Status)
	assert.Equal(t, "/login?next=%2Fdashboard", first.Location())
	resp := c.Submit("/login?next=%2Fdashboard", "/login", url.Values{"email": {"amal@example.org"},
		"password": {webtest.Password}, "next": {"/dashboard"}})
	assert.Equal(t, "/dashboard", resp.Location())

	evil := app.NewClient().Submit("/login", "/login", url.Values{"email": {"amal@example.org"},
		"password": {webtest.Password}, "next": {"//evil.example/"}})
	assert.Equal(t, "/dashboard", evil.Location(), "an off-site next is ignored")
}

func TestAFloodFromOneClientDoesNotLockTheOwnerOut(t *testing.T) {
	app := webtest.New(t)
	app.Register(domain.RolePetitioner, "Amal", "amal@example.org")
	attacker := app.NewClient()
	attacker.Header.Set("X-Forwarded-For", "203.0.113.7") // as the local TLS proxy passes it on
	for i := 0; i < 3*throttle.FreeLoginFailures; i++ {
		attacker.Submit("/login", "/login", url.Values{"email": {"amal@example.org"}, "password": {"wrong password " + string(rune('a'+i))}})
	}
	blocked := attacker.Submit("/login", "/login", url.Values{"email": {"amal@example.org"}, "password": {webtest.Password}})
	assert.Equal(t, http.StatusTooManyRequests, blocked.Status, "the flooding client waits")

	owner := app.NewClient()
	owner.Header.Set("X-Forwarded-For", "198.51.100.2")
	ok := owner.Submit("/login", "/login", url.Values{"email": {"amal@example.org"}, "password": {webtest.Password}})
	assert.Equal(t, http.StatusSeeOther, ok.Status, "the owner, from their own client, gets in")
}
