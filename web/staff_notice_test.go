package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/outbox"
	"github.com/ccf-portal/ccfportal/db/staffnotice"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

const overdueNote = "A consultation on this case has passed its reply date without a reply."

// consultOn records, as staff, a consultation on the case filed at req,
// sent on the clock's first day and due a month later.
func consultOn(t *testing.T, app *webtest.App, staff *webtest.Client, req string) {
	t.Helper()
	desk := deskPath(req)
	deskDo(t, staff, desk+"/admissibility", desk+"/admissibility", url.Values{"outcome": {"admissible"},
		"checks": domain.ChecksFor(deskRequest(t, app, req))})
	deskDo(t, staff, desk+"/consultations/new", desk+"/consultations", consultValues("Is the diffusion still needed?"))
}

func TestAnOverdueConsultationIsToldOnceToItsAssigneeOrElseTheSecretariat(t *testing.T) {
	app := webtest.New(t)
	ctx := context.Background()
	amal := app.Petitioner("amal@example.org")
	assigned, unassigned := deskFileDeletion(t, amal), deskFileDeletion(t, amal)
	clerk := app.Staff("clerk@ccf.example")
	app.Staff("second@ccf.example")
	app.Chamber("judge@ccf.example")
	consultOn(t, app, clerk, assigned)
	consultOn(t, app, clerk, unassigned)
	deskDo(t, clerk, deskPath(assigned), deskPath(assigned)+"/assign", url.Values{"assignee": {userID(t, app, "second@ccf.example")}})
	news := handlers.NewsTo(ctx, app.Server.URL)

	n, err := app.DB.NotifyOverdueConsultations(ctx, news)
	require.NoError(t, err)
	assert.Zero(t, n, "not before the reply date has passed")
	app.Clock.Advance(30 * 24 * time.Hour) // 1 April, the reply date itself
	n, err = app.DB.NotifyOverdueConsultations(ctx, news)
	require.NoError(t, err)
	assert.Zero(t, n, "the reply date itself is not overdue")
	app.Clock.Advance(24 * time.Hour)
	n, err = app.DB.NotifyOverdueConsultations(ctx, news)
	require.NoError(t, err)
	assert.Equal(t, 2, n)
	n, err = app.DB.NotifyOverdueConsultations(ctx, news)
	require.NoError(t, err)
	assert.Zero(t, n, "each consultation is told of once")

	second := app.Login("second@ccf.example")
	assert.Contains(t, second.Get("/staff").Body, "Notifications (2 unread)", "assigned one and the unassigned one")
	page := second.Get("/staff/notifications")
	require.Equal(t, http.StatusOK, page.Status)
	assert.Equal(t, 2, strings.Count(page.Body, overdueNote))
	assert.Contains(t, page.Body, `href="`+deskPath(assigned)+`"`)
	assert.NotContains(t, second.Get("/staff").Body, "unread", "read once listed")

	clerk = app.Login("clerk@ccf.example")
	page = clerk.Get("/staff/notifications")
	assert.Equal(t, 1, strings.Count(page.Body, overdueNote), "only the unassigned case's")
	assert.Contains(t, page.Body, `href="`+deskPath(unassigned)+`"`)
	judge := app.Login("judge@ccf.example")
	assert.NotContains(t, judge.Get("/staff/notifications").Body, overdueNote, "the Chamber is not the secretariat")
	assert.Equal(t, http.StatusForbidden, app.Login("amal@example.org").Get("/staff/notifications").Status)
}

// digestSubject is the English digest's subject.
const digestSubject = "Daily summary from the CCF Portal"

func digestTo(portal string) func(domain.User, staffnotice.Digest) outbox.Message {
	return func(u domain.User, d staffnotice.Digest) outbox.Message {
		t := views.DigestMail(views.MailLocale(context.Background(), u.Language), portal, views.DigestCounts(d))
		return outbox.Message{To: u.Email, Subject: t.Subject, Body: t.Body}
	}
}

func TestTheDailyDigestGoesOnceADayAtItsHourWithCountsOnly(t *testing.T) {
	app := webtest.New(t)
	ctx := context.Background()
	amal := app.Petitioner("amal@example.org")
	deletion := deskFileDeletion(t, amal)
	access := fileAccessRequest(t, amal)
	urgent := amal.Upload(access+"/urgent", access+"/urgent", detainedFields(), "", nil)
	require.Equal(t, http.StatusSeeOther, urgent.Status, webtest.ErrorSummaryText(urgent.Body))
	clerk := app.Staff("clerk@ccf.example")
	app.Chamber("judge@ccf.example")
	consultOn(t, app, clerk, deletion)
	r := deskRequest(t, app, deletion)
	compose := digestTo(app.Server.URL)

	// Filed at 09:00 on 2 March; the next morning at 06:59, then 07:00.
	app.Clock.Advance(22*time.Hour - time.Minute)
	n, err := app.DB.SendDigests(ctx, 7, compose)
	require.NoError(t, err)
	assert.Zero(t, n, "not before the hour")
	app.Clock.Advance(time.Minute)
	n, err = app.DB.SendDigests(ctx, 7, compose)
	require.NoError(t, err)
	assert.Equal(t, 1, n, "one secretariat member")
	n, err = app.DB.SendDigests(ctx, 7, compose)
	require.NoError(t, err)
	assert.Zero(t, n, "once a day, however often the loop runs")

	digests := withSubject(app, "clerk@ccf.example", digestSubject)
	require.Len(t, digests, 1)
	body := digests[0].Body()
	assert.Contains(t, body, "New requests: 3")
	assert.Contains(t, body, "of which urgent: 1")
	assert.Contains(t, body, "Replies to requests for clarification: 0")
	assert.Contains(t, body, "Consultations now past their reply date without a reply: 0")
	assert.Contains(t, body, "Pending cases whose time limit falls in the next 14 days: 0")
	assert.Contains(t, body, "Pending cases past their time limit: 0")
	assert.Contains(t, body, app.Server.URL+"/staff")
	for _, secret := range []string{r.ApplicantName, r.Reference, "Turkey", "Türkiye", "amal@example.org"} {
		require.NotEmpty(t, secret)
		assert.NotContains(t, body, secret)
		assert.NotContains(t, digests[0].Subject(), secret)
	}
	assert.Empty(t, withSubject(app, "judge@ccf.example", digestSubject), "the digest is the secretariat's")

	// The next day: nothing new, the consultation now overdue; of the
	// access and deletion requests (admissible meanwhile), one is due within
	// 14 days and one is past its time limit.
	app.Clock.Advance(30 * 24 * time.Hour)
	now := app.Clock.Now()
	app.Exec(`UPDATE requests SET status = 'under_review', due_at = ? WHERE id = ?`, now.AddDate(0, 0, 10).Unix(), r.ID)
	app.Exec(`UPDATE requests SET status = 'under_review', due_at = ? WHERE reference = ?`, now.AddDate(0, 0, -1).Unix(),
		deskRequest(t, app, access).Reference)
	n, err = app.DB.SendDigests(ctx, 7, compose)
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	digests = withSubject(app, "clerk@ccf.example", digestSubject)
	require.Len(t, digests, 2)
	assert.Contains(t, digests[1].Body(), "New requests: 0")
	assert.Contains(t, digests[1].Body(), "Consultations now past their reply date without a reply: 1")
	assert.Contains(t, digests[1].Body(), "Pending cases whose time limit falls in the next 14 days: 1")
	assert.Contains(t, digests[1].Body(), "Pending cases past their time limit: 1")
}
