package web_test

import (
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/outcome"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

// consultValues is the form of a consultation of the source NCB sent on
// the test clock's first day, its reply date left to the default.
func consultValues(question string) url.Values {
	return url.Values{"recipient": {"source_ncb"}, "question": {question},
		"sent_on-day": {"2"}, "sent_on-month": {"3"}, "sent_on-year": {"2026"}}
}

func TestAConsultationGoesUnansweredShowsOverdueInTheQueueAndGroundsTheDecision(t *testing.T) {
	app := webtest.New(t)
	amal := app.Petitioner("amal@example.org")
	req := deskFileDeletion(t, amal)
	other := deskFileAccess(t, amal)
	staff := app.Staff("clerk@ccf.example")
	desk := deskPath(req)
	deskDo(t, staff, desk+"/admissibility", desk+"/admissibility", url.Values{"outcome": {"admissible"},
		"checks": domain.ChecksFor(deskRequest(t, app, req))})

	deskDo(t, staff, desk+"/consultations/new", desk+"/consultations", consultValues("Is the diffusion still needed?"))
	page := staff.Get(desk)
	require.Equal(t, http.StatusOK, page.Status)
	assert.Contains(t, page.Body, "Source NCB (Türkiye)")
	assert.Contains(t, page.Body, "Is the diffusion still needed?")
	assert.Contains(t, page.Body, "Awaiting reply")
	assert.Contains(t, page.Body, "1 April 2026", "a month after it was sent by default")
	queue := staff.Get("/staff")
	assert.Contains(t, queue.Body, "1 open")
	assert.NotContains(t, queue.Body, `tag-red">reply overdue`)

	// No reply can be recorded before the due date has passed.
	cons := consultLinks(page.Body)
	require.Len(t, cons, 1)
	early := staff.Get(cons[0] + "/no-reply")
	require.Equal(t, http.StatusOK, early.Status)
	assert.Contains(t, early.Body, "The due date has not passed yet: no reply can be recorded before the end of 1 April 2026.")
	refused := staff.SubmitFrom(early.Body, cons[0]+"/no-reply", nil)
	assert.Equal(t, http.StatusConflict, refused.Status)
	assert.Contains(t, refused.Body, "No reply can be recorded before the due date has passed (1 April 2026).")
	assert.NotContains(t, staff.Get(desk).Body, "Record that no reply came</a>", "no such link before the due date")

	// The choice of "the source did not reply" is refused while it is untrue.
	bad := staff.Upload(desk+"/decision", desk+"/decision", []webtest.Field{webtest.F("outcome", outcome.NonCompliantDeletion),
		webtest.F("standard_reasons", "source_no_reply")}, "", nil)
	assert.Equal(t, http.StatusUnprocessableEntity, bad.Status)
	assert.Contains(t, html.UnescapeString(bad.Body), "needs a consultation of this case recorded as unanswered")

	// A reminder, then the due date passes: overdue in the queue, and its filter.
	deskDo(t, staff, cons[0]+"/reminder", cons[0]+"/reminder", url.Values{"reminded_on-day": {"2"},
		"reminded_on-month": {"3"}, "reminded_on-year": {"2026"}})
	app.Clock.Advance(31 * 24 * time.Hour)
	staff = app.Login("clerk@ccf.example") // the idle limit has long passed
	queue = staff.Get("/staff")
	assert.Contains(t, queue.Body, `tag-red">reply overdue`)
	filtered := staff.Get("/staff?consult_overdue=1&status=all")
	assert.Contains(t, filtered.Body, deskRequest(t, app, req).Reference)
	assert.NotContains(t, filtered.Body, deskRequest(t, app, other).Reference, "a case without consultations is not listed")
	assert.Contains(t, staff.Get(desk).Body, "Reply overdue")

	deskDo(t, staff, cons[0]+"/no-reply", cons[0]+"/no-reply", nil)
	page = staff.Get(desk)
	assert.Contains(t, page.Body, "No reply recorded on")
	assert.NotContains(t, staff.Get("/staff?consult_overdue=1&status=all").Body, deskRequest(t, app, req).Reference)

	// The decision gives the standard reason, in the request's language, before the reasons written.
	decideCase(t, app, req, "", "", webtest.F("outcome", outcome.NonCompliantDeletion),
		webtest.F("standard_reasons", "source_no_reply"), webtest.F("reasons", "The data are to be deleted."))
	amal = app.Login("amal@example.org")
	mine := html.UnescapeString(amal.Get(req).Body)
	assert.Contains(t, mine, "The source of the data did not reply to the Commission's consultation by the date set.")
	assert.Contains(t, mine, "The data are to be deleted.")

	var trail []string
	for _, a := range auditActions(t, app, req) {
		if strings.HasPrefix(a, "consultation_") {
			trail = append(trail, a)
		}
	}
	assert.Equal(t, []string{"consultation_add", "consultation_reminder", "consultation_no_reply"}, trail)
}

func TestAReplyWithItsDocumentStaysWithTheStaff(t *testing.T) {
	app := webtest.New(t)
	amal := app.Petitioner("amal@example.org")
	req := deskFileDeletion(t, amal)
	staff := app.Staff("clerk@ccf.example")
	desk := deskPath(req)
	values := consultValues("Please confirm the arrest warrant.")
	values.Set("recipient", "other_ncb")
	values.Set("country", "FR")
	values.Set("reply_due-day", "20")
	values.Set("reply_due-month", "3")
	values.Set("reply_due-year", "2026")
	deskDo(t, staff, desk+"/consultations/new", desk+"/consultations", values)
	cons := consultLinks(staff.Get(desk).Body)
	require.Len(t, cons, 1)

	empty := staff.Upload(cons[0]+"/reply", cons[0]+"/reply", []webtest.Field{webtest.F("summary", " ")}, "", nil)
	assert.Equal(t, http.StatusUnprocessableEntity, empty.Status)
	assert.Contains(t, empty.Body, "Enter a summary of the reply")

	reply := staff.Upload(cons[0]+"/reply", cons[0]+"/reply", []webtest.Field{
		webtest.F("received_on-day", "2"), webtest.F("received_on-month", "3"), webtest.F("received_on-year", "2026"),
		webtest.F("summary", "NCB Paris holds no warrant."), webtest.F("restriction", "Do not disclose the Paris file number.")},
		"ncb-reply.pdf", strings.NewReader(webtest.PDF("ncb-reply")))
	require.Equal(t, http.StatusSeeOther, reply.Status, webtest.ErrorSummaryText(reply.Body))
	page := staff.Get(desk)
	assert.Contains(t, page.Body, "NCB of France")
	assert.Contains(t, page.Body, "NCB Paris holds no warrant.")
	assert.Contains(t, page.Body, "Do not disclose the Paris file number.")
	assert.Contains(t, page.Body, ">Replied<")
	got := staff.Get(cons[0] + "/document")
	require.Equal(t, http.StatusOK, got.Status)
	assert.Equal(t, webtest.PDF("ncb-reply"), got.Body)
	assert.Contains(t, got.Header.Get("Content-Disposition"), "attachment")

	// The applicant sees nothing of it: not on the case, its timeline or its documents.
	mine := amal.Get(req)
	require.Equal(t, http.StatusOK, mine.Status)
	for _, s := range []string{"NCB Paris", "Paris file number", "arrest warrant", "ncb-reply", "Consultation", "consultation"} {
		assert.NotContains(t, mine.Body, s)
	}
	assert.Equal(t, http.StatusNotFound, amal.Get(strings.TrimPrefix(cons[0], "/staff")+"/document").Status)
	docs := amal.Get(req + "/documents")
	assert.NotContains(t, docs.Body, "ncb-reply")
}

func TestConsultationsAreRefusedToAnyoneButStaffAndWithoutAToken(t *testing.T) {
	app := webtest.New(t)
	amal := app.Petitioner("amal@example.org")
	req := deskFileDeletion(t, amal)
	staff := app.Staff("clerk@ccf.example")
	desk := deskPath(req)
	deskDo(t, staff, desk+"/consultations/new", desk+"/consultations", consultValues("Q?"))
	cons := consultLinks(staff.Get(desk).Body)
	require.Len(t, cons, 1)

	counsel := app.Counsel("lawyer@example.org")
	for _, c := range []*webtest.Client{amal, counsel} {
		for _, path := range []string{desk + "/consultations/new", cons[0] + "/reply", cons[0] + "/document"} {
			status := c.Get(path).Status
			assert.Contains(t, []int{http.StatusForbidden, http.StatusNotFound}, status, path)
		}
		page := c.Get("/dashboard")
		post := c.SubmitFrom(page.Body, desk+"/consultations", consultValues("Forged"))
		assert.Contains(t, []int{http.StatusForbidden, http.StatusNotFound}, post.Status)
	}
	noToken := staff.PostForm(desk+"/consultations", consultValues("No token"))
	assert.Equal(t, http.StatusForbidden, noToken.Status)
	noTokenReply := staff.UploadRaw(cons[0]+"/reply", []webtest.Field{webtest.F("summary", "S")}, "r.pdf", strings.NewReader(webtest.PDF("r")))
	assert.Equal(t, http.StatusForbidden, noTokenReply.Status)
	assert.Equal(t, http.StatusNotFound, staff.Get(desk+"/consultations/999/reply").Status, "another case's or no consultation")
	assert.Equal(t, int64(1), app.QueryInt(`SELECT COUNT(*) FROM consultations`))
}

// consultLinks are the addresses of the consultations listed on a staff
// case page, in order.
func consultLinks(body string) []string {
	var out []string
	for _, part := range strings.Split(body, `href="`)[1:] {
		link := part[:strings.Index(part, `"`)]
		if strings.Contains(link, "/consultations/") && strings.HasSuffix(link, "/reminder") {
			out = append(out, strings.TrimSuffix(link, "/reminder"))
		}
	}
	return out
}
