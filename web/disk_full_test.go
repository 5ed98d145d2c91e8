package web_test

import (
	"net/http"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

// fullDisk is a real temp file whose writes fail as on a full disk.
type fullDisk struct{ *os.File }

func (f fullDisk) Write([]byte) (int, error) {
	return 0, &os.PathError{Op: "write", Path: f.Name(), Err: syscall.ENOSPC}
}

func TestAnUploadRefusedForLackOfSpaceSaysSoAndLeavesNothing(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	draft := c.StartAccessRequest()
	c.UploadDocument(draft, "identity", "before.pdf", webtest.PDF("before"), false)
	var before int
	require.NoError(t, app.DB.Reader().QueryRow(`SELECT COUNT(*) FROM documents`).Scan(&before))

	app.Blobs.CreateTemp = func(path string) (blob.TempFile, error) {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		return fullDisk{f}, err
	}
	resp := c.Upload(draft+"/documents", draft+"/documents",
		[]webtest.Field{webtest.F("doc_type", "identity"), webtest.F("description", "passport")},
		"passport.pdf", strings.NewReader(bigPDF()))
	assert.Equal(t, http.StatusInsufficientStorage, resp.Status)
	assert.Contains(t, resp.Body, "There is not enough space on the server to store this just now.")

	tmp, err := os.ReadDir(app.DataDir + "/evidence/tmp")
	require.NoError(t, err)
	assert.Empty(t, tmp, "no temp file left")
	var after int
	require.NoError(t, app.DB.Reader().QueryRow(`SELECT COUNT(*) FROM documents`).Scan(&after))
	assert.Equal(t, before, after, "no document row")

	// What is already stored still reads.
	page := c.Get(draft + "/documents")
	require.Equal(t, http.StatusOK, page.Status)
	assert.Contains(t, page.Body, "before.pdf")

	// Once there is space again, the same upload goes through, with no
	// restart and nothing to clear by hand.
	app.Blobs.CreateTemp = nil
	c.UploadDocument(draft, "identity", "passport.pdf", webtest.PDF("after"), false)
	require.NoError(t, app.DB.Reader().QueryRow(`SELECT COUNT(*) FROM documents`).Scan(&after))
	assert.Equal(t, before+1, after, "the upload after the disk was freed is stored")
	page = c.Get(draft + "/documents")
	require.Equal(t, http.StatusOK, page.Status)
	assert.Contains(t, page.Body, "passport.pdf")
}
