package web_test

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/web/webtest"
)

// openZip reads a downloaded archive and returns each file's SHA-256 and
// the manifest's lines, by name.
func openZip(t *testing.T, body string) (sums map[string]string, manifest map[string][2]string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader([]byte(body)), int64(len(body)))
	require.NoError(t, err, "the archive opens")
	sums, manifest = map[string]string{}, map[string][2]string{}
	for _, f := range zr.File {
		rd, err := f.Open()
		require.NoError(t, err)
		data, err := io.ReadAll(rd)
		require.NoError(t, err)
		rd.Close()
		if f.Name == "manifest.txt" {
			for _, line := range strings.Split(string(data), "\n") {
				if cols := strings.Split(line, "\t"); len(cols) == 3 {
					manifest[cols[0]] = [2]string{cols[1], cols[2]}
				}
			}
			continue
		}
		sum := sha256.Sum256(data)
		sums[f.Name] = hex.EncodeToString(sum[:])
	}
	return sums, manifest
}

// Everything filed comes back as one zip: the documents as uploaded, each
// matching the manifest and the fingerprint the portal recorded, duplicate
// names told apart; and each download is in the audit log.
func TestEverythingFiledDownloadsAsAZipThatMatchesItsManifest(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	req := c.StartAccessRequest()
	c.FillAccessRequest(req, false)
	c.UploadDocument(req, "identity", "passport.pdf", webtest.PDF("id"), false)
	c.UploadDocument(req, "supporting", "passport.pdf", webtest.PDF("second"), true)
	c.UploadDocument(req, "supporting", "photo.jpg", webtest.JPEG(), false)
	resp := submitDraft(t, c, req)
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))

	z := c.Get(req + "/files.zip")
	require.Equal(t, http.StatusOK, z.Status)
	assert.Equal(t, "application/zip", z.Header.Get("Content-Type"))
	assert.Equal(t, "nosniff", z.Header.Get("X-Content-Type-Options"))
	assert.Equal(t, "attachment; filename=filed-CCF-2026-000001.zip", z.Header.Get("Content-Disposition"))
	sums, manifest := openZip(t, z.Body)
	want := map[string]string{"passport.pdf": webtest.PDF("id"), "passport (2).pdf": webtest.PDF("second"), "photo.jpg": webtest.JPEG()}
	require.Len(t, sums, len(want))
	for name, content := range want {
		assert.Equal(t, sha256Hex(content), sums[name], name)
		assert.Equal(t, [2]string{strconv.Itoa(len(content)), sha256Hex(content)}, manifest[name], name)
		assert.Equal(t, int64(1), app.QueryInt(`SELECT COUNT(*) FROM documents WHERE sha256 = ?`, sums[name]), "the stored fingerprint")
	}
	assert.Equal(t, int64(1), app.QueryInt(`SELECT COUNT(*) FROM audit_log WHERE action = 'files_download' AND request_id = 1`))
	c.Get(req + "/files.zip")
	assert.Equal(t, int64(2), app.QueryInt(`SELECT COUNT(*) FROM audit_log WHERE action = 'files_download'`), "one entry per download")
	trail := app.Staff("clerk@ccf.example").Get("/staff/requests/1/audit")
	require.Equal(t, http.StatusOK, trail.Status)
	assert.Contains(t, trail.Body, "Everything filed downloaded by the applicant&#39;s side", "staff see who took the files")
}

// Nobody else has the files: another person, counsel once withdrawn; a
// draft has nothing filed, and nothing is audited for refusals.
func TestEverythingFiledIsTheApplicantsSideOnly(t *testing.T) {
	app := webtest.New(t)
	p := app.Petitioner("amal@example.org")
	req := fileAccessRequest(t, p)
	other := app.Petitioner("other@example.org")
	resp := other.Get(req + "/files.zip")
	assert.Equal(t, http.StatusNotFound, resp.Status)
	assert.NotContains(t, resp.Body, "passport")
	assert.Equal(t, http.StatusNotFound, p.Get(p.StartAccessRequest()+"/files.zip").Status)

	counsel := app.CounselOf("Appointed Counsel", "appointed@firm.example", "Any Firm")
	grant := p.Submit("/representation", "/representation", url.Values{"email": {"appointed@firm.example"}})
	require.Equal(t, http.StatusSeeOther, grant.Status, webtest.ErrorSummaryText(grant.Body))
	got := counsel.Get(req + "/files.zip")
	require.Equal(t, http.StatusOK, got.Status)
	sums, _ := openZip(t, got.Body)
	assert.Equal(t, sha256Hex(webtest.PDF("id")), sums["passport.pdf"])
	withdrawCounsel(t, p)
	assert.Equal(t, http.StatusNotFound, counsel.Get(req+"/files.zip").Status)
	assert.Equal(t, int64(1), app.QueryInt(`SELECT COUNT(*) FROM audit_log WHERE action = 'files_download'`), "only the download that happened")
}

// A damaged stored file is found before the archive starts: the answer is
// an error page, never a zip that would pass for complete.
func TestEverythingFiledRefusesADamagedFileBeforeSendingAnything(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	req := fileAccessRequest(t, c)
	require.Equal(t, 1, damageStoredFiles(t, app))
	resp := c.Get(req + "/files.zip")
	assert.Equal(t, http.StatusInternalServerError, resp.Status)
	assert.Empty(t, resp.Header.Get("Content-Disposition"), "no file is offered")
	assert.NotEqual(t, "application/zip", resp.Header.Get("Content-Type"))
	assert.Contains(t, resp.Body, "This document cannot be downloaded")
}
