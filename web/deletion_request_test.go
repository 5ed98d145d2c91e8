package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/web"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

var threeGrounds = map[string]string{
	"political": "I am an opposition journalist.\nThe charges came a week after my articles.",
	"refugee":   "Germany granted me refugee status in 2023.",
	"outdated":  "The case was closed by the prosecutor in 2025.",
}

func submitDraft(t *testing.T, c *webtest.Client, req string) *webtest.Response {
	t.Helper()
	check := c.Get(req + "/check")
	require.Equal(t, http.StatusOK, check.Status)
	return c.PostForm(req+"/submit", url.Values{"_csrf": {webtest.CSRFFrom(t, check.Body)}, "declaration": {"yes"}})
}

func TestCombinedAccessAndDeletionWithThreeGroundsAndEvidencePerGround(t *testing.T) {
	app := webtest.New(t)
	c := app.Counsel("lawyer@example.org")
	req := c.StartDeletionRequest(url.Values{"kind": {"deletion"}, "also_access": {"yes"}})
	tasks := c.Get(req)
	for _, task := range []string{"What to delete or correct", "Grounds", "Evidence", "Summary of arguments"} {
		assert.Contains(t, tasks.Body, task)
	}
	assert.Contains(t, tasks.Body, "Deletion request (with access)")

	c.FillDeletionBasics(req, true)
	c.AddDataItem(req, webtest.DataItem())
	c.ChooseGrounds(req, threeGrounds, "political", "refugee", "outdated")
	c.UploadDocument(req, "identity", "passport.pdf", webtest.PDF("id"), false)
	c.UploadDocument(req, "power_of_attorney", "poa.pdf", webtest.PDF("poa"), false)

	ev := func(ground, docType, lang, name string) {
		c.UploadEvidence(req, []webtest.Field{webtest.F("doc_type", docType), webtest.F("grounds", ground),
			webtest.F("description", "Evidence for "+ground), webtest.F("doc_language", lang)}, name, webtest.PDF(name))
	}
	ev("political", "ngo_un_report", "en", "hrw-report.pdf")
	ev("refugee", "asylum_decision", "other", "bamf-bescheid.pdf")
	ev("outdated", "court_decision", "fr", "closure.pdf")

	check := c.Get(req + "/check")
	assert.Contains(t, check.Body, "“bamf-bescheid.pdf” is not in a working language", "warning: needs a translation")
	r := onlyRequest(t, app, "lawyer@example.org")
	docs, err := app.DB.Documents(context.Background(), r.ID)
	require.NoError(t, err)
	var original int64
	for _, d := range docs {
		if d.Name == "bamf-bescheid.pdf" {
			original = d.ID
		}
	}
	c.UploadEvidence(req, []webtest.Field{webtest.F("doc_type", "translation"), webtest.F("grounds", "refugee"),
		webtest.F("description", "Certified translation"), webtest.F("doc_language", "en"),
		webtest.F("translation_of", fmt.Sprint(original))}, "translation.pdf", webtest.PDF("tr"))

	check = c.Get(req + "/check")
	require.Equal(t, http.StatusOK, check.Status)
	assert.NotContains(t, check.Body, "Before you can submit", webtest.ErrorSummaryText(check.Body))
	assert.NotContains(t, check.Body, "is not in a working language")
	for code, text := range threeGrounds {
		assert.Contains(t, check.Body, strings.Split(text, "\n")[0], code)
	}
	assert.Contains(t, check.Body, "Political, military, religious or racial character")
	assert.Contains(t, check.Body, "hrw-report.pdf")
	assert.Contains(t, check.Body, "Supports: Refugee or asylum status")
	assert.Contains(t, c.Get(req+"/evidence").Body, "3 of 20 appendices used", "a translation of a document is no appendix")

	resp := submitDraft(t, c, req)
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	conf := c.Get(resp.Location())
	assert.Contains(t, conf.Body, "CCF-2026-000001")
	assert.Contains(t, conf.Body, "within 9 months")

	grounds, err := app.DB.RequestGrounds(context.Background(), r.ID)
	require.NoError(t, err)
	assert.Len(t, grounds, 3)
	docGrounds, err := app.DB.DocumentGrounds(context.Background(), r.ID)
	require.NoError(t, err)
	assert.Len(t, docGrounds, 4, "each evidence file is linked to its ground")
	filed, _ := app.DB.RequestForUser(context.Background(), r.ID, mustUser(t, app, "lawyer@example.org"))
	assert.True(t, filed.AlsoAccess)
	assert.Equal(t, domain.KindDeletion, filed.Kind)
}

func mustUser(t *testing.T, app *webtest.App, email string) domain.User {
	t.Helper()
	u, err := app.DB.UserByEmail(context.Background(), email)
	require.NoError(t, err)
	return u
}

func TestCorrectionRequestAsksWhatIsWrongAndWhatIsRight(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	req := c.StartDeletionRequest(url.Values{"kind": {"correction"}})
	assert.Contains(t, c.Get(req).Body, "Correction request")
	incomplete := c.Submit(req+"/data-items", req+"/data-items", webtest.DataItem())
	assert.Equal(t, http.StatusUnprocessableEntity, incomplete.Status)
	assert.Contains(t, incomplete.Body, "Say which personal data are wrong")
	assert.Contains(t, incomplete.Body, "Say what the correct data are")

	item := webtest.DataItem()
	item.Set("wrong_data", "Date of birth 3 April 1980")
	item.Set("correct_data", "Date of birth 4 March 1980")
	c.AddDataItem(req, item)
	c.FillDeletionBasics(req, false)
	c.ChooseGrounds(req, map[string]string{"wrong_identity": "The date of birth is wrong."}, "wrong_identity")
	c.UploadDocument(req, "identity", "passport.pdf", webtest.PDF("id"), false)
	check := c.Get(req + "/check")
	assert.Contains(t, check.Body, "Date of birth 4 March 1980")
	assert.Contains(t, check.Body, "has no evidence attached", "a warning, not a blocker")
	resp := submitDraft(t, c, req)
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	assert.Equal(t, domain.KindCorrection, onlyRequest(t, app, "amal@example.org").Kind)
}

// fileAccessRequest files a complete access request and returns its path.
func fileAccessRequest(t *testing.T, c *webtest.Client) string {
	t.Helper()
	req := c.StartAccessRequest()
	c.FillAccessRequest(req, false)
	c.UploadDocument(req, "identity", "passport.pdf", webtest.PDF("id"), false)
	resp := submitDraft(t, c, req)
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	return req
}

// fileDeletionRequest completes and submits a deletion draft.
func fileDeletionRequest(t *testing.T, c *webtest.Client, req string) {
	t.Helper()
	c.FillDeletionBasics(req, false)
	c.AddDataItem(req, webtest.DataItem())
	c.ChooseGrounds(req, map[string]string{"political": "Because of my articles."}, "political")
	if !strings.Contains(c.Get(req+"/documents").Body, "passport.pdf") {
		c.UploadDocument(req, "identity", "passport.pdf", webtest.PDF("id"), false)
	}
	resp := submitDraft(t, c, req)
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
}

func TestDeletionFromAnAccessRequestIsPrefilledAndLinked(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	access := fileAccessRequest(t, c)
	page := c.Get(access)
	assert.Contains(t, page.Body, "Ask for this data to be deleted or corrected")
	resp := c.PostForm("/requests", url.Values{"_csrf": {webtest.CSRFFrom(t, page.Body)}, "kind": {"deletion"},
		"parent_id": {strings.TrimPrefix(access, "/requests/")}})
	require.Equal(t, http.StatusSeeOther, resp.Status)
	del := resp.Location()
	section := c.Get(del + "/section/applicant")
	assert.Contains(t, section.Body, `value="Amal Haddad"`, "identity carried over from the access request")
	fileDeletionRequest(t, c, del)

	assert.Contains(t, c.Get(del).Body, "CCF-2026-000001")
	assert.Contains(t, c.Get(del).Body, "this request follows it")
	assert.Contains(t, c.Get(access).Body, "CCF-2026-000002")
	assert.Contains(t, c.Get(access).Body, "follows this request")
}

func TestFollowUpAfterReissuedDataIsLinkedOnBothCases(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	earlier := fileAccessRequest(t, c)
	earlierID := strings.TrimPrefix(earlier, "/requests/")

	missing := c.Submit("/requests/new?kind=deletion", "/requests", url.Values{"kind": {"deletion"}, "follow_up": {"yes"}})
	assert.Equal(t, http.StatusUnprocessableEntity, missing.Status)
	assert.Contains(t, missing.Body, "Choose the earlier request")

	req := c.StartDeletionRequest(url.Values{"kind": {"deletion"}, "parent_id": {earlierID}, "follow_up": {"yes"}})
	fileDeletionRequest(t, c, req)
	assert.Contains(t, c.Get(req).Body, "the data were re-issued after it")
	assert.Contains(t, c.Get(earlier).Body, "filed after the data were re-issued")

	other := app.Petitioner("other@example.org")
	theirs := other.Submit("/requests/new?kind=deletion", "/requests", url.Values{"kind": {"deletion"}, "parent_id": {earlierID}})
	assert.Equal(t, http.StatusUnprocessableEntity, theirs.Status, "nobody can link to someone else's case")
}

func TestFurtherSubmissionToAPendingRequest(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	req := c.StartDeletionRequest(url.Values{"kind": {"deletion"}})
	draftFurther := c.Get(req + "/further")
	assert.Equal(t, http.StatusConflict, draftFurther.Status, "a draft is edited, not added to")
	fileDeletionRequest(t, c, req)
	r := onlyRequest(t, app, "amal@example.org")
	before := r.Answers["summary_text"]

	empty := c.Upload(req+"/further", req+"/further", []webtest.Field{webtest.F("text", " ")}, "", nil)
	assert.Equal(t, http.StatusUnprocessableEntity, empty.Status)
	assert.Contains(t, empty.Body, "Write a submission or upload a file")

	app.Clock.Advance(30 * 60e9)
	resp := c.Upload(req+"/further", req+"/further", []webtest.Field{
		webtest.F("text", "New fact: the prosecutor closed the case.\n\nSee the attached decision."),
		webtest.F("doc_type", "court_decision"), webtest.F("grounds", "political"),
		webtest.F("description", "Closure decision"), webtest.F("doc_language", "en")}, "closure.pdf", strings.NewReader(webtest.PDF("closure")))
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	page := c.Get(req)
	assert.Contains(t, page.Body, "Further submission added")
	assert.Contains(t, page.Body, "New fact: the prosecutor closed the case.\n\nSee the attached decision.")
	assert.Contains(t, page.Body, "closure.pdf")
	assert.Contains(t, page.Body, "Added after filing")
	after := onlyRequest(t, app, "amal@example.org")
	assert.Equal(t, before, after.Answers["summary_text"], "the original filing is unchanged")
	assert.Equal(t, domain.StatusSubmitted, after.Status)
}

func TestDeletionRulesEachSayWhatToFix(t *testing.T) {
	app := webtest.New(t, func(cfg *web.Config) { cfg.Limits = domain.Limits{MaxAppendices: 2, MaxSummaryPages: 1} })
	c := app.Petitioner("amal@example.org")
	req := c.StartDeletionRequest(url.Values{"kind": {"deletion"}})
	c.FillDeletionBasics(req, false)
	c.AddDataItem(req, webtest.DataItem())
	c.UploadDocument(req, "identity", "passport.pdf", webtest.PDF("id"), false)

	noGrounds := submitDraft(t, c, req)
	assert.Equal(t, http.StatusUnprocessableEntity, noGrounds.Status)
	assert.Contains(t, noGrounds.Body, "Choose at least one ground")
	none := c.Submit(req+"/grounds", req+"/grounds", url.Values{})
	assert.Contains(t, none.Body, "Select at least one ground")

	c.Submit(req+"/grounds", req+"/grounds", url.Values{"grounds": {"political", "refugee"}})
	unexplained := c.Get(req + "/check")
	assert.Contains(t, unexplained.Body, "Explain how the ground “Political, military, religious or racial character” applies")
	empty := c.Submit(req+"/grounds/political", req+"/grounds/political", url.Values{"explanation": {"  "}})
	assert.Contains(t, empty.Body, "Explain how this ground applies")
	c.ChooseGrounds(req, map[string]string{"political": "<script>alert(1)</script>\nSecond line", "refugee": "Refugee since 2023."},
		"political", "refugee")
	check := c.Get(req + "/check")
	assert.Contains(t, check.Body, "&lt;script&gt;alert(1)&lt;/script&gt;\nSecond line", "escaped, paragraphs kept")
	assert.NotContains(t, check.Body, "<script>alert(1)")
	assert.Contains(t, check.Body, "you rely on refugee or asylum status"[1:], "warning: no asylum decision")

	for i := 0; i < 3; i++ {
		c.UploadEvidence(req, []webtest.Field{webtest.F("doc_type", "press_article"), webtest.F("grounds", "political"),
			webtest.F("description", "Article"), webtest.F("doc_language", "en")}, fmt.Sprintf("article-%d.pdf", i), webtest.PDF("a"))
	}
	// The format limits are the CCF's practice: warned of, the request can
	// still be sent. The summary and translations of a document do not count.
	over := c.Get(req + "/check")
	assert.Contains(t, over.Body, "There are 3 appendices; the CCF asks for at most 2 (the summary and translations do not count). You can still submit")
	assert.Contains(t, over.Body, "Submit request", "nothing blocks the submission")

	twoPages := webtest.PDFPages("summary", 2)
	c.UploadEvidence(req, []webtest.Field{webtest.F("doc_type", "summary_of_arguments"), webtest.F("description", "Summary"),
		webtest.F("doc_language", "en")}, "summary.pdf", twoPages)
	docs, err := app.DB.Documents(context.Background(), onlyRequest(t, app, "amal@example.org").ID)
	require.NoError(t, err)
	for _, d := range docs[len(docs)-3 : len(docs)-1] { // two of the articles
		c.UploadEvidence(req, []webtest.Field{webtest.F("doc_type", "translation"), webtest.F("grounds", "political"),
			webtest.F("description", "Translation"), webtest.F("doc_language", "en"), webtest.F("translation_of", fmt.Sprint(d.ID))},
			"translation.pdf", webtest.PDF("t"))
	}
	long := c.Get(req + "/check")
	assert.Contains(t, long.Body, "The summary of arguments has 2 pages; the CCF asks for at most 1. You can still submit")
	assert.Contains(t, long.Body, "There are 3 appendices", "a summary and two translations later, still three")
	assert.Contains(t, c.Get(req+"/evidence").Body, "3 of 2 appendices used")

	bad := c.Upload(req+"/evidence", req+"/evidence", []webtest.Field{webtest.F("doc_type", "translation"),
		webtest.F("grounds", "outdated"), webtest.F("doc_language", "")}, "x.pdf", strings.NewReader(webtest.PDF("x")))
	assert.Equal(t, http.StatusUnprocessableEntity, bad.Status)
	for _, msg := range []string{"Select the language of the document", "Link evidence only to grounds you have chosen",
		"Choose the document this translation translates", "Describe the document in a few words"} {
		assert.Contains(t, bad.Body, msg)
	}
	assert.Equal(t, domain.StatusDraft, onlyRequest(t, app, "amal@example.org").Status)
}

func TestAnotherUserCannotSeeOrAddToADeletionRequest(t *testing.T) {
	app := webtest.New(t)
	owner := app.Petitioner("amal@example.org")
	req := owner.StartDeletionRequest(url.Values{"kind": {"deletion"}})
	owner.AddDataItem(req, webtest.DataItem())
	other := app.Petitioner("other@example.org")
	for _, path := range []string{req + "/data-items", req + "/grounds", req + "/evidence", req + "/further"} {
		assert.Equal(t, http.StatusNotFound, other.Get(path).Status, path)
	}
	token := webtest.CSRFFrom(t, other.Get("/dashboard").Body)
	for _, path := range []string{req + "/data-items", req + "/grounds", req + "/grounds/political", req + "/data-items/1/remove"} {
		resp := other.PostForm(path, url.Values{"_csrf": {token}, "grounds": {"political"}})
		assert.Equal(t, http.StatusNotFound, resp.Status, path)
	}
	for _, path := range []string{req + "/evidence", req + "/further"} {
		resp := other.UploadRaw(path, []webtest.Field{webtest.F("_csrf", token)}, "x.pdf", strings.NewReader(webtest.PDF("x")))
		assert.Equal(t, http.StatusNotFound, resp.Status, path)
	}
	grounds, _ := app.DB.RequestGrounds(context.Background(), onlyRequest(t, app, "amal@example.org").ID)
	assert.Empty(t, grounds)
	items, _ := app.DB.DataItems(context.Background(), onlyRequest(t, app, "amal@example.org").ID)
	assert.Len(t, items, 1)
}

func TestARefusedFileKeepsWhatWasTyped(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	req := c.StartDeletionRequest(url.Values{"kind": {"deletion"}})
	resp := c.Upload(req+"/evidence", req+"/evidence", []webtest.Field{webtest.F("doc_type", "court_decision"),
		webtest.F("description", "Judgment of 12 May 2024"), webtest.F("doc_language", "fr")}, "page.html",
		strings.NewReader("<html>not a document</html>"))
	assert.Equal(t, http.StatusUnprocessableEntity, resp.Status)
	assert.Contains(t, resp.Body, "This type of file cannot be uploaded")
	assert.Contains(t, resp.Body, `value="Judgment of 12 May 2024"`)
}
