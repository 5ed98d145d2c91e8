package web_test

import (
	"io"
	"mime/multipart"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/web/webtest"
)

// namedFile is one file of a form with several file inputs.
type namedFile struct{ input, name, content string }

// uploadFiles posts a real multipart form the way a browser sends it: the
// form token from formPage first (unless token is false), the fields in
// order, then each file under its own input name.
func uploadFiles(t *testing.T, app *webtest.App, c *webtest.Client, formPage, action string, token bool,
	fields []webtest.Field, files ...namedFile) *webtest.Response {
	t.Helper()
	if token {
		page := c.Get(formPage)
		require.Equal(t, http.StatusOK, page.Status, formPage)
		fields = append([]webtest.Field{webtest.F("_csrf", webtest.CSRFFrom(t, page.Body))}, fields...)
	}
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		pw.CloseWithError(writeForm(mw, fields, files))
	}()
	req, err := http.NewRequest(http.MethodPost, app.Server.URL+action, pr)
	require.NoError(t, err)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.Do(req)
}

func writeForm(mw *multipart.Writer, fields []webtest.Field, files []namedFile) error {
	for _, f := range fields {
		if err := mw.WriteField(f.Name, f.Value); err != nil {
			return err
		}
	}
	for _, f := range files {
		part, err := mw.CreateFormFile(f.input, f.name)
		if err != nil {
			return err
		}
		if _, err := io.WriteString(part, f.content); err != nil {
			return err
		}
	}
	return mw.Close()
}

// priorRevisionFields are a complete application for revision of a
// decision taken outside the portal, filed by the person concerned.
func priorRevisionFields(reference string, discovered time.Time) []webtest.Field {
	return append([]webtest.Field{webtest.F("representation", "self"), webtest.F("full_name", "Amal Haddad"),
		webtest.F("birth_date-day", "14"), webtest.F("birth_date-month", "7"), webtest.F("birth_date-year", "1985"),
		webtest.F("nationality", "SY"), webtest.F("language", "en"),
		webtest.F("prior_reference", reference),
		webtest.F("prior_decided-day", "15"), webtest.F("prior_decided-month", "6"), webtest.F("prior_decided-year", "2020")},
		revisionFields(discovered)...)
}

// setField changes the value of the named field.
func setField(fields []webtest.Field, name, value string) {
	for i := range fields {
		if fields[i].Name == name {
			fields[i].Value = value
			return
		}
	}
	panic("no field " + name)
}

var summaryFile = namedFile{"summary_file", "summary.pdf", webtest.PDF("summary")}

func filePriorRevision(t *testing.T, app *webtest.App, c *webtest.Client, fields []webtest.Field, files ...namedFile) *webtest.Response {
	t.Helper()
	return uploadFiles(t, app, c, "/revision/earlier", "/revision/earlier", true, fields, files...)
}

var documentLink = regexp.MustCompile(`href="(/requests/\d+/documents/\d+)"`)

func TestRevisionOfAPrePortalDecisionByCCFReferenceWithACopy(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	assert.Contains(t, c.Get("/dashboard").Body, `href="/revision/earlier"`, "a way in without a decided case")
	page := c.Get("/revision/earlier")
	require.Equal(t, http.StatusOK, page.Status)
	assert.Contains(t, page.Body, "for example CCF/2019/1234")
	assert.Contains(t, page.Body, "Disagreeing with the decision is not a new fact")

	resp := filePriorRevision(t, app, c, priorRevisionFields("ccf/2019/1234", webtest.Start.AddDate(0, -1, 0)),
		summaryFile, namedFile{"decision_copy", "decision-2020.pdf", webtest.PDF("old decision")})
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	conf := c.Get(resp.Location())
	assert.Contains(t, conf.Body, "CCF-2026-000001", "filed with its own reference")
	assert.Contains(t, conf.Body, "upholds its decision or revises it")

	rev := strings.TrimSuffix(resp.Location(), "/confirmation")
	casePage := c.Get(rev).Body
	assert.Contains(t, casePage, "Application for revision of a decision taken outside the portal.")
	assert.Contains(t, casePage, "Earlier case CCF-2019-001234, decided 15 June 2020, outside the portal.")
	assert.Contains(t, casePage, "decision-2020.pdf")
	assert.Contains(t, casePage, "summary.pdf")
	assert.Equal(t, "prior_decision", app.QueryString(`SELECT doc_type FROM documents WHERE original_name = 'decision-2020.pdf'`))

	var copyLink string
	for _, m := range documentLink.FindAllStringSubmatch(casePage, -1) {
		if strings.Contains(c.Get(m[1]).Body, "old decision") {
			copyLink = m[1]
		}
	}
	require.NotEmpty(t, copyLink, "the copy is downloadable like every document")

	staff := app.Staff("clerk@ccf.example")
	staffPage := staff.Get("/staff/requests/1")
	require.Equal(t, http.StatusOK, staffPage.Status)
	assert.Contains(t, staffPage.Body, "Earlier case CCF-2019-001234, decided 15 June 2020, outside the portal.")
	assert.Contains(t, staffPage.Body, "Copy of the earlier decision")
	assert.NotContains(t, staffPage.Body, "Filed late")

	other := app.Petitioner("other@example.org")
	assert.Equal(t, http.StatusNotFound, other.Get(rev).Status, "another petitioner's case does not exist for them")
	assert.Equal(t, http.StatusNotFound, other.Get(copyLink).Status)
	counsel := app.Counsel("lawyer@example.org")
	assert.Equal(t, http.StatusNotFound, counsel.Get(rev).Status)
}

func TestRevisionOfAPrePortalDecisionWithoutACopyNeedsANote(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	fields := priorRevisionFields("CCF-2019-001234", webtest.Start.AddDate(0, -1, 0))
	refused := filePriorRevision(t, app, c, fields, summaryFile)
	assert.Equal(t, http.StatusUnprocessableEntity, refused.Status)
	assert.Contains(t, refused.Body, "Upload a copy of the decision, or say why you have none")
	assert.Contains(t, refused.Body, `value="Amal Haddad"`, "what was typed is kept")
	assert.Contains(t, refused.Body, "A court acquitted me of the charge.")
	assert.Zero(t, app.QueryInt(`SELECT COUNT(*) FROM requests`), "nothing half-filed")
	assert.Zero(t, app.QueryInt(`SELECT COUNT(*) FROM documents`))

	note := "The letter was lost when I had to leave my home."
	resp := filePriorRevision(t, app, c, append(fields, webtest.F("prior_copy_note", note)), summaryFile)
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	rev := strings.TrimSuffix(resp.Location(), "/confirmation")
	casePage := c.Get(rev).Body
	assert.Contains(t, casePage, "No copy of the decision was sent. The reason given:")
	assert.Contains(t, casePage, note)
	staffPage := app.Staff("clerk@ccf.example").Get("/staff/requests/1").Body
	assert.Contains(t, staffPage, note)
	assert.Contains(t, staffPage, "Earlier case CCF-2019-001234, decided 15 June 2020, outside the portal.")
}

func TestABadCCFReferenceIsRefusedWithWhatWasTypedKept(t *testing.T) {
	app := webtest.New(t)
	c := app.Counsel("lawyer@example.org")
	assert.Contains(t, c.Get("/revision/earlier").Body, `value="lawyer" id="relationship" checked`, "counsel files for a client")
	fields := priorRevisionFields("2019/1234", webtest.Start.AddDate(0, -1, 0))
	setField(fields, "representation", "representative")
	fields = append(fields, webtest.F("relationship", "lawyer"))
	resp := filePriorRevision(t, app, c, fields, summaryFile,
		namedFile{"decision_copy", "decision.pdf", webtest.PDF("copy")})
	assert.Equal(t, http.StatusUnprocessableEntity, resp.Status)
	assert.Contains(t, webtest.ErrorSummaryText(resp.Body), "Enter the CCF reference as written on its letters, for example CCF/2019/1234")
	assert.Contains(t, resp.Body, `value="2019/1234"`, "the reference as typed")
	assert.Contains(t, resp.Body, "choose it again", "a chosen file is asked for again")
	assert.Zero(t, app.QueryInt(`SELECT COUNT(*) FROM requests`))
	assert.Zero(t, app.QueryInt(`SELECT COUNT(*) FROM documents`))

	early := priorRevisionFields("CCF/2019/1234", webtest.Start.AddDate(0, -1, 0))
	setField(early, "prior_decided-year", "2018")
	before := filePriorRevision(t, app, c, early, summaryFile)
	assert.Equal(t, http.StatusUnprocessableEntity, before.Status)
	assert.Contains(t, before.Body, "The decision cannot be dated before 2019, the year in its reference")

	setField(fields, "prior_reference", "CCF 2019 1234")
	ok := filePriorRevision(t, app, c, fields, summaryFile, namedFile{"decision_copy", "decision.pdf", webtest.PDF("copy")})
	require.Equal(t, http.StatusSeeOther, ok.Status, webtest.ErrorSummaryText(ok.Body))
	assert.Equal(t, "CCF-2019-001234", app.QueryString(`SELECT reference FROM prior_cases`), "kept one way")
}

func TestALatePrePortalRevisionIsWarnedAndFiledWithTheLateFlag(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	fields := priorRevisionFields("CCF/2019/1234", webtest.Start.AddDate(0, -7, 0))
	copyFile := namedFile{"decision_copy", "decision.pdf", webtest.PDF("copy")}
	warned := filePriorRevision(t, app, c, fields, summaryFile, copyFile)
	assert.Equal(t, http.StatusUnprocessableEntity, warned.Status)
	assert.Contains(t, warned.Body, "The 6 months after you discovered the fact ended on 2 February 2026. You can still apply")

	reason := "The acquittal was served on me only last month."
	resp := filePriorRevision(t, app, c, append(fields, webtest.F("revision_late_reason", reason)), summaryFile, copyFile)
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	assert.Contains(t, c.Get(resp.Location()).Body, "CCF-2026-000001")

	staff := app.Staff("clerk@ccf.example")
	page := staff.Get("/staff/requests/1").Body
	assert.Contains(t, page, "Filed late: the 6 months after the stated discovery ended on 2 February 2026")
	assert.Contains(t, page, reason)
	assert.Contains(t, page, "Earlier case CCF-2019-001234, decided 15 June 2020, outside the portal.")
	queue := staff.Get("/staff").Body
	assert.Contains(t, queue, "earlier case CCF-2019-001234 decided 15 June 2020, outside the portal", "the queue names it too")
}

func TestAForgedPrePortalPostIsRefused(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	fields := append(priorRevisionFields("CCF/2019/1234", webtest.Start.AddDate(0, -1, 0)), webtest.F("prior_copy_note", "Lost."))
	forged := uploadFiles(t, app, c, "", "/revision/earlier", false, fields, summaryFile)
	assert.Equal(t, http.StatusForbidden, forged.Status)
	reissued := uploadFiles(t, app, c, "", "/requests/new/reissued", false, reissuedFields("CCF/2021/77"))
	assert.Equal(t, http.StatusForbidden, reissued.Status)
	assert.Zero(t, app.QueryInt(`SELECT COUNT(*) FROM requests`))
}

func reissuedFields(reference string) []webtest.Field {
	return []webtest.Field{webtest.F("kind", "deletion"), webtest.F("prior_reference", reference),
		webtest.F("prior_decided-day", "3"), webtest.F("prior_decided-month", "11"), webtest.F("prior_decided-year", "2022")}
}

func TestReissuanceFollowUpNamesAPrePortalCaseByCCFReference(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	newPage := c.Get("/requests/new?kind=deletion").Body
	assert.Contains(t, newPage, `href="/requests/new/reissued"`, "the follow-up question offers a case outside the portal")

	missing := uploadFiles(t, app, c, "/requests/new/reissued", "/requests/new/reissued", true, reissuedFields("CCF/2021/77"))
	assert.Equal(t, http.StatusUnprocessableEntity, missing.Status)
	assert.Contains(t, missing.Body, "Upload a copy of the decision, or say why you have none")
	assert.Contains(t, missing.Body, `value="CCF/2021/77"`)
	assert.Zero(t, app.QueryInt(`SELECT COUNT(*) FROM requests`))

	resp := uploadFiles(t, app, c, "/requests/new/reissued", "/requests/new/reissued", true, reissuedFields("CCF/2021/77"),
		namedFile{"decision_copy", "deleted-2022.pdf", webtest.PDF("deleted")})
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	req := resp.Location()
	tasks := c.Get(req).Body
	assert.Contains(t, tasks, "Filed after the data of an earlier case were re-issued.")
	assert.Contains(t, tasks, "Earlier case CCF-2021-000077, decided 3 November 2022, outside the portal.")
	assert.Contains(t, c.Get(req+"/documents").Body, "deleted-2022.pdf")

	fileDeletionRequest(t, c, req)
	assert.Equal(t, "reissued", app.QueryString(`SELECT json_extract(answers, '$.follow_up') FROM requests WHERE id = 1`))
	casePage := c.Get(req).Body
	assert.Contains(t, casePage, "Earlier case CCF-2021-000077, decided 3 November 2022, outside the portal.")
	staff := app.Staff("clerk@ccf.example")
	staffPage := staff.Get("/staff/requests/1").Body
	assert.Contains(t, staffPage, "Filed after the data of an earlier case were re-issued.")
	assert.Contains(t, staffPage, "Earlier case CCF-2021-000077, decided 3 November 2022, outside the portal.")
	assert.Contains(t, staffPage, "deleted-2022.pdf")
	assert.Contains(t, staff.Get("/staff").Body,
		"earlier case CCF-2021-000077 decided 3 November 2022, outside the portal")

	other := app.Petitioner("other@example.org")
	assert.Equal(t, http.StatusNotFound, other.Get(req).Status)
}

func TestReissuanceFollowUpWithoutACopyKeepsTheNote(t *testing.T) {
	app := webtest.New(t)
	c := app.Counsel("lawyer@example.org")
	fields := append(reissuedFields("CCF-2021-000077"),
		webtest.F("prior_copy_note", "The decision went to the client's former lawyer."))
	setField(fields, "kind", "correction")
	fields = append(fields, webtest.F("also_access", "yes"))
	resp := uploadFiles(t, app, c, "/requests/new/reissued", "/requests/new/reissued", true, fields)
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	tasks := c.Get(resp.Location()).Body
	assert.Contains(t, tasks, "The decision went to the client&#39;s former lawyer.")
	assert.Equal(t, "correction", app.QueryString(`SELECT kind FROM requests WHERE id = 1`))
}

// The ways in to an earlier case are the applicant side's: a visitor is
// sent to sign in, and staff, who never file, are refused.
func TestEarlierCasePagesAreTheApplicantsOnly(t *testing.T) {
	app := webtest.New(t)
	staff := app.Staff("clerk@ccf.example")
	for _, path := range []string{"/revision/earlier", "/requests/new/reissued"} {
		visitor := app.NewClient().Get(path)
		assert.Equal(t, http.StatusSeeOther, visitor.Status, path)
		assert.Contains(t, visitor.Location(), "/login", path)
		assert.Equal(t, http.StatusForbidden, staff.Get(path).Status, path)
	}
}
