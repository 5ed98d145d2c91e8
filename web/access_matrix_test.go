package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/web/webtest"
)

// matrixTarget is one case (and its applicant record) whose every route an
// outsider must find closed.
type matrixTarget struct {
	request   int64
	applicant int64
	document  int64
	secret    string // a name on the case that must never be shown
}

// streamingPaths are the routes whose bodies are multipart uploads.
var streamingPaths = map[string]bool{
	"/requests/:id/documents": true, "/requests/:id/evidence": true, "/requests/:id/further": true,
	"/requests/:id/urgent": true, "/requests/:id/revision": true, "/requests/:id/reply": true,
	"/applicants/:aid/documents": true, "/staff/requests/:id/decision": true,
}

// fillPath puts the target's ids into a route pattern; ok is false for
// routes that name no case or record.
func fillPath(pattern string, tg matrixTarget, self int64) (string, bool) {
	if !strings.Contains(pattern, ":id") && !strings.Contains(pattern, ":aid") {
		return pattern, false
	}
	r := strings.NewReplacer(":id", strconv.FormatInt(tg.request, 10), ":aid", strconv.FormatInt(tg.applicant, 10),
		":doc", strconv.FormatInt(tg.document, 10), ":section", "applicant", ":ground", "political", ":item", "1",
		":measure", "1", ":notice", "1", ":uid", strconv.FormatInt(self, 10))
	return r.Replace(pattern), true
}

// assertClosed sends every route that names the target's case or record,
// GET and POST (with a valid form token, multipart where the route
// streams), and requires a refusal that shows nothing of the case.
func assertClosed(t *testing.T, app *webtest.App, who string, c *webtest.Client, self int64, tg matrixTarget) {
	t.Helper()
	token := webtest.CSRFFrom(t, c.Get("/dashboard").Body)
	checked := 0
	for _, rt := range app.Portal.Routes() {
		path, ok := fillPath(rt.Path, tg, self)
		if !ok {
			continue
		}
		var resp *webtest.Response
		switch {
		case rt.Method == http.MethodGet:
			resp = c.Get(path)
		case rt.Method == http.MethodPost && streamingPaths[rt.Path]:
			resp = c.UploadRaw(path, []webtest.Field{webtest.F("_csrf", token), webtest.F("doc_type", "identity"),
				webtest.F("text", "x")}, "x.pdf", strings.NewReader(webtest.PDF("x")))
		case rt.Method == http.MethodPost:
			resp = c.PostForm(path, url.Values{"_csrf": {token}, "full_name": {"Hijack"}, "language": {"fr"},
				"email": {"hijack@example.org"}, "declaration": {"yes"}})
		default:
			continue
		}
		checked++
		assert.Contains(t, []int{http.StatusNotFound, http.StatusForbidden}, resp.Status, "%s: %s %s", who, rt.Method, path)
		assert.NotContains(t, resp.Body, tg.secret, "%s: %s %s", who, rt.Method, path)
	}
	assert.Greater(t, checked, 40, "the matrix covers every route that names a case or a record")
	assert.NotContains(t, c.Get("/dashboard").Body, tg.secret, who)
}

// submitFor completes a representative's filing with the person's ID and
// a power of attorney, and submits it.
func submitFor(t *testing.T, c *webtest.Client, req string) {
	t.Helper()
	c.FillAccessRequest(req, true)
	c.UploadDocument(req, "identity", "passport.pdf", webtest.PDF("id"), false)
	c.UploadDocument(req, "power_of_attorney", "poa.pdf", webtest.PDF("poa"), false)
	resp := submitDraft(t, c, req)
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
}

func TestWithdrawnCounselLosesEveryCaseTheyFiled(t *testing.T) {
	app := webtest.New(t)
	amal := app.Petitioner("amal@example.org")
	own := fileAccessRequest(t, amal)
	counsel := app.CounselOf("Appointed Counsel", "appointed@firm.example", "Any Firm")
	resp := amal.Submit("/representation", "/representation", url.Values{"email": {"appointed@firm.example"}})
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))

	record := regexp.MustCompile(`/applicants/[0-9]+`).FindString(counsel.Get("/dashboard").Body)
	require.NotEmpty(t, record, "the appointed counsel sees the person's record")
	filed := counsel.StartFilingFor(record, "access")
	submitFor(t, counsel, filed)
	draft := counsel.StartFilingFor(record, "access")
	assert.Equal(t, http.StatusOK, counsel.Get(filed).Status, "while appointed, counsel acts on what they filed")
	assert.Contains(t, counsel.Get(record).Body, "Details changed by Appointed Counsel through a filing",
		"a filing that changes the person's record says who changed it")

	page := amal.Get("/representation")
	uid := between(page.Body, "/representation/", "/revoke")
	revoke := amal.PostForm("/representation/"+uid+"/revoke", url.Values{"_csrf": {webtest.CSRFFrom(t, page.Body)}})
	require.Equal(t, http.StatusSeeOther, revoke.Status)
	counselID, _ := strconv.ParseInt(uid, 10, 64)

	applicantID, _ := strconv.ParseInt(strings.TrimPrefix(record, "/applicants/"), 10, 64)
	for _, path := range []string{own, filed, draft} {
		id := requestID(t, path)
		doc := app.QueryInt(`SELECT COALESCE(MAX(id), 0) FROM documents WHERE request_id = ?`, id)
		assertClosed(t, app, "withdrawn counsel", counsel, counselID, matrixTarget{request: id, applicant: applicantID,
			document: doc, secret: "Amal Haddad"})
	}
	before := app.QueryInt(`SELECT COUNT(*) FROM requests`)
	follow := counsel.PostForm("/requests", url.Values{"_csrf": {webtest.CSRFFrom(t, counsel.Get("/dashboard").Body)},
		"kind": {"deletion"}, "parent_id": {strconv.FormatInt(requestID(t, filed), 10)}, "follow_up": {"reissued"}})
	assert.NotEqual(t, http.StatusSeeOther, follow.Status, "no follow-up filing on a case they no longer hold")
	assert.Equal(t, before, app.QueryInt(`SELECT COUNT(*) FROM requests`))
	assert.Equal(t, http.StatusOK, amal.Get(filed).Status, "the petitioner keeps the case counsel filed for her")
	assert.NotContains(t, amal.Get(filed).Body, "Represented by")
}

func TestRevokedColleagueAndStrangersFindEveryRouteClosed(t *testing.T) {
	app := webtest.New(t)
	lead := app.CounselOf("Lead Counsel", "lead@firm.example", "Justice Partners")
	colleague := app.CounselOf("Colleague Counsel", "colleague@firm.example", "Justice Partners")
	record := lead.AddApplicant(webtest.ApplicantRecord("Shared Person", "2030"))
	uploadRecordDoc(t, lead, record, "identity", "record-id.pdf")
	resp := lead.Submit(record, record+"/access", url.Values{"email": {"colleague@firm.example"}})
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	byColleague := colleague.StartFilingFor(record, "access")
	submitFor(t, colleague, byColleague)
	byLead := lead.StartFilingFor(record, "access")
	assert.Equal(t, http.StatusOK, colleague.Get(byColleague).Status)

	page := lead.Get(record)
	uid := between(page.Body, record+"/access/", "/revoke")
	require.Equal(t, http.StatusSeeOther, lead.PostForm(record+"/access/"+uid+"/revoke",
		url.Values{"_csrf": {webtest.CSRFFrom(t, page.Body)}}).Status)
	colleagueID, _ := strconv.ParseInt(uid, 10, 64)

	applicantID, _ := strconv.ParseInt(strings.TrimPrefix(record, "/applicants/"), 10, 64)
	recordDoc := app.QueryInt(`SELECT MAX(id) FROM applicant_documents WHERE applicant_id = ?`, applicantID)
	strangerCounsel := app.CounselOf("Stranger Counsel", "stranger@other.example", "Other Firm")
	strangerPetitioner := app.Petitioner("stranger@example.org")
	for _, path := range []string{byColleague, byLead} {
		id := requestID(t, path)
		doc := app.QueryInt(`SELECT COALESCE(MAX(id), 0) FROM documents WHERE request_id = ?`, id)
		tg := matrixTarget{request: id, applicant: applicantID, document: doc, secret: "Shared Person"}
		assertClosed(t, app, "revoked colleague", colleague, colleagueID, tg)
		assertClosed(t, app, "stranger counsel", strangerCounsel, colleagueID, tg)
		assertClosed(t, app, "stranger petitioner", strangerPetitioner, colleagueID, tg)
	}
	tg := matrixTarget{request: requestID(t, byLead), applicant: applicantID, document: recordDoc, secret: "Shared Person"}
	assertClosed(t, app, "revoked colleague, record documents", colleague, colleagueID, tg)
	assert.Equal(t, http.StatusOK, lead.Get(byColleague).Status, "the record's creator keeps every case on it")
}
