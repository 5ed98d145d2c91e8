package webtest

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"

	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain/twofa"
)

// factor is what a person keeps of their second factor: the app's secret,
// the last step their app answered, and the recovery codes not yet used.
type factor struct {
	secret   string
	lastStep int64
	recovery []string
}

// factors are the second factors enrolled through this app's pages, by
// email, so that a later sign-in can answer the code as the person would.
type factors struct {
	mu sync.Mutex
	by map[string]*factor
}

var (
	secretText   = regexp.MustCompile(`id="totp-secret"[^>]*>([^<]+)<`)
	recoveryText = regexp.MustCompile(`<li><code>([a-z0-9-]+)</code></li>`)
)

// SecretFrom reads the TOTP secret an enrolment page shows for typing by
// hand, without its spaces.
func SecretFrom(t require.TestingT, body string) string {
	m := secretText.FindStringSubmatch(body)
	require.NotNil(t, m, "page shows no TOTP secret")
	return strings.ReplaceAll(html.UnescapeString(m[1]), " ", "")
}

// RecoveryCodesFrom reads the recovery codes a page shows.
func RecoveryCodesFrom(body string) []string {
	var out []string
	for _, m := range recoveryText.FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

// Code is the code an authenticator app holding secret shows now, on the
// app's clock.
func (a *App) Code(secret string) string {
	a.t.Helper()
	code, err := twofa.Code(secret, twofa.Step(a.Clock.Now()))
	require.NoError(a.t, err)
	return code
}

// enrol finishes a sign-in at the enrolment page: it reads the secret,
// answers the app's code and keeps the recovery codes shown.
func (c *Client) enrol(email string) {
	c.t.Helper()
	page := c.Get("/login/enrol")
	require.Equal(c.t, http.StatusOK, page.Status, page.Body)
	secret := SecretFrom(c.t, page.Body)
	resp := c.SubmitFrom(page.Body, "/login/enrol", url.Values{"code": {c.app.Code(secret)}})
	require.Equal(c.t, http.StatusOK, resp.Status, resp.Body)
	codes := RecoveryCodesFrom(resp.Body)
	require.Len(c.t, codes, twofa.RecoveryCodes)
	c.app.factors.mu.Lock()
	defer c.app.factors.mu.Unlock()
	if c.app.factors.by == nil {
		c.app.factors.by = map[string]*factor{}
	}
	c.app.factors.by[email] = &factor{secret: secret, lastStep: twofa.Step(c.app.Clock.Now()), recovery: codes}
}

// answerCode finishes a sign-in at the code page as the person would: with
// the app's code, or, when the test clock has not moved on since the last
// one (a code is accepted once), with a recovery code.
func (c *Client) answerCode(email string) *Response {
	c.t.Helper()
	code := c.app.nextCode(email)
	return c.Submit("/login/code", "/login/code", url.Values{"code": {code}})
}

// NextCode is what the owner of email, enrolled through the pages, types
// at the next sign-in: the app's code, or a recovery code when the clock
// has not moved on since the last one. Browser journeys sign staff in
// with it.
func (a *App) NextCode(email string) string {
	a.t.Helper()
	return a.nextCode(email)
}

func (a *App) nextCode(email string) string {
	a.t.Helper()
	a.factors.mu.Lock()
	defer a.factors.mu.Unlock()
	f := a.factors.by[email]
	require.NotNil(a.t, f, "%s has no second factor enrolled through the pages", email)
	if step := twofa.Step(a.Clock.Now()); step > f.lastStep {
		f.lastStep = step
		code, err := twofa.Code(f.secret, step)
		require.NoError(a.t, err)
		return code
	}
	require.NotEmpty(a.t, f.recovery, "%s has used every recovery code", email)
	code := f.recovery[0]
	f.recovery = f.recovery[1:]
	return code
}

// TOTPSecret is the secret that email enrolled through the pages.
func (a *App) TOTPSecret(email string) string {
	a.factors.mu.Lock()
	defer a.factors.mu.Unlock()
	require.NotNil(a.t, a.factors.by[email])
	return a.factors.by[email].secret
}
