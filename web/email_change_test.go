package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/recovery"
	"github.com/ccf-portal/ccfportal/mail/mailtest"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

// askAddressChange posts the change form from the account page's link.
func askAddressChange(c *webtest.Client, pass, email string) *webtest.Response {
	return c.Submit("/account/email", "/account/email", url.Values{"current_password": {pass}, "email": {email}})
}

// changeLinks delivers what is due and returns the change links addr
// received.
func changeLinks(app *webtest.App, addr string) []string {
	var out []string
	for _, m := range app.MailTo(addr) {
		if strings.Contains(m.Body(), "/account/email/confirm/") {
			out = append(out, app.LinkIn(m))
		}
	}
	return out
}

// withSubject lists the messages addr received under subject.
func withSubject(app *webtest.App, addr, subject string) []mailtest.Received {
	var out []mailtest.Received
	for _, m := range app.MailTo(addr) {
		if m.Subject() == subject {
			out = append(out, m)
		}
	}
	return out
}

// subjects lists the subjects of the messages addr received.
func subjects(app *webtest.App, addr string) []string {
	var out []string
	for _, m := range app.MailTo(addr) {
		out = append(out, m.Subject())
	}
	return out
}

func TestChangingTheAddressTakesTheLinkSentToTheNewOne(t *testing.T) {
	app := webtest.New(t)
	const old, next = "amal@example.org", "amal.new@example.net"
	c := app.Petitioner(old)
	other := app.Login(old)
	account := c.Get("/account")
	assert.Contains(t, account.Body, old, "the account page shows the address")
	assert.Contains(t, account.Body, `href="/account/email"`)

	wrong := askAddressChange(c, "not my password", next)
	assert.Equal(t, http.StatusUnauthorized, wrong.Status)
	assert.Contains(t, wrong.Body, "Your current password is not right")
	assert.Empty(t, app.MailTo(next), "a wrong password sends nothing")

	resp := askAddressChange(c, webtest.Password, next)
	require.Equal(t, http.StatusSeeOther, resp.Status, resp.Body)
	assert.Equal(t, "/account", resp.Location())
	assert.Contains(t, c.Get("/account").Body, "we have sent a link to it")
	links := changeLinks(app, next)
	require.Len(t, links, 1)
	asked := withSubject(app, old, "A change of your email address was asked")
	require.Len(t, asked, 1, "the current address is told a change was asked")
	assert.NotContains(t, asked[0].Body(), next, "the notice does not name the new address")
	_, err := app.DB.UserByEmail(context.Background(), old)
	require.NoError(t, err, "nothing changes before the link is confirmed")

	page := app.NewClient().Get(links[0])
	require.Equal(t, http.StatusOK, page.Status, "opening the link changes nothing by itself")
	_, err = app.DB.UserByEmail(context.Background(), old)
	require.NoError(t, err)

	done := c.Submit(links[0], links[0], nil)
	require.Equal(t, http.StatusSeeOther, done.Status, done.Body)
	assert.Equal(t, "/account", done.Location())
	assert.Contains(t, c.Get("/account").Body, next, "this browser stays signed in")
	assert.Equal(t, http.StatusSeeOther, other.Get("/dashboard").Status, "every other session ended")
	u, err := app.DB.UserByEmail(context.Background(), next)
	require.NoError(t, err)
	assert.True(t, u.Verified, "the link confirmed the new address")
	assert.Contains(t, subjects(app, old), "Your email address was changed")
	for _, m := range app.Mail.Messages() {
		assert.NotContains(t, m.Body(), "Petitioner", "no name in any message")
	}

	again := app.NewClient().Submit(links[0], links[0], nil)
	assert.Equal(t, http.StatusNotFound, again.Status, "the link works once")
	oldLogin := app.NewClient().Submit("/login", "/login", url.Values{"email": {old}, "password": {webtest.Password}})
	assert.NotEqual(t, http.StatusSeeOther, oldLogin.Status, "the old address signs in no more")
	app.Login(next)
	assert.NotContains(t, app.Logs.String(), next, "no address in the logs")
	assert.NotContains(t, app.Logs.String(), old)
}

func TestATakenAddressIsAnsweredAlikeAndFailsAtConfirmation(t *testing.T) {
	app := webtest.New(t)
	const amal, bilal, free = "amal@example.org", "bilal@example.org", "free@example.net"
	c := app.Petitioner(amal)
	app.Register("counsel", "Bilal", bilal)
	before := len(app.MailTo(bilal))

	taken := askAddressChange(c, webtest.Password, bilal)
	require.Equal(t, http.StatusSeeOther, taken.Status, taken.Body)
	takenPage := c.Get(taken.Location())
	fresh := askAddressChange(c, webtest.Password, free)
	require.Equal(t, http.StatusSeeOther, fresh.Status)
	assert.Equal(t, taken.Location(), fresh.Location(), "same answer either way")
	assert.Equal(t, flashOf(takenPage.Body), flashOf(c.Get(fresh.Location()).Body))
	assert.Len(t, app.MailTo(bilal), before, "nothing goes to the other account's address")
	assert.Len(t, withSubject(app, amal, "A change of your email address was asked"), 2,
		"both asks are told to the current address")

	// The free address is taken meanwhile: its link now fails, neutrally.
	link := changeLinks(app, free)
	require.Len(t, link, 1)
	app.Register("petitioner", "Someone", free)
	resp := c.Submit(link[0], link[0], nil)
	assert.Equal(t, http.StatusNotFound, resp.Status)
	assert.Contains(t, resp.Body, "the address can no longer be used for this account")
	_, err := app.DB.UserByEmail(context.Background(), amal)
	require.NoError(t, err, "the address did not change")
}

// flashOf is the one-time message a page shows, if any.
func flashOf(body string) string {
	_, after, _ := strings.Cut(body, `role="status"`)
	before, _, _ := strings.Cut(after, "</")
	return before
}

func TestAnAddressChangeLinkExpiresAndAsksAreLimited(t *testing.T) {
	app := webtest.New(t)
	const amal = "amal@example.org"
	c := app.Counsel(amal)
	for i := range recovery.ChangesPerWindow {
		resp := askAddressChange(c, webtest.Password, "new"+string(rune('a'+i))+"@example.net")
		require.Equal(t, http.StatusSeeOther, resp.Status, resp.Body)
	}
	limited := askAddressChange(c, webtest.Password, "newz@example.net")
	assert.Equal(t, http.StatusTooManyRequests, limited.Status)
	assert.Contains(t, limited.Body, "several times in the last hour")
	assert.Empty(t, app.MailTo("newz@example.net"))

	link := changeLinks(app, "newa@example.net")
	require.Len(t, link, 1)
	app.Clock.Advance(recovery.VerifyValidity)
	c = app.Login(amal)
	resp := c.Submit(link[0], link[0], nil)
	assert.Equal(t, http.StatusNotFound, resp.Status, "a link lasts a day")
	assert.Contains(t, resp.Body, "it has expired")
	assert.Equal(t, http.StatusSeeOther, askAddressChange(c, webtest.Password, "later@example.net").Status,
		"the limit is per hour")
}

func TestStaffChangeTheirAddressAndStillGiveTheirCode(t *testing.T) {
	app := webtest.New(t)
	const next = "clerk.new@ccf.example"
	c := app.Staff(clerk)
	resp := askAddressChange(c, webtest.Password, next)
	require.Equal(t, http.StatusSeeOther, resp.Status, resp.Body)
	link := changeLinks(app, next)
	require.Len(t, link, 1)
	// Confirmed from another browser, signed in nowhere: every session ends.
	done := app.NewClient().Submit(link[0], link[0], nil)
	require.Equal(t, http.StatusSeeOther, done.Status, done.Body)
	assert.Equal(t, "/login", done.Location())
	assert.Equal(t, http.StatusSeeOther, c.Get("/staff").Status, "the staff session ended too")
	login := app.NewClient().Submit("/login", "/login", url.Values{"email": {next}, "password": {webtest.Password}})
	require.Equal(t, http.StatusSeeOther, login.Status)
	assert.Equal(t, "/login/code", login.Location(), "the second factor is still asked")
}

func TestAddressChangeNeedsASignedInAccountAndAToken(t *testing.T) {
	app := webtest.New(t)
	visitor := app.NewClient()
	assert.Equal(t, http.StatusSeeOther, visitor.Get("/account/email").Status)
	c := app.Petitioner("amal@example.org")
	forged := c.PostForm("/account/email", url.Values{"current_password": {webtest.Password}, "email": {"x@example.net"}})
	assert.Equal(t, http.StatusForbidden, forged.Status, "CSRF token required")
}
