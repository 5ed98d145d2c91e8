package web_test

import (
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/web/webtest"
)

// damageStoredFiles flips one byte in the middle of every stored file.
func damageStoredFiles(t *testing.T, app *webtest.App) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(filepath.Join(app.DataDir, "evidence", "blobs"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		data[len(data)/2] ^= 0x01
		n++
		return os.WriteFile(path, data, 0o600)
	})
	require.NoError(t, err)
	return n
}

var docLink = regexp.MustCompile(`href="(/requests/\d+/documents/\d+)"`)

func TestDamagedEvidenceIsNeverServedAndStaffAreToldWhichDocument(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	req := deskFileAccess(t, c)
	staff := app.Staff("clerk@ccf.example")
	staffLink := staffDocLinks(staff.Get(deskPath(req)).Body)["passport.pdf"]
	require.NotEmpty(t, staffLink)
	m := docLink.FindStringSubmatch(c.Get(req).Body)
	require.NotNil(t, m, "the applicant's page links the document")
	ownLink := m[1]

	sound := c.Get(ownLink)
	require.Equal(t, http.StatusOK, sound.Status)
	require.Contains(t, sound.Body, "passport-scan")

	require.Equal(t, 1, damageStoredFiles(t, app))

	own := c.Get(ownLink)
	assert.Equal(t, http.StatusInternalServerError, own.Status)
	assert.Empty(t, own.Header.Get("Content-Disposition"), "no file is offered")
	assert.NotContains(t, own.Body, "%PDF", "no partial body")
	assert.Contains(t, own.Body, "This document cannot be downloaded")
	assert.NotContains(t, own.Body, "integrity check", "others get a safe message")
	assert.Contains(t, app.Logs.String(), "request_id="+own.Header.Get("X-Request-Id"))

	desk := staff.Get(staffLink)
	assert.Equal(t, http.StatusInternalServerError, desk.Status)
	assert.NotContains(t, desk.Body, "%PDF")
	assert.Contains(t, desk.Body, "The stored copy of “passport.pdf” (document ")
	assert.Contains(t, desk.Body, desk.Header.Get("X-Request-Id"), "with the reference to report")

	logs := app.Logs.String()
	for _, line := range strings.Split(logs, "\n") {
		if strings.Contains(line, desk.Header.Get("X-Request-Id")) && strings.Contains(line, "level=ERROR") {
			assert.Contains(t, line, "blob is damaged")
			assert.NotContains(t, line, "passport.pdf", "the log names the document by number, not by name")
		}
	}
}
