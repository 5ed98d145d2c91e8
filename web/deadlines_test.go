package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/outbox"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

// dayValues is a date input group named name.
func dayValues(name, day, month, year string) url.Values {
	return url.Values{name + "-day": {day}, name + "-month": {month}, name + "-year": {year}}
}

func with(v url.Values, kv ...string) url.Values {
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v
}

// admitted files an access request as c and has the secretariat find it
// admissible on the clock's day.
func admitted(t *testing.T, app *webtest.App, c, staff *webtest.Client) string {
	t.Helper()
	req := fileAccessRequest(t, c)
	desk := deskPath(req)
	deskDo(t, staff, desk+"/admissibility", desk+"/admissibility", url.Values{"outcome": {"admissible"},
		"checks": domain.ChecksFor(deskRequest(t, app, req))})
	return req
}

// forged posts values to action with c's own valid form token, as a
// hand-made form would.
func forgedPost(t *testing.T, c *webtest.Client, page, action string, values url.Values) *webtest.Response {
	t.Helper()
	values.Set("_csrf", webtest.CSRFFrom(t, c.Get(page).Body))
	return c.PostForm(action, values)
}

func TestAnExtensionOfTheTimeLimitIsSeenByTheApplicantInModestWords(t *testing.T) {
	app := webtest.New(t)
	amal := app.Petitioner("amal@example.org")
	amal.TurnOnNewsMail()
	staff := app.Staff("clerk@ccf.example")
	req := admitted(t, app, amal, staff)
	desk := deskPath(req)
	chamber := app.Chamber("judge@ccf.example")

	page := staff.Get(desk)
	assert.Contains(t, page.Body, "Extend the time limit</a>")
	assert.NotContains(t, chamber.Get(desk).Body, "Extend the time limit</a>", "no button for a role that may not extend")
	assert.Equal(t, http.StatusForbidden, forgedPost(t, chamber, desk, desk+"/extension",
		with(dayValues("date", "15", "9", "2026"), "reason", "x")).Status)
	assert.Equal(t, http.StatusForbidden, chamber.Get(desk+"/extension").Status)

	early := staff.Submit(desk+"/extension", desk+"/extension", with(dayValues("date", "1", "7", "2026"), "reason", "The source asked for time"))
	assert.Equal(t, http.StatusUnprocessableEntity, early.Status)
	assert.Contains(t, early.Body, "The new date must be later than the current one (2 July 2026).")
	assert.Contains(t, early.Body, "The source asked for time", "nothing typed is lost")

	before := len(newsMail(app, "amal@example.org"))
	deskDo(t, staff, desk+"/extension", desk+"/extension",
		with(dayValues("date", "15", "9", "2026"), "reason", "The source NCB asked for two more months"))
	app.DeliverMail()
	assert.Len(t, newsMail(app, "amal@example.org"), before+1, "the content-free news e-mail, as chosen")

	own := html.UnescapeString(amal.Get(req).Body)
	assert.Contains(t, own, "The CCF has extended the time limit for deciding on this request.")
	assert.Contains(t, own, "The CCF now aims to decide by 15 September 2026. This is a target, not a promise of a date or of an outcome.")
	assert.Contains(t, own, "The CCF extended the time limit: it aims to decide by 15 September 2026")
	assert.NotContains(t, own, "two more months", "the CCF's reason stays with the CCF")
	assert.Contains(t, html.UnescapeString(amal.Get("/inbox").Body), "The CCF has extended the time limit for deciding on your request.")

	staffPage := html.UnescapeString(staff.Get(desk).Body)
	assert.Contains(t, staffPage, "From 2 July 2026 to 15 September 2026")
	assert.Contains(t, staffPage, "The source NCB asked for two more months")
	queue := staff.Get("/staff")
	assert.Contains(t, queue.Body, "15 September 2026", "the queue's due date is the extended one")
	assert.Contains(t, auditActions(t, app, req), "time_limit_extend")

	// A second extension is kept beside the first.
	deskDo(t, staff, desk+"/extension", desk+"/extension", with(dayValues("date", "15", "10", "2026"), "reason", "Again"))
	staffPage = html.UnescapeString(staff.Get(desk).Body)
	assert.Contains(t, staffPage, "From 2 July 2026 to 15 September 2026")
	assert.Contains(t, staffPage, "From 15 September 2026 to 15 October 2026")

	// Another applicant's case answers not found.
	other := app.Petitioner("other@example.org")
	assert.Equal(t, http.StatusNotFound, other.Get(req).Status)
	assert.Equal(t, http.StatusNotFound, other.Get(req+"/more-time").Status)
	assert.Equal(t, http.StatusNotFound, forgedPost(t, other, "/dashboard", req+"/more-time",
		with(dayValues("date", "1", "5", "2026"), "reason", "x")).Status)
	assert.Equal(t, http.StatusForbidden, forgedPost(t, amal, "/dashboard", desk+"/extension",
		with(dayValues("date", "1", "12", "2026"), "reason", "x")).Status, "an applicant never reaches a staff step")
}

var moreTimeLink = regexp.MustCompile(`href="(/staff/requests/\d+/more-time/\d+)"`)

func clarify(t *testing.T, staff *webtest.Client, desk string) {
	t.Helper()
	deskDo(t, staff, desk+"/clarification", desk+"/clarification", with(dayValues("reply_by", "20", "3", "2026"),
		"body", "Please send a readable copy of the passport."))
}

func TestMoreTimeGrantedMovesTheReplyByDateAndItsReminder(t *testing.T) {
	app := webtest.New(t)
	amal := app.Petitioner("amal@example.org")
	staff := app.Staff("clerk@ccf.example")
	req := admitted(t, app, amal, staff)
	desk := deskPath(req)
	clarify(t, staff, desk)

	own := html.UnescapeString(amal.Get(req).Body)
	assert.Contains(t, own, `href="`+req+`/more-time"`)
	form := amal.Get(req + "/more-time")
	require.Equal(t, http.StatusOK, form.Status)
	assert.Contains(t, form.Body, "20 March 2026")
	far := amal.Submit(req+"/more-time", req+"/more-time", with(dayValues("date", "1", "8", "2026"), "reason", "The passport office is slow"))
	assert.Equal(t, http.StatusUnprocessableEntity, far.Status)
	assert.Contains(t, far.Body, "The date can be at most 90 days after the current reply-by date.")
	resp := amal.Submit(req+"/more-time", req+"/more-time", with(dayValues("date", "15", "4", "2026"), "reason", "The passport office is slow"))
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	own = html.UnescapeString(amal.Get(req).Body)
	assert.Contains(t, own, "You asked for more time to answer, until 15 April 2026. The CCF has not answered yet")
	assert.NotContains(t, own, `href="`+req+`/more-time"`, "one pending request per clarification")
	again := amal.Get(req + "/more-time")
	assert.Contains(t, again.Body, "You have already asked for more time to answer this question.")
	assert.Equal(t, http.StatusConflict, forgedPost(t, amal, req, req+"/more-time",
		with(dayValues("date", "16", "4", "2026"), "reason", "again")).Status)

	assert.Contains(t, staff.Get("/staff").Body, "More time asked")
	page := staff.Get(desk)
	assert.Contains(t, page.Body, "The passport office is slow")
	links := moreTimeLink.FindStringSubmatch(page.Body)
	require.Len(t, links, 2)
	chamber := app.Chamber("judge@ccf.example")
	assert.NotContains(t, chamber.Get(desk).Body, "Answer the request for more time")
	assert.Equal(t, http.StatusForbidden, forgedPost(t, chamber, desk, links[1], url.Values{"answer": {"granted"}}).Status)

	answer := staff.Get(links[1])
	require.Equal(t, http.StatusOK, answer.Status)
	assert.Contains(t, answer.Body, `name="date-day" value="15"`, "prefilled with the proposal")
	deskDo(t, staff, links[1], links[1], with(dayValues("date", "10", "4", "2026"), "answer", "granted"))
	own = html.UnescapeString(amal.Get(req).Body)
	assert.Contains(t, own, "The CCF gave you more time: you can answer until 10 April 2026.")
	assert.Contains(t, own, "More time given to answer, until 10 April 2026")
	assert.Contains(t, html.UnescapeString(amal.Get("/inbox").Body), "The CCF has answered your request for more time.")
	assert.NotContains(t, staff.Get("/staff").Body, "More time asked")
	assert.Equal(t, "2026-04-10", app.QueryString(`SELECT reply_by FROM messages WHERE kind = 'clarification'`))
	assert.Contains(t, auditActions(t, app, req), "more_time_answer")

	compose := func(u domain.User) outbox.Message { return outbox.Message{To: u.Email, Subject: "News", Body: "News"} }
	remind := func() int {
		n, err := app.DB.RemindReplies(context.Background(), compose)
		require.NoError(t, err)
		return n
	}
	app.Clock.Set(time.Date(2026, 3, 18, 9, 0, 0, 0, time.UTC))
	assert.Zero(t, remind(), "the old date reminds of nothing")
	app.Clock.Set(time.Date(2026, 4, 8, 9, 0, 0, 0, time.UTC))
	assert.Equal(t, 1, remind(), "the reminder follows the new date")
}

func TestMoreTimeRefusedWithAMessageAndAskedAgain(t *testing.T) {
	app := webtest.New(t)
	counsel := app.Counsel("lawyer@example.org")
	staff := app.Staff("clerk@ccf.example")
	req := admitted(t, app, counsel, staff)
	desk := deskPath(req)
	clarify(t, staff, desk)
	resp := counsel.Submit(req+"/more-time", req+"/more-time", with(dayValues("date", "10", "4", "2026"), "reason", "My client is abroad"))
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))

	link := moreTimeLink.FindStringSubmatch(staff.Get(desk).Body)
	require.Len(t, link, 2)
	bare := staff.Submit(link[1], link[1], url.Values{"answer": {"refused"}})
	assert.Equal(t, http.StatusUnprocessableEntity, bare.Status)
	assert.Contains(t, bare.Body, "Write the message that tells the applicant why.")
	deskDo(t, staff, link[1], link[1], url.Values{"answer": {"refused"}, "message": {"The Commission needs the copy to examine the request."}})

	own := html.UnescapeString(counsel.Get(req).Body)
	assert.Contains(t, own, "The CCF did not give you more time. Please answer by 20 March 2026.")
	assert.Contains(t, own, "The Commission needs the copy to examine the request.")
	assert.Equal(t, "2026-03-20", app.QueryString(`SELECT reply_by FROM messages WHERE kind = 'clarification'`))
	assert.Contains(t, own, `href="`+req+`/more-time"`, "a new request after an answer")
	again := counsel.Submit(req+"/more-time", req+"/more-time", with(dayValues("date", "1", "4", "2026"), "reason", "A week more"))
	assert.Equal(t, http.StatusSeeOther, again.Status, webtest.ErrorSummaryText(again.Body))
}

func TestTheAdmissibilityDateIsCorrectedWithAReasonAndTheDueDateFollows(t *testing.T) {
	app := webtest.New(t)
	amal := app.Petitioner("amal@example.org")
	req := fileAccessRequest(t, amal)
	desk := deskPath(req)
	app.Clock.Advance(10 * 24 * time.Hour) // 12 March
	staff := app.Staff("clerk@ccf.example")
	deskDo(t, staff, desk+"/admissibility", desk+"/admissibility", url.Values{"outcome": {"admissible"},
		"checks": domain.ChecksFor(deskRequest(t, app, req))})
	assert.Equal(t, "2026-07-12", deskRequest(t, app, req).DueAt.Format(time.DateOnly))

	chamber := app.Chamber("judge@ccf.example")
	assert.NotContains(t, chamber.Get(desk).Body, "Correct the admissibility date</a>")
	assert.Equal(t, http.StatusForbidden, forgedPost(t, chamber, desk, desk+"/admissibility-date",
		with(dayValues("date", "5", "3", "2026"), "reason", "x")).Status)

	noReason := staff.Submit(desk+"/admissibility-date", desk+"/admissibility-date", dayValues("date", "5", "3", "2026"))
	assert.Equal(t, http.StatusUnprocessableEntity, noReason.Status)
	assert.Contains(t, noReason.Body, "Give the reason.")
	deskDo(t, staff, desk+"/admissibility-date", desk+"/admissibility-date",
		with(dayValues("date", "5", "3", "2026"), "reason", "The file was complete when the passport copy came on 5 March"))

	r := deskRequest(t, app, req)
	assert.Equal(t, "2026-03-05", r.AdmissibleAt.Format(time.DateOnly))
	assert.Equal(t, "2026-07-05", r.DueAt.Format(time.DateOnly), "4 months from the corrected date")
	assert.Contains(t, auditActions(t, app, req), "admissibility_correct")
	page := html.UnescapeString(staff.Get(desk).Body)
	assert.Contains(t, page, "From 12 March 2026 to 5 March 2026")
	assert.Contains(t, page, "The file was complete when the passport copy came on 5 March")
	assert.Contains(t, page, "Date on which the request became admissible corrected to 5 March 2026")
	amal = app.Login("amal@example.org") // the idle limit has passed
	own := html.UnescapeString(amal.Get(req).Body)
	assert.Contains(t, own, "5 July 2026")
	assert.Contains(t, own, "5 March 2026")
	assert.NotContains(t, own, "passport copy came", "the reason stays with the CCF")
}

func TestTheQueueFlagsAdmissibilityOverdue(t *testing.T) {
	app := webtest.New(t)
	amal := app.Petitioner("amal@example.org")
	req := fileAccessRequest(t, amal)
	staff := app.Staff("clerk@ccf.example")
	queue := staff.Get("/staff")
	assert.Contains(t, queue.Body, "Admissibility due 2 April 2026")
	assert.NotContains(t, queue.Body, "Admissibility overdue")
	assert.Contains(t, staff.Get(deskPath(req)).Body, "Admissibility due")

	app.Clock.Advance(32 * 24 * time.Hour)
	staff = app.Login("clerk@ccf.example")
	assert.Contains(t, staff.Get("/staff").Body, "Admissibility overdue (due 2 April 2026)")
	page := staff.Get(deskPath(req))
	assert.Contains(t, page.Body, `tag-red">Overdue`)

	deskDo(t, staff, deskPath(req)+"/admissibility", deskPath(req)+"/admissibility", url.Values{"outcome": {"admissible"},
		"checks": domain.ChecksFor(deskRequest(t, app, req))})
	assert.NotContains(t, staff.Get("/staff").Body, "Admissibility overdue", "nothing is due once assessed")
}
