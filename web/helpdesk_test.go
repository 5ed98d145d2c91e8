package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/web/webtest"
)

var staffHelpLink = regexp.MustCompile(`href="(/staff/help/\d+)"`)

// A petitioner asks the secretariat about using the portal; staff find the
// question in their list, answer it once, and the petitioner reads the
// answer on the page where they asked. Nobody else sees it.
func TestAHelpRequestReachesStaffAndTheAnswerReachesThePerson(t *testing.T) {
	app := webtest.New(t)
	amal := app.Petitioner("amal@example.org")
	amal.TurnOnNewsMail()

	refused := amal.Submit("/help/ask", "/help/ask", url.Values{"topic": {"weather"}, "body": {""}})
	assert.Equal(t, http.StatusUnprocessableEntity, refused.Status)
	assert.Contains(t, webtest.ErrorSummaryText(refused.Body), "Select what your question is about")
	assert.Contains(t, webtest.ErrorSummaryText(refused.Body), "Enter your question")

	sent := amal.Submit("/help/ask", "/help/ask", url.Values{"topic": {"documents"},
		"body": {"My passport scan is 3 MB. How can I make it smaller?"}})
	require.Equal(t, http.StatusSeeOther, sent.Status, webtest.ErrorSummaryText(sent.Body))
	page := amal.Get("/help/ask")
	assert.Contains(t, page.Body, "Your question has been sent")
	assert.Contains(t, page.Body, "My passport scan is 3 MB")
	assert.Contains(t, page.Body, "Not answered yet")

	staff := app.Staff("clerk@ccf.example")
	queue := staff.Get("/staff")
	assert.Contains(t, queue.Body, `href="/staff/help"`, "the queue links to the help requests")
	list := staff.Get("/staff/help")
	require.Equal(t, http.StatusOK, list.Status)
	assert.Contains(t, list.Body, "Uploading documents")
	m := staffHelpLink.FindStringSubmatch(list.Body)
	require.NotNil(t, m, "the list links to the question")
	one := staff.Get(m[1])
	assert.Contains(t, one.Body, "My passport scan is 3 MB")
	assert.Contains(t, one.Body, "amal@example.org", "staff see who asked")

	assert.Equal(t, http.StatusUnprocessableEntity, staff.Submit(m[1], m[1], url.Values{"answer": {" "}}).Status)
	answered := staff.Submit(m[1], m[1], url.Values{"answer": {"Photograph it at a lower resolution, or save it as PDF."}})
	require.Equal(t, http.StatusSeeOther, answered.Status, webtest.ErrorSummaryText(answered.Body))
	assert.NotContains(t, staff.Get(m[1]).Body, `name="answer"`, "an answered question has no answer form")
	twice := staff.SubmitFrom(one.Body, m[1], url.Values{"answer": {"Another answer"}})
	assert.Equal(t, http.StatusConflict, twice.Status, "a question is answered once")

	inbox := amal.Get("/inbox")
	assert.Contains(t, inbox.Body, "answered your question about using the portal")
	assert.Contains(t, inbox.Body, `href="/help/ask"`, "the notification leads to the answer")
	news := newsMail(app, "amal@example.org")
	require.Len(t, news, 1, "one content-free e-mail says there is news")
	assertContentFree(t, news[0])
	assert.NotContains(t, news[0].Body(), "passport", "nothing of the question is in the e-mail")
	assert.NotContains(t, news[0].Body(), "resolution", "nothing of the answer is in the e-mail")

	page = amal.Get("/help/ask")
	assert.Contains(t, page.Body, "Photograph it at a lower resolution")
	assert.NotContains(t, page.Body, "Another answer")

	trail, err := app.DB.AuditTrail(context.Background(), 0)
	require.NoError(t, err)
	audited := map[string]int{}
	for _, e := range trail {
		audited[string(e.Action)]++
	}
	assert.Equal(t, 1, audited["help_answer"], "the answer is audited")
	assert.GreaterOrEqual(t, audited["help_view"], 2, "each staff read of the question is audited")

	omar := app.Petitioner("omar@example.org")
	assert.NotContains(t, omar.Get("/help/ask").Body, "My passport scan", "another person never sees the question")
	assert.Equal(t, http.StatusForbidden, omar.Get(m[1]).Status, "the staff side is for staff")
	assert.Equal(t, http.StatusForbidden, omar.Get("/staff/help").Status)
	token := webtest.CSRFFrom(t, omar.Get("/help/ask").Body)
	assert.Equal(t, http.StatusForbidden, omar.PostForm(m[1], url.Values{"_csrf": {token}, "answer": {"hijack"}}).Status,
		"an applicant cannot answer, even with a valid form token")
}

func TestHelpRequestsNeedAnAccountAndAFormToken(t *testing.T) {
	app := webtest.New(t)
	visitor := app.NewClient()
	resp := visitor.Get("/help/ask")
	assert.Equal(t, http.StatusSeeOther, resp.Status, "a visitor is asked to sign in")
	assert.Contains(t, resp.Location(), "/login")

	amal := app.Petitioner("amal@example.org")
	forged := amal.PostForm("/help/ask", url.Values{"topic": {"other"}, "body": {"hello"}})
	assert.Equal(t, http.StatusForbidden, forged.Status)
	assert.NotContains(t, amal.Get("/help/ask").Body, "hello")

	for _, page := range []string{"/help", "/contact"} {
		assert.Contains(t, visitor.Get(page).Body, `href="/help/ask"`, "%s links to the help request form", page)
	}
}
