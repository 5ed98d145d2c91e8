package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/recovery"
	"github.com/ccf-portal/ccfportal/mail/mailtest"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

// verifyMail delivers what is due and returns the confirmation messages
// addr received.
func verifyMail(app *webtest.App, addr string) []mailtest.Received {
	var out []mailtest.Received
	for _, m := range app.MailTo(addr) {
		if strings.Contains(m.Body(), "/verify/") {
			out = append(out, m)
		}
	}
	return out
}

// confirm follows a confirmation link as its owner would: open it, press
// the button.
func confirm(c *webtest.Client, link string) *webtest.Response {
	return c.Submit(link, link, nil)
}

func TestUnverifiedApplicantPreparesButCannotSubmitUntilTheLinkIsFollowed(t *testing.T) {
	app := webtest.New(t)
	const email = "samir@example.org"
	app.RegisterUnverified(domain.RolePetitioner, "Samir", email)
	msgs := verifyMail(app, email)
	require.Len(t, msgs, 1, "registering sends one confirmation link")
	assert.Equal(t, "Confirm your email address", msgs[0].Subject())
	link := app.LinkIn(msgs[0])

	c := app.Login(email)
	req := c.StartAccessRequest()
	c.FillAccessRequest(req, false)
	c.UploadDocument(req, "identity", "passport.pdf", webtest.PDF("id"), false)
	check := c.Get(req + "/check")
	require.Equal(t, http.StatusOK, check.Status)
	assert.Contains(t, check.Body, "Confirm your email address")
	assert.Contains(t, check.Body, `action="/account/verify/resend"`)

	refused := c.SubmitFrom(check.Body, req+"/submit", url.Values{"declaration": {"yes"}})
	assert.Equal(t, http.StatusForbidden, refused.Status)
	assert.Contains(t, refused.Body, "Nothing has been sent to the CCF")
	u, err := app.DB.UserByEmail(context.Background(), email)
	require.NoError(t, err)
	assert.False(t, u.Verified)
	list, err := app.DB.RequestsForUser(context.Background(), u)
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.True(t, list[0].IsDraft(), "the draft stays a draft")

	// The button sends the link again; the newer link works as well.
	resent := c.SubmitFrom(check.Body, "/account/verify/resend", url.Values{"back": {req + "/check"}})
	require.Equal(t, http.StatusSeeOther, resent.Status)
	assert.Equal(t, req+"/check", resent.Location())
	assert.Contains(t, c.Get(resent.Location()).Body, "We have sent a new link")
	require.Len(t, verifyMail(app, email), 2)

	page := app.NewClient().Get(link)
	require.Equal(t, http.StatusOK, page.Status, "opening the link confirms nothing by itself")
	u, err = app.DB.UserByEmail(context.Background(), email)
	require.NoError(t, err)
	assert.False(t, u.Verified)
	done := confirm(app.NewClient(), link)
	require.Equal(t, http.StatusSeeOther, done.Status, done.Body)
	again := confirm(app.NewClient(), link)
	assert.Equal(t, http.StatusNotFound, again.Status, "the link works once")

	check = c.Get(req + "/check")
	assert.NotContains(t, check.Body, `action="/account/verify/resend"`)
	sent := c.SubmitFrom(check.Body, req+"/submit", url.Values{"declaration": {"yes"}})
	require.Equal(t, http.StatusSeeOther, sent.Status, sent.Body)
	assert.Contains(t, sent.Location(), "/confirmation")
}

func TestUnverifiedApplicantCannotFileUrgentMeasures(t *testing.T) {
	app := webtest.New(t)
	const email = "rania@example.org"
	app.RegisterUnverified(domain.RolePetitioner, "Rania", email)
	c := app.Login(email)
	start := c.Get("/urgent")
	require.Equal(t, http.StatusOK, start.Status)
	assert.Contains(t, start.Body, "Confirm your email address", "said before the form is filled")
	req := c.StartAccessRequest()
	resp := c.Upload(req+"/urgent", req+"/urgent", detainedFields(), "", nil)
	assert.Equal(t, http.StatusForbidden, resp.Status)
	assert.Contains(t, resp.Body, "Nothing has been sent to the CCF")
}

func TestAConfirmationLinkExpiresAfterADay(t *testing.T) {
	app := webtest.New(t)
	const email = "hadi@example.org"
	app.RegisterUnverified(domain.RoleCounsel, "Hadi", email)
	msgs := verifyMail(app, email)
	require.Len(t, msgs, 1)
	link := app.LinkIn(msgs[0])
	app.Clock.Advance(recovery.VerifyValidity)
	resp := confirm(app.NewClient(), link)
	assert.Equal(t, http.StatusNotFound, resp.Status)
	assert.Contains(t, resp.Body, "it has expired")
}

func TestResendingTheLinkIsLimited(t *testing.T) {
	app := webtest.New(t)
	const email = "yara@example.org"
	app.RegisterUnverified(domain.RolePetitioner, "Yara", email)
	c := app.Login(email)
	for range recovery.VerifyLinksPerWindow {
		resp := c.Submit("/dashboard", "/account/verify/resend", url.Values{"back": {"//evil.example"}})
		require.Equal(t, http.StatusSeeOther, resp.Status)
		assert.Equal(t, "/dashboard", resp.Location(), "only a path on this site")
	}
	assert.Contains(t, c.Get("/dashboard").Body, "Several links have been sent")
	assert.Len(t, verifyMail(app, email), recovery.VerifyLinksPerWindow)
}

func TestStaffAndRegisteredFixturesCountAsVerified(t *testing.T) {
	app := webtest.New(t)
	app.Staff(clerk)
	u, err := app.DB.UserByEmail(context.Background(), clerk)
	require.NoError(t, err)
	assert.True(t, u.Verified, "staff accounts are made by the CCF")
	assert.Empty(t, verifyMail(app, clerk))
}
