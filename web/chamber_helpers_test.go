package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain/outcome"
	"github.com/ccf-portal/ccfportal/db/domain/staffrole"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

// staffOf signs in the staff account email, creating it with role first
// if it does not exist yet.
func staffOf(t *testing.T, app *webtest.App, role staffrole.Role, email string) *webtest.Client {
	t.Helper()
	if _, err := app.DB.UserByEmail(context.Background(), email); err == nil {
		return app.Login(email)
	}
	return app.StaffAs(role, email)
}

// todayValues is a date input group named name set to the test clock's day.
func todayValues(app *webtest.App, name string) url.Values {
	now := app.Clock.Now().UTC()
	return url.Values{name + "-day": {strconv.Itoa(now.Day())}, name + "-month": {strconv.Itoa(int(now.Month()))},
		name + "-year": {strconv.Itoa(now.Year())}}
}

// draftDecision saves the secretariat's draft of the decision on the case
// at reqPath and expects it kept.
func draftDecision(t *testing.T, app *webtest.App, reqPath string, fields ...webtest.Field) {
	t.Helper()
	desk := deskPath(reqPath)
	clerk := staffOf(t, app, staffrole.Secretariat, "secretary@ccf.example")
	resp := clerk.Upload(desk+"/decision", desk+"/decision", fields, "", nil)
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
}

// onAgenda puts the case at reqPath on the agenda of a new session that
// starts today, and returns the agenda's address.
func onAgenda(t *testing.T, app *webtest.App, reqPath string) string {
	t.Helper()
	clerk := staffOf(t, app, staffrole.Secretariat, "secretary@ccf.example")
	n := app.QueryInt(`SELECT COUNT(*) FROM chamber_sessions`) + 1
	values := url.Values{"number": {strconv.FormatInt(n, 10)}}
	for k, v := range todayValues(app, "starts_on") {
		values[k] = v
	}
	for k, v := range todayValues(app, "ends_on") {
		values[k] = v
	}
	agenda := createSession(t, clerk, values)
	resp := clerk.Submit(agenda, agenda+"/agenda", url.Values{"reference": {deskRequest(t, app, reqPath).Reference}})
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	return agenda
}

// adoptDecision adopts the draft as a member of the Chamber.
func adoptDecision(t *testing.T, app *webtest.App, reqPath string) {
	t.Helper()
	step := deskPath(reqPath) + "/decision/adopt"
	judge := staffOf(t, app, staffrole.Chamber, "member@ccf.example")
	resp := judge.Submit(step, step, nil)
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
}

// decisionStep records a dated step after adoption as the secretariat.
func decisionStep(t *testing.T, app *webtest.App, reqPath, step string, extra url.Values) {
	t.Helper()
	path := deskPath(reqPath) + "/decision/" + step
	clerk := staffOf(t, app, staffrole.Secretariat, "secretary@ccf.example")
	values := todayValues(app, "on")
	for k, v := range extra {
		values[k] = v
	}
	resp := clerk.Submit(path, path, values)
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
}

// sendDecision sends the decision to the applicant with an optional
// document (filename "" for none).
func sendDecision(t *testing.T, app *webtest.App, reqPath, filename, content string) {
	t.Helper()
	path := deskPath(reqPath) + "/decision/send"
	clerk := staffOf(t, app, staffrole.Secretariat, "secretary@ccf.example")
	var fields []webtest.Field
	for k, v := range todayValues(app, "on") {
		fields = append(fields, webtest.F(k, v[0]))
	}
	var body *strings.Reader
	if filename != "" {
		body = strings.NewReader(content)
	}
	var resp *webtest.Response
	if body != nil {
		resp = clerk.Upload(path, path, fields, filename, body)
	} else {
		resp = clerk.Upload(path, path, fields, "", nil)
	}
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
}

// decideCase takes an admissible case at reqPath through the whole life
// of its decision in one call: drafted with fields, put on a session's
// agenda, adopted, sent to the General Secretariat, implemented where the
// data change, and sent to the applicant with the optional document.
func decideCase(t *testing.T, app *webtest.App, reqPath, filename, content string, fields ...webtest.Field) {
	t.Helper()
	draftDecision(t, app, reqPath, fields...)
	onAgenda(t, app, reqPath)
	adoptDecision(t, app, reqPath)
	decisionStep(t, app, reqPath, "sent-to-gs", nil)
	if _, changes := outcome.NoticeAction(webtest.Values(fields).Get("outcome")); changes {
		decisionStep(t, app, reqPath, "implemented", url.Values{"implementation": {"The data were deleted."}})
	}
	sendDecision(t, app, reqPath, filename, content)
}
