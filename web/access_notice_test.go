package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/web/webtest"
)

const (
	givenAccess = "You have been given access to an applicant&#39;s record"
	lostAccess  = "Your access to an applicant&#39;s record and its requests has been withdrawn"
	newsSubject = "There is news in your account"
)

func TestAColleagueGivenAccessIsToldAndToldAgainWhenItIsWithdrawn(t *testing.T) {
	app := webtest.New(t)
	lead := app.CounselOf("Lead Counsel", "lead@firm.example", "Justice Partners")
	colleague := app.CounselOf("Colleague Counsel", "colleague@firm.example", "Justice Partners")
	shared := lead.AddApplicant(webtest.ApplicantRecord("Shared Person", "2030"))
	before := len(withSubject(app, "colleague@firm.example", newsSubject))

	resp := lead.Submit(shared, shared+"/access", url.Values{"email": {"colleague@firm.example"}})
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	inbox := colleague.Get("/inbox")
	assert.Contains(t, inbox.Body, givenAccess)
	assert.Contains(t, inbox.Body, `href="`+shared+`"`, "the entry leads to the record")
	news := withSubject(app, "colleague@firm.example", newsSubject)
	require.Len(t, news, before+1, "counsel chose the news e-mail (on by default)")
	assert.NotContains(t, news[len(news)-1].Body(), "Shared Person")
	assert.Empty(t, withSubject(app, "lead@firm.example", newsSubject), "the person who shared is not told")

	page := lead.Get(shared)
	uid := between(page.Body, shared+"/access/", "/revoke")
	revoke := lead.PostForm(shared+"/access/"+uid+"/revoke", url.Values{"_csrf": {webtest.CSRFFrom(t, page.Body)}})
	require.Equal(t, http.StatusSeeOther, revoke.Status)
	inbox = colleague.Get("/inbox")
	assert.Contains(t, inbox.Body, lostAccess)
	assert.NotContains(t, inbox.Body, "Shared Person")
	assert.Len(t, withSubject(app, "colleague@firm.example", newsSubject), before+1,
		"the withdrawal is told in the inbox only")
}

func TestCounselAppointedByAPetitionerIsToldByTheirChoiceOfChannel(t *testing.T) {
	app := webtest.New(t)
	p := app.Petitioner("amal@example.org")
	counsel := app.CounselOf("Appointed Counsel", "appointed@firm.example", "Any Firm")
	off := counsel.Submit("/account", "/account/email-news", url.Values{})
	require.Equal(t, http.StatusSeeOther, off.Status)

	resp := p.Submit("/representation", "/representation", url.Values{"email": {"appointed@firm.example"}})
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	assert.Contains(t, counsel.Get("/inbox").Body, givenAccess)
	assert.Empty(t, withSubject(app, "appointed@firm.example", newsSubject), "news e-mail turned off: inbox only")

	page := p.Get("/representation")
	uid := between(page.Body, "/representation/", "/revoke")
	revoke := p.PostForm("/representation/"+uid+"/revoke", url.Values{"_csrf": {webtest.CSRFFrom(t, page.Body)}})
	require.Equal(t, http.StatusSeeOther, revoke.Status)
	assert.Contains(t, counsel.Get("/inbox").Body, lostAccess)
	assert.Empty(t, withSubject(app, "amal@example.org", newsSubject), "the petitioner is not told of their own act")
}
