package web_test

import (
	"bytes"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/web/webtest"
)

// pdfText extracts a PDF's text with poppler's pdftotext; the test is
// skipped, saying why, where poppler-utils is not installed (.ci/run
// installs it).
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext not found: CI installs poppler-utils to check the receipt PDF's text")
		}
		t.Skip("pdftotext not found: install poppler-utils to check the receipt PDF's text")
	}
	in := filepath.Join(t.TempDir(), "receipt.pdf")
	require.NoError(t, os.WriteFile(in, pdf, 0o600))
	out, err := exec.Command(tool, "-enc", "UTF-8", in, "-").Output()
	require.NoError(t, err)
	return string(out)
}

// The receipt PDF is an attachment that holds the reference and every
// document's fingerprint, in the reader's language, Arabic included.
func TestTheReceiptPDFHoldsTheReferenceAndFingerprints(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	req := c.StartAccessRequest()
	c.FillAccessRequest(req, false)
	c.UploadDocument(req, "identity", "passport.pdf", webtest.PDF("id"), false)
	c.UploadDocument(req, "supporting", "جواز سفر.pdf", webtest.PDF("other"), false)
	resp := submitDraft(t, c, req)
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))

	for _, lang := range []string{"en", "ar"} {
		page := c.Get("/dashboard")
		c.PostForm("/language", url.Values{"_csrf": {webtest.CSRFFrom(t, page.Body)}, "lang": {lang}, "next": {"/dashboard"}})
		pdf := c.Get(req + "/receipt.pdf")
		require.Equal(t, http.StatusOK, pdf.Status, lang)
		assert.Equal(t, "application/pdf", pdf.Header.Get("Content-Type"))
		assert.Equal(t, "nosniff", pdf.Header.Get("X-Content-Type-Options"))
		assert.Contains(t, pdf.Header.Get("Content-Disposition"), "attachment")
		assert.True(t, bytes.HasPrefix([]byte(pdf.Body), []byte("%PDF-")))
		if dir := os.Getenv("CCF_RECEIPT_PDF_DIR"); dir != "" {
			require.NoError(t, os.WriteFile(filepath.Join(dir, "receipt-"+lang+".pdf"), []byte(pdf.Body), 0o600))
		}
		text := pdfText(t, []byte(pdf.Body))
		assert.Contains(t, text, "CCF-2026-000001", lang)
		assert.Contains(t, text, sha256Hex(webtest.PDF("id")), lang)
		assert.Contains(t, text, sha256Hex(webtest.PDF("other")), lang)
	}
	other := app.Petitioner("other@example.org")
	assert.Equal(t, http.StatusNotFound, other.Get(req+"/receipt.pdf").Status)
}
