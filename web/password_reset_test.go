package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/recovery"
	"github.com/ccf-portal/ccfportal/mail/mailtest"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

const resetPassword = "a brand new horse for the stable"

// askReset asks for a reset link from a fresh browser.
func askReset(app *webtest.App, email string) *webtest.Response {
	return app.NewClient().Submit("/password/forgot", "/password/forgot", url.Values{"email": {email}})
}

// signIn tries a password from a fresh browser.
func signIn(app *webtest.App, email, pw string) *webtest.Response {
	return app.NewClient().Submit("/login", "/login", url.Values{"email": {email}, "password": {pw}})
}

// resetMail delivers what is due and returns the reset messages addr
// received (registration also sends one to confirm the address).
func resetMail(app *webtest.App, addr string) []mailtest.Received {
	var out []mailtest.Received
	for _, m := range app.MailTo(addr) {
		if strings.Contains(m.Body(), "/password/reset/") {
			out = append(out, m)
		}
	}
	return out
}

var volatile = regexp.MustCompile(`(name="_csrf" value="|nonce=")[^"]*"`)

func TestPasswordResetThroughTheRealMailServer(t *testing.T) {
	app := webtest.New(t)
	const email = "amina@example.org"
	old := app.Petitioner(email)
	require.Equal(t, http.StatusOK, old.Get("/dashboard").Status)

	login := app.NewClient().Get("/login")
	assert.Contains(t, login.Body, `href="/password/forgot"`)
	assert.Contains(t, login.Body, "Forgot your password?")

	known, unknown := askReset(app, email), askReset(app, "nobody@example.org")
	require.Equal(t, http.StatusOK, known.Status)
	assert.Equal(t, known.Status, unknown.Status)
	assert.Contains(t, known.Body, "If an account uses this address, we have sent a link")
	assert.Equal(t, volatile.ReplaceAllString(known.Body, ""), volatile.ReplaceAllString(unknown.Body, ""),
		"the answer says nothing of whether an account uses the address")

	msgs := resetMail(app, email)
	require.Len(t, msgs, 1)
	assert.Empty(t, app.Mail.To("nobody@example.org"), "nothing is sent for an address without an account")
	assert.Equal(t, "Reset your password", msgs[0].Subject())
	link := app.LinkIn(msgs[0])
	assert.True(t, strings.HasPrefix(link, "/password/reset/"), link)
	assert.NotContains(t, app.Logs.String(), email, "no address in the log")

	form := app.NewClient().Get(link)
	require.Equal(t, http.StatusOK, form.Status, form.Body)
	visitor := app.NewClient()
	weak := visitor.Submit(link, link, url.Values{"new_password": {"short"}})
	assert.Equal(t, http.StatusUnprocessableEntity, weak.Status)
	assert.Contains(t, weak.Body, "at least 12 characters")
	done := visitor.Submit(link, link, url.Values{"new_password": {resetPassword}})
	require.Equal(t, http.StatusSeeOther, done.Status, done.Body)
	assert.Equal(t, "/login", done.Location())
	assert.Contains(t, visitor.Get("/login").Body, "Sign in with your new password.")

	assert.Equal(t, http.StatusSeeOther, old.Get("/dashboard").Status, "every old session has ended")
	assert.Equal(t, http.StatusUnauthorized, signIn(app, email, webtest.Password).Status, "the old password fails")
	assert.Equal(t, http.StatusSeeOther, signIn(app, email, resetPassword).Status, "the new one works")

	again := app.NewClient().Get(link)
	assert.Equal(t, http.StatusNotFound, again.Status)
	assert.Contains(t, again.Body, "it has expired or has already been used")
	replay := app.NewClient().Submit("/password/forgot", link, url.Values{"new_password": {"yet another long passphrase"}})
	assert.Equal(t, http.StatusNotFound, replay.Status, "the link works once")
	assert.Equal(t, http.StatusSeeOther, signIn(app, email, resetPassword).Status)
}

func TestAnExpiredResetLinkFails(t *testing.T) {
	app := webtest.New(t)
	const email = "omar@example.org"
	app.Register(domain.RolePetitioner, "Omar", email)
	askReset(app, email)
	msgs := resetMail(app, email)
	require.Len(t, msgs, 1)
	link := app.LinkIn(msgs[0])

	app.Clock.Advance(recovery.ResetValidity)
	assert.Equal(t, http.StatusNotFound, app.NewClient().Get(link).Status)
	resp := app.NewClient().Submit("/password/forgot", link, url.Values{"new_password": {resetPassword}})
	assert.Equal(t, http.StatusNotFound, resp.Status)
	assert.Equal(t, http.StatusSeeOther, signIn(app, email, webtest.Password).Status, "the password is unchanged")
}

func TestResetRequestsAreLimitedPerAddress(t *testing.T) {
	app := webtest.New(t)
	const email = "leila@example.org"
	app.Register(domain.RolePetitioner, "Leila", email)
	for range recovery.ResetsPerWindow + 2 {
		resp := askReset(app, email)
		require.Equal(t, http.StatusOK, resp.Status)
		assert.Contains(t, resp.Body, "If an account uses this address")
	}
	assert.Len(t, resetMail(app, email), recovery.ResetsPerWindow)
	app.Clock.Advance(recovery.ResetWindow + time.Second)
	askReset(app, email)
	assert.Len(t, resetMail(app, email), recovery.ResetsPerWindow+1, "the limit lifts after its window")
}

func TestResetMailIsInTheAccountsLanguage(t *testing.T) {
	app := webtest.New(t)
	const email = "nadia@example.org"
	app.Register(domain.RolePetitioner, "Nadia", email)
	u, err := app.DB.UserByEmail(context.Background(), email)
	require.NoError(t, err)
	require.NoError(t, app.DB.SetUserLanguage(context.Background(), u.ID, "ar"))
	askReset(app, email)
	msgs := resetMail(app, email)
	require.Len(t, msgs, 1)
	assert.Equal(t, "إعادة تعيين كلمة المرور", msgs[0].Subject())
	assert.Contains(t, msgs[0].Body(), "بوابة اللجنة")
}

func TestStaffStillNeedTheirSecondFactorAfterAReset(t *testing.T) {
	app := webtest.New(t)
	desk := app.Staff(clerk)
	askReset(app, clerk)
	msgs := resetMail(app, clerk)
	require.Len(t, msgs, 1)
	link := app.LinkIn(msgs[0])
	require.Equal(t, http.StatusSeeOther, app.NewClient().Submit(link, link, url.Values{"new_password": {resetPassword}}).Status)
	assert.Equal(t, http.StatusSeeOther, desk.Get("/staff").Status, "the staff session has ended")
	resp := signIn(app, clerk, resetPassword)
	require.Equal(t, http.StatusSeeOther, resp.Status)
	assert.Equal(t, "/login/code", resp.Location(), "the password alone does not sign a staff member in")
}
