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
	"github.com/ccf-portal/ccfportal/db/outbox"
	"github.com/ccf-portal/ccfportal/mail/mailtest"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

// newsMail delivers what is due and returns the notification messages
// addr received.
func newsMail(app *webtest.App, addr string) []mailtest.Received {
	var out []mailtest.Received
	for _, m := range app.MailTo(addr) {
		if m.Subject() == "There is news in your account" {
			out = append(out, m)
		}
	}
	return out
}

var reference = regexp.MustCompile(`CCF-\d{4}-\d{6}`)

// assertContentFree checks that nothing of the case is in a message.
func assertContentFree(t *testing.T, m mailtest.Received) {
	t.Helper()
	text := m.Subject() + "\n" + m.Body()
	assert.False(t, reference.MatchString(text), "no reference: %s", text)
	for _, leak := range []string{"Amal", "Haddad", "amal@example.org", "Syria", "Syrie", "Turkey", "Türkiye",
		"access", "Access", "deletion", "correction", "urgent", "clarification", "diffusion"} {
		assert.NotContains(t, text, leak)
	}
}

func TestSubmittingAndClarificationReachTheInboxAndAContentFreeMail(t *testing.T) {
	app := webtest.New(t)
	const email = "amal@example.org"
	amal := app.Petitioner(email)
	amal.TurnOnNewsMail()
	assert.Contains(t, amal.Get("/dashboard").Body, `<a href="/inbox">Inbox</a>`)
	req := fileAccessRequest(t, amal)

	received := newsMail(app, email)
	require.Len(t, received, 1, "request received: one message")
	assert.Contains(t, received[0].Body(), "There is news in your account. Sign in to read it:")
	assert.Contains(t, received[0].Body(), app.Server.URL+"/login")
	assertContentFree(t, received[0])

	dash := amal.Get("/dashboard")
	assert.Contains(t, dash.Body, "Inbox (1 unread)")
	box := amal.Get("/inbox")
	require.Equal(t, http.StatusOK, box.Status)
	assert.Contains(t, box.Body, "The CCF has received your request.")
	assert.Contains(t, box.Body, `href="`+req+`"`)
	assert.Contains(t, box.Body, "New")
	assert.NotContains(t, amal.Get("/dashboard").Body, "unread", "read once the inbox is seen")

	staff := app.Staff("clerk@ccf.example")
	desk := deskPath(req)
	deskDo(t, staff, desk+"/admissibility", desk+"/admissibility", url.Values{"outcome": {"admissible"},
		"checks": domain.ChecksFor(deskRequest(t, app, req))})
	deskDo(t, staff, desk+"/clarification", desk+"/clarification", url.Values{
		"body":         {"Please send Amal Haddad's Syrian passport."},
		"reply_by-day": {"1"}, "reply_by-month": {"4"}, "reply_by-year": {"2026"}})
	all := newsMail(app, email)
	require.Len(t, all, 2, "clarification requested: a second message")
	for _, m := range app.Mail.Messages() {
		assertContentFree(t, m)
	}
	assert.Contains(t, amal.Get("/dashboard").Body, "Inbox (1 unread)")
	box = amal.Get("/inbox")
	assert.Contains(t, box.Body, "The CCF has asked you for clarification.")
	assert.Empty(t, app.Mail.To("clerk@ccf.example"), "staff get nothing for their own action")
}

func TestTheInboxIsTheOwnersOnly(t *testing.T) {
	app := webtest.New(t)
	amal := app.Petitioner("amal@example.org")
	fileAccessRequest(t, amal)
	other := app.Petitioner("other@example.org")
	box := other.Get("/inbox")
	require.Equal(t, http.StatusOK, box.Status)
	assert.Contains(t, box.Body, "Nothing yet.")
	assert.Equal(t, http.StatusSeeOther, app.NewClient().Get("/inbox").Status, "signed out: to sign in")
	staff := app.Staff("clerk@ccf.example")
	assert.NotEqual(t, http.StatusOK, staff.Get("/inbox").Status)
	assert.False(t, strings.Contains(staff.Get("/staff").Body, `href="/inbox"`))
}

func TestNewsMailIsInTheAccountsLanguage(t *testing.T) {
	app := webtest.New(t)
	const email = "amal@example.org"
	amal := app.Petitioner(email)
	amal.TurnOnNewsMail()
	resp := amal.Submit("/dashboard", "/language", url.Values{"lang": {"fr"}, "next": {"/dashboard"}})
	require.Equal(t, http.StatusSeeOther, resp.Status)
	fileAccessRequest(t, amal)
	var got []mailtest.Received
	for _, m := range app.MailTo(email) {
		if m.Subject() == "Du nouveau dans votre compte" {
			got = append(got, m)
		}
	}
	require.Len(t, got, 1)
	assertContentFree(t, got[0])
}

// The news e-mail tells whoever reads a mailbox that its owner uses the
// portal: it is off for a petitioner until they turn it on, on for
// counsel, and the inbox entry is made either way.
func TestTheNewsMailIsTheAccountsChoiceOffForPetitionersOnForCounsel(t *testing.T) {
	app := webtest.New(t)
	const email = "amal@example.org"
	amal := app.Petitioner(email)
	account := amal.Get("/account")
	assert.Contains(t, account.Body, "This e-mail is off")
	assert.Contains(t, account.Body, "would learn that you use this portal", "the risk is explained")
	assert.Contains(t, app.NewClient().Get("/register").Body, "this e-mail is off for people filing for themselves",
		"registration says what is sent and why it is off")

	fileAccessRequest(t, amal)
	assert.Empty(t, newsMail(app, email), "no news e-mail while it is off")
	assert.Contains(t, amal.Get("/inbox").Body, "The CCF has received your request.", "the inbox has the news")

	amal.TurnOnNewsMail()
	assert.Contains(t, amal.Get("/account").Body, "This e-mail is on")
	off := amal.Submit("/account", "/account/email-news", url.Values{})
	require.Equal(t, http.StatusSeeOther, off.Status)
	assert.Contains(t, amal.Get("/account").Body, "This e-mail is off", "and off again")

	forged := amal.PostForm("/account/email-news", url.Values{"email_news": {"on"}})
	assert.Equal(t, http.StatusForbidden, forged.Status, "the choice needs the form token")
	assert.Contains(t, amal.Get("/account").Body, "This e-mail is off")

	counsel := app.Counsel("dupont@avocats.example")
	assert.Contains(t, counsel.Get("/account").Body, "This e-mail is on", "on by default for counsel")

	staff := app.Staff("clerk@ccf.example")
	staffToken := webtest.CSRFFrom(t, staff.Get("/account").Body)
	assert.Equal(t, http.StatusForbidden, staff.PostForm("/account/email-news", url.Values{"_csrf": {staffToken}, "email_news": {"on"}}).Status,
		"staff are always told of urgent filings; the choice is the applicants'")
	visitor := app.NewClient()
	visitorToken := webtest.CSRFFrom(t, visitor.Get("/login").Body)
	assert.Equal(t, http.StatusUnauthorized, visitor.PostForm("/account/email-news", url.Values{"_csrf": {visitorToken}}).Status,
		"a visitor must sign in first")
}

// Three days before a reply-by date, an applicant who has not replied is
// reminded, once, in the inbox and by the e-mail that says only that
// there is news; one who replied is not.
func TestAReplyByDateNearIsRemindedOnceUntilTheReply(t *testing.T) {
	app := webtest.New(t)
	const email = "amal@example.org"
	amal := app.Petitioner(email)
	amal.TurnOnNewsMail()
	req := fileAccessRequest(t, amal)
	staff := app.Staff("clerk@ccf.example")
	desk := deskPath(req)
	deskDo(t, staff, desk+"/admissibility", desk+"/admissibility", url.Values{"outcome": {"admissible"},
		"checks": domain.ChecksFor(deskRequest(t, app, req))})
	deskDo(t, staff, desk+"/clarification", desk+"/clarification", url.Values{
		"body":         {"Please send the passport."},
		"reply_by-day": {"20"}, "reply_by-month": {"3"}, "reply_by-year": {"2026"}}) // 18 days after the start
	compose := func(u domain.User) outbox.Message {
		return outbox.Message{To: u.Email, Subject: "There is news in your account", Body: "Sign in to read it."}
	}
	remind := func() int {
		n, err := app.DB.RemindReplies(context.Background(), compose)
		require.NoError(t, err)
		return n
	}

	// A second clarification, answered before its date comes near, is
	// never reminded of.
	other := fileAccessRequest(t, amal)
	odesk := deskPath(other)
	deskDo(t, staff, odesk+"/admissibility", odesk+"/admissibility", url.Values{"outcome": {"admissible"},
		"checks": domain.ChecksFor(deskRequest(t, app, other))})
	deskDo(t, staff, odesk+"/clarification", odesk+"/clarification", url.Values{
		"body":         {"Please say when you learned of the diffusion."},
		"reply_by-day": {"19"}, "reply_by-month": {"3"}, "reply_by-year": {"2026"}})
	reply := amal.Upload(other, other+"/reply", []webtest.Field{webtest.F("body", "In January 2026.")}, "", nil)
	require.Equal(t, http.StatusSeeOther, reply.Status, webtest.ErrorSummaryText(reply.Body))
	before := len(newsMail(app, email))

	assert.Zero(t, remind(), "18 days ahead: too early")
	app.Clock.Advance(15 * 24 * time.Hour) // 17 March: three days before the first, two before the second
	assert.Equal(t, 1, remind(), "only the clarification not answered")
	assert.Zero(t, remind(), "once")
	assert.Len(t, newsMail(app, email), before+1)
	amal = app.Login(email)
	assert.Contains(t, amal.Get("/inbox").Body, "The date by which to answer the CCF&#39;s request for clarification is near.")
}
