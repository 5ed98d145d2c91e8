package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

// urgentFields are a complete urgent form: travel three days after the
// test clock's start, from Istanbul (UTC+03:00).
func urgentFields() []webtest.Field {
	return []webtest.Field{webtest.F("urgent_event", "travel"), webtest.F("urgent_where", "Istanbul airport"),
		webtest.F("urgent_date-day", "5"), webtest.F("urgent_date-month", "3"), webtest.F("urgent_date-year", "2026"),
		webtest.F("urgent_time", "06:30"), webtest.F("urgent_tz", "+03:00"),
		webtest.F("urgent_measures", "block"), webtest.F("urgent_measures", "priority"),
		webtest.F("urgent_why", "A flight to a conference; arrest on landing is likely."),
		webtest.F("urgent_contact", "Sister Leila, +49 170 0000000"), webtest.F("declaration", "yes")}
}

func TestUrgentRequestOnAPendingCase(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	access := fileAccessRequest(t, c)
	page := c.Get(access)
	assert.Contains(t, page.Body, "Ask for urgent provisional measures")
	form := c.Get(access + "/urgent")
	require.Equal(t, http.StatusOK, form.Status)
	assert.Contains(t, form.Body, "What is happening?")

	resp := c.Upload(access+"/urgent", access+"/urgent", urgentFields(), "ticket.pdf", strings.NewReader(webtest.PDF("ticket")))
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	conf := c.Get(resp.Location())
	assert.Contains(t, conf.Body, "CCF-2026-000002")
	assert.Contains(t, conf.Body, "The CCF aims to examine urgent requests first")
	assert.Contains(t, conf.Body, "This is not a decision on whether the data should be deleted")

	urgent := strings.TrimSuffix(resp.Location(), "/confirmation")
	casePage := c.Get(urgent)
	assert.Contains(t, casePage.Body, "5 March 2026 03:30 UTC")
	assert.Contains(t, casePage.Body, "66 hours left")
	assert.Contains(t, casePage.Body, "Block the data while the case is examined; Examine the case first (priority handling)")
	assert.Contains(t, casePage.Body, "ticket.pdf")
	assert.Contains(t, casePage.Body, "the case this urgent request is for")
	assert.Contains(t, c.Get(access).Body, "urgent request on this case")

	app.Clock.Advance(45 * time.Minute)
	assert.Contains(t, c.Get(urgent).Body, "65 hours left", "the countdown follows the clock")
}

// personFields say who the person is, the least urgent measures on a draft
// need.
func personFields() []webtest.Field {
	return []webtest.Field{webtest.F("representation", "representative"), webtest.F("full_name", "Amal Haddad"),
		webtest.F("birth_date-day", "14"), webtest.F("birth_date-month", "7"), webtest.F("birth_date-year", "1985"),
		webtest.F("nationality", "SY")}
}

func TestUrgentRequestOnADraftIsSentAtOnce(t *testing.T) {
	app := webtest.New(t)
	c := app.Counsel("lawyer@example.org")
	req := c.StartDeletionRequest(url.Values{"kind": {"deletion"}})
	assert.Contains(t, c.Get(req).Body, "Ask for urgent provisional measures")
	first := c.Get(req + "/urgent")
	require.Equal(t, http.StatusOK, first.Status)
	assert.Contains(t, first.Body, "step 1 of 4", "on a draft, the person's page comes too")
	early := c.Upload(req+"/urgent", req+"/urgent", urgentFields(), "", nil)
	assert.Equal(t, http.StatusSeeOther, early.Status)
	assert.Equal(t, req+"/urgent", early.Location(), "no urgent request before the person is known")

	person := next(t, c, req+"/urgent", req+"/urgent/start", detainedNow())
	missing := c.Submit(person, person, url.Values{"full_name": {"Amal Haddad"}})
	assert.Equal(t, http.StatusUnprocessableEntity, missing.Status)
	assert.Contains(t, missing.Body, "Enter the date of birth")
	assert.Contains(t, missing.Body, "value=\"Amal Haddad\"", "what was typed is kept")
	who := webtest.Values(personFields())
	who.Set("relationship", "lawyer")
	who.Set("data_kind", "red_notice")
	asked := next(t, c, person, person, who)
	check := next(t, c, asked, asked, blockAndContact(""))
	assert.Contains(t, c.Get(check).Body, "The request it belongs to stays a draft")

	resp := c.Upload(check, check, []webtest.Field{webtest.F("declaration", "yes")}, "", nil)
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	conf := c.Get(resp.Location())
	assert.Contains(t, conf.Body, "CCF-2026-000001", "sent at once with its own reference")
	assert.Contains(t, conf.Body, "the CCF acts on them once that request is admissible")
	assert.Contains(t, conf.Body, "identity document", "what the draft still lacks")
	assert.Contains(t, conf.Body, "Continue the request")
	tasks := c.Get(req)
	assert.Contains(t, tasks.Body, "Urgent request CCF-2026-000001 sent on")
	staff := app.Staff("clerk@ccf.example")
	assert.Equal(t, []string{"CCF-2026-000001"}, queueRefs(t, staff, "/staff?urgent=1"))
	assert.Contains(t, staff.Get("/staff/requests/2").Body, "Amal Haddad")

	c.FillDeletionBasics(req, true)
	c.AddDataItem(req, webtest.DataItem())
	c.ChooseGrounds(req, map[string]string{"refugee": "Recognised refugee in Germany."}, "refugee")
	c.UploadDocument(req, "identity", "passport.pdf", webtest.PDF("id"), false)
	c.UploadDocument(req, "power_of_attorney", "poa.pdf", webtest.PDF("poa"), false)
	sub := submitDraft(t, c, req)
	require.Equal(t, http.StatusSeeOther, sub.Status, webtest.ErrorSummaryText(sub.Body))
	filed := c.Get(sub.Location()).Body
	assert.Contains(t, filed, "CCF-2026-000002")
	assert.Contains(t, filed, "The urgent request CCF-2026-000001, sent earlier, belongs to this request.")
	caseBody := c.Get(req).Body
	assert.Contains(t, caseBody, "CCF-2026-000001")
	assert.Contains(t, caseBody, "urgent request on this case")
}

func TestUrgentRequestsAreRefusedWhereTheyCannotBe(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	draft := c.StartAccessRequest()
	assert.Contains(t, c.Get(draft+"/urgent").Body, "step 1 of 4", "a draft of either kind takes urgent measures")

	access := fileAccessRequest(t, c)
	past := urgentFields()
	past[4] = webtest.F("urgent_date-year", "2025")
	resp := c.Upload(access+"/urgent", access+"/urgent", past, "", nil)
	assert.Equal(t, http.StatusUnprocessableEntity, resp.Status)
	assert.Contains(t, resp.Body, "The date must be in the future")
	earlierToday := urgentFields()
	earlierToday[2], earlierToday[5] = webtest.F("urgent_date-day", "2"), webtest.F("urgent_time", "11:00") // 08:00 UTC
	resp = c.Upload(access+"/urgent", access+"/urgent", earlierToday, "", nil)
	assert.Equal(t, http.StatusUnprocessableEntity, resp.Status)
	assert.Contains(t, resp.Body, "The date and time of the event must be in the future")
	missing := c.Upload(access+"/urgent", access+"/urgent", []webtest.Field{webtest.F("urgent_time", "06:30")}, "", nil)
	for _, msg := range []string{"Select what is happening", "Enter where the person is held or where it will happen",
		"Select the time zone of the time you gave",
		"Select at least one measure", "Enter a contact reachable day and night", "Confirm the declaration"} {
		assert.Contains(t, missing.Body, msg)
	}

	other := app.Petitioner("other@example.org")
	assert.Equal(t, http.StatusNotFound, other.Get(access+"/urgent").Status)
	token := webtest.CSRFFrom(t, other.Get("/dashboard").Body)
	theirs := other.UploadRaw(access+"/urgent", append([]webtest.Field{webtest.F("_csrf", token)}, urgentFields()...), "", nil)
	assert.Equal(t, http.StatusNotFound, theirs.Status)

	app.Exec(`UPDATE requests SET status = 'closed' WHERE id = ?`, strings.TrimPrefix(access, "/requests/"))
	closed := c.Get(access + "/urgent")
	assert.Equal(t, http.StatusConflict, closed.Status)
	assert.Contains(t, closed.Body, "This request is finished")
	assert.NotContains(t, c.Get(access).Body, "Ask for urgent provisional measures")
}

// decide marks a filed request decided at the given time, as staff would.
func decide(app *webtest.App, path string, at time.Time) {
	app.Exec(`UPDATE requests SET status = 'decided', decided_at = ? WHERE id = ?`, at.Unix(), strings.TrimPrefix(path, "/requests/"))
}

func revisionFields(discovered time.Time) []webtest.Field {
	return []webtest.Field{webtest.F("revision_fact", "A court acquitted me of the charge."),
		webtest.F("revision_discovered-day", discovered.Format("2")), webtest.F("revision_discovered-month", discovered.Format("1")),
		webtest.F("revision_discovered-year", discovered.Format("2006")),
		webtest.F("revision_why", "The notice rested only on that charge."), webtest.F("declaration", "yes")}
}

// uploadRevision posts the revision form with a summary file.
func uploadRevision(t *testing.T, c *webtest.Client, path string, fields []webtest.Field, summary string) *webtest.Response {
	t.Helper()
	page := c.Get(path + "/revision")
	require.Equal(t, http.StatusOK, page.Status)
	all := append([]webtest.Field{webtest.F("_csrf", webtest.CSRFFrom(t, page.Body))}, fields...)
	return c.UploadRawNamed(path+"/revision", all, "summary_file", "summary.pdf", strings.NewReader(summary))
}

func TestRevisionInsideAndOutsideTheWindow(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	access := fileAccessRequest(t, c)
	assert.Equal(t, http.StatusConflict, c.Get(access+"/revision").Status, "no decision yet: no revision")
	assert.NotContains(t, c.Get(access).Body, "Apply for revision")

	decide(app, access, webtest.Start.AddDate(-1, 0, 0))
	page := c.Get(access + "/revision")
	assert.Contains(t, page.Body, "Disagreeing with the decision is not a new fact")
	assert.Contains(t, page.Body, "The decision is more than 6 months old. That is allowed")

	late := uploadRevision(t, c, access, revisionFields(webtest.Start.AddDate(0, -7, 0)), webtest.PDF("summary"))
	assert.Equal(t, http.StatusUnprocessableEntity, late.Status)
	assert.Contains(t, late.Body, "The 6 months after you discovered the fact ended on 2 February 2026. You can still apply")

	threePages := webtest.PDFPages("s", 3)
	long := uploadRevision(t, c, access, revisionFields(webtest.Start.AddDate(0, -1, 0)), threePages)
	assert.Equal(t, http.StatusUnprocessableEntity, long.Status)
	assert.Contains(t, long.Body, "The summary has 3 pages; it must have at most 2")

	resp := uploadRevision(t, c, access, revisionFields(webtest.Start.AddDate(0, -1, 0)), webtest.PDF("summary"))
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	conf := c.Get(resp.Location())
	assert.Contains(t, conf.Body, "CCF-2026-000002")
	assert.Contains(t, conf.Body, "upholds its decision or revises it")
	rev := strings.TrimSuffix(resp.Location(), "/confirmation")
	assert.Contains(t, c.Get(rev).Body, "the decision this application asks to revise")
	assert.Contains(t, c.Get(rev).Body, "summary.pdf")
	assert.Contains(t, c.Get(access).Body, "application for revision of this decision")

	other := app.Petitioner("other@example.org")
	assert.Equal(t, http.StatusNotFound, other.Get(access+"/revision").Status)
	u := mustUser(t, app, "amal@example.org")
	list, _ := app.DB.RequestsForUser(t.Context(), u)
	kinds := map[domain.Kind]int{}
	for _, r := range list {
		kinds[r.Kind]++
	}
	assert.Equal(t, 1, kinds[domain.KindRevision], "the refused applications left nothing")
}

func TestListedDetailsAreSettledAtSubmission(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	req := c.StartDeletionRequest(url.Values{"kind": {"deletion"}})
	person := next(t, c, req+"/urgent", req+"/urgent/start", detainedNow())
	who := webtest.Values(append(personFields()[1:], webtest.F("representation", "self")))
	who.Set("data_kind", "red_notice")
	asked := next(t, c, person, person, who)
	sendUrgent(t, c, next(t, c, asked, asked, blockAndContact(""))) // before the data items are given
	fileDeletionRequest(t, c, req)
	u := mustUser(t, app, "amal@example.org")
	list, err := app.DB.RequestsForUser(t.Context(), u)
	require.NoError(t, err)
	require.Len(t, list, 2)
	for _, r := range list {
		assert.Equal(t, "Amal Haddad", r.ApplicantName, r.Kind)
		assert.Equal(t, "TR", r.SourceCountry, "from the data item, for the queue's country filter (%s)", r.Kind)
		assert.Equal(t, "en", r.Language, r.Kind)
	}
}

// Late is a warning: the applicant says why, the application is filed,
// and the staff see that it came after the six months.
func TestALateRevisionIsFiledWithTheReasonForTheDelay(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	access := fileAccessRequest(t, c)
	decide(app, access, webtest.Start.AddDate(-1, 0, 0))
	fields := append(revisionFields(webtest.Start.AddDate(0, -7, 0)),
		webtest.F("revision_late_reason", "The acquittal was served on me only last month."))
	resp := uploadRevision(t, c, access, fields, webtest.PDF("summary"))
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	assert.Contains(t, c.Get(resp.Location()).Body, "CCF-2026-000002")

	staff := app.Staff("clerk@ccf.example")
	page := staff.Get("/staff/requests/2")
	require.Equal(t, http.StatusOK, page.Status)
	assert.Contains(t, page.Body, "Filed late: the 6 months after the stated discovery ended on 2 February 2026")
	assert.Contains(t, page.Body, "The acquittal was served on me only last month.")
	inTime := staff.Get("/staff/requests/1")
	assert.NotContains(t, inTime.Body, "Filed late")
}
