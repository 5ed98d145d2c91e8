package web_test

import (
	"context"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	ftt "github.com/ccf-portal/ccfportal/db/filetype/filetypetest"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

// Each hostile file of the review, uploaded through the real form, is
// refused with a message that says what to do, and leaves no row and no
// file, staged or published.
func TestHostileUploadsAreRefusedThroughTheForm(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	req := c.StartAccessRequest()
	for _, tc := range []struct {
		name, filename string
		content        []byte
		message        string
	}{
		{"HTML renamed .pdf", "scan.pdf", ftt.HTML, "This type of file cannot be uploaded"},
		{"Word 97-2003", "letter.doc", ftt.OLEDoc(), "save it as PDF or as a Word document (.docx)"},
		{"docx with vbaProject.bin", "letter.docx", ftt.MacroDOCX(), "contains macros"},
		{"docx with a remote template", "letter.docx", ftt.ExternalTemplateDOCX(), "loads files or addresses from outside itself"},
		{"odt with Basic macros", "letter.odt", ftt.MacroODT(), "contains macros"},
		{"zip bomb", "letter.docx", ftt.ZipBomb(), "Unpacked, this document would be larger than 100 MB"},
		{"zip with too many entries", "letter.docx", ftt.ManyEntriesDOCX(), "more than 1,000 parts"},
		{"zip that is not a docx", "letter.docx", ftt.NotOfficeZip(), "its content is not one"},
		{"PNG of 100,000 x 100,000", "photo.png", ftt.PNGHeader(100_000, 100_000), "This picture is 100,000 × 100,000 pixels"},
		{"JPEG of 60,000 x 60,000", "photo.jpg", ftt.JPEGHeader(60_000, 60_000), "too large to open safely"},
		{"SVG named .png", "photo.png", ftt.SVG, "This type of file cannot be uploaded"},
		{"HTML named .jpg", "photo.jpg", ftt.HTML, "This type of file cannot be uploaded"},
		{"executable named .heic", "photo.heic", ftt.EXE, "This type of file cannot be uploaded"},
	} {
		resp := c.Upload(req+"/documents", req+"/documents", []webtest.Field{webtest.F("doc_type", "identity")},
			tc.filename, strings.NewReader(string(tc.content)))
		assert.Equal(t, http.StatusUnprocessableEntity, resp.Status, tc.name)
		assert.Contains(t, webtest.ErrorSummaryText(resp.Body), tc.message, tc.name)
	}
	r := onlyRequest(t, app, "amal@example.org")
	docs, err := app.DB.Documents(context.Background(), r.ID)
	require.NoError(t, err)
	assert.Empty(t, docs, "no row")
	assert.Zero(t, countFiles(t, filepath.Join(app.DataDir, "evidence")), "no file, staged or published")
}

// A PDF with JavaScript, a launch action or an attachment is accepted, and
// staff see what it holds next to it on the case page.
func TestStaffAreWarnedOfActiveContentInAPDF(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	req := c.StartAccessRequest()
	c.FillAccessRequest(req, false)
	c.UploadDocument(req, "identity", "passport.pdf", webtest.PDF("passport"), false)
	c.UploadDocument(req, "supporting", "script.pdf", string(ftt.JavaScriptPDF()), false)
	c.UploadDocument(req, "supporting", "launch.pdf", string(ftt.LaunchPDF()), false)
	c.UploadDocument(req, "supporting", "attachment.pdf", string(ftt.EmbeddedFilePDF()), false)
	deskSubmit(t, c, req)

	page := app.Staff("clerk@ccf.example").Get(deskPath(req))
	require.Equal(t, http.StatusOK, page.Status)
	row := func(name string) string {
		i := strings.Index(page.Body, name+"</a>")
		require.Positive(t, i, name)
		end := strings.Index(page.Body[i:], "</tr>")
		return page.Body[i : i+end]
	}
	assert.NotContains(t, row("passport.pdf"), "tag-red", "a clean file has no warning")
	assert.Contains(t, row("script.pdf"), "Contains JavaScript")
	assert.Contains(t, row("script.pdf"), "Runs actions by itself when opened or viewed")
	assert.Contains(t, row("launch.pdf"), "Can start programs or open other files")
	assert.Contains(t, row("attachment.pdf"), "Carries embedded files")
	assert.Contains(t, row("attachment.pdf"), "Open it in a viewer with scripts, links and attachments turned off")
	assert.NotContains(t, c.Get(req).Body, "Contains JavaScript", "the warnings are for staff")
}

// Where a page limit applies, a PDF whose pages cannot be counted is
// refused; one whose pages sit in a compressed object stream is counted.
func TestASummaryMustHaveCountablePages(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	req := c.StartDeletionRequest(url.Values{"kind": {"deletion"}})
	c.ChooseGrounds(req, map[string]string{"political": "The charges followed my articles."}, "political")
	summary := []webtest.Field{webtest.F("doc_type", "summary_of_arguments"), webtest.F("description", "Summary"),
		webtest.F("doc_language", "en")}

	bad := c.Upload(req+"/evidence", req+"/evidence", summary, "summary.pdf", strings.NewReader(string(ftt.UncountablePDF())))
	assert.Equal(t, http.StatusUnprocessableEntity, bad.Status)
	assert.Contains(t, webtest.ErrorSummaryText(bad.Body), "The pages of this PDF cannot be counted")
	assert.Zero(t, countFiles(t, filepath.Join(app.DataDir, "evidence")), "no file")

	c.UploadEvidence(req, []webtest.Field{webtest.F("doc_type", "press_article"), webtest.F("grounds", "political"),
		webtest.F("description", "Article"), webtest.F("doc_language", "en")}, "article.pdf", string(ftt.UncountablePDF()))

	c.UploadEvidence(req, summary, "summary.pdf", string(ftt.ObjStmPDF(ftt.PageTree(3, ""), false)))
	assert.Contains(t, c.Get(req+"/evidence").Body, "3 pages")
}

func TestARevisionSummaryMustHaveCountablePages(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	access := fileAccessRequest(t, c)
	decide(app, access, webtest.Start.AddDate(-1, 0, 0))
	resp := uploadRevision(t, c, access, revisionFields(webtest.Start.AddDate(0, -1, 0)), string(ftt.UncountablePDF()))
	assert.Equal(t, http.StatusUnprocessableEntity, resp.Status)
	assert.Contains(t, webtest.ErrorSummaryText(resp.Body), "The pages of this PDF cannot be counted")
}
