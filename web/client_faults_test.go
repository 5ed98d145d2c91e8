package web_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/web/webtest"
)

const testBoundary = "ccf-test-boundary"

// uploadHead is the start of a document upload form up to the first bytes
// of its file, as a browser sends it.
func uploadHead(token string) string {
	var b strings.Builder
	for _, f := range [][2]string{{"_csrf", token}, {"doc_type", "identity"}, {"description", "passport"}} {
		fmt.Fprintf(&b, "--%s\r\nContent-Disposition: form-data; name=%q\r\n\r\n%s\r\n", testBoundary, f[0], f[1])
	}
	fmt.Fprintf(&b, "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"passport.pdf\"\r\n"+
		"Content-Type: application/pdf\r\n\r\n", testBoundary)
	return b.String()
}

// bigPDF is a PDF-looking file large enough to be staged in several chunks.
func bigPDF() string {
	return webtest.PDF("passport") + strings.Repeat("% filler line of a scanned passport page\n", 8000)
}

// assertNothingLeftBehind checks that a refused upload left no temporary
// file, no stored file and no document row.
func assertNothingLeftBehind(t *testing.T, app *webtest.App) {
	t.Helper()
	for _, dir := range []string{"tmp", "blobs"} {
		var files []string
		_ = filepath.WalkDir(filepath.Join(app.DataDir, "evidence", dir), func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				files = append(files, path)
			}
			return nil
		})
		assert.Empty(t, files, "evidence/%s", dir)
	}
	var n int
	require.NoError(t, app.DB.Reader().QueryRow(`SELECT COUNT(*) FROM documents`).Scan(&n))
	assert.Zero(t, n, "no document row")
}

func assertLoggedAsClientError(t *testing.T, app *webtest.App) {
	t.Helper()
	assert.Contains(t, app.Logs.String(), `msg="client error"`)
	assert.NotContains(t, app.Logs.String(), "level=ERROR")
}

func TestAMultipartBodyThatEndsInsideTheFileIsABadRequestAndLeavesNothing(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	draft := c.StartAccessRequest()
	page := c.Get(draft + "/documents")
	body := uploadHead(webtest.CSRFFrom(t, page.Body)) + bigPDF() // no closing boundary

	req, err := http.NewRequest(http.MethodPost, app.Server.URL+draft+"/documents", strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "multipart/form-data; boundary="+testBoundary)
	resp := c.Do(req)
	assert.Equal(t, http.StatusBadRequest, resp.Status)
	assert.Contains(t, resp.Body, "The portal could not read what was sent")
	assertNothingLeftBehind(t, app)
	assertLoggedAsClientError(t, app)
}

func TestAnUploadCutOffBeforeItsLengthIsABadRequestAndLeavesNothing(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	draft := c.StartAccessRequest()
	page := c.Get(draft + "/documents")
	sent := uploadHead(webtest.CSRFFrom(t, page.Body)) + bigPDF()

	u, err := url.Parse(app.Server.URL)
	require.NoError(t, err)
	var cookies []string
	for _, ck := range c.HTTP.Jar.Cookies(u) {
		cookies = append(cookies, ck.Name+"="+ck.Value)
	}
	conn, err := net.Dial("tcp", u.Host)
	require.NoError(t, err)
	defer conn.Close()
	// The header promises more than is sent; the sender then stops.
	fmt.Fprintf(conn, "POST %s/documents HTTP/1.1\r\nHost: %s\r\nContent-Type: multipart/form-data; boundary=%s\r\n"+
		"Content-Length: %d\r\nCookie: %s\r\nOrigin: %s\r\nSec-Fetch-Site: same-origin\r\n\r\n",
		draft, u.Host, testBoundary, len(sent)*2, strings.Join(cookies, "; "), app.Server.URL)
	_, err = io.WriteString(conn, sent)
	require.NoError(t, err)
	require.NoError(t, conn.(*net.TCPConn).CloseWrite())

	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err)
	defer resp.Body.Close()
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
	assertNothingLeftBehind(t, app)
	assertLoggedAsClientError(t, app)
}

func TestMalformedMultipartBodiesAreBadRequests(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	draft := c.StartAccessRequest()
	for name, tc := range map[string]struct{ contentType, body string }{
		"no boundary":     {"multipart/form-data", "anything"},
		"not multipart":   {"multipart/form-data; boundary=" + testBoundary, "just some bytes\r\n"},
		"broken part":     {"multipart/form-data; boundary=" + testBoundary, "--" + testBoundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n"},
		"empty multipart": {"multipart/form-data; boundary=" + testBoundary, ""},
	} {
		req, err := http.NewRequest(http.MethodPost, app.Server.URL+draft+"/documents", bytes.NewReader([]byte(tc.body)))
		require.NoError(t, err)
		req.Header.Set("Content-Type", tc.contentType)
		resp := c.Do(req)
		assert.Equal(t, http.StatusBadRequest, resp.Status, name)
	}
	page := c.Get(draft + "/documents")
	cutBetweenParts := strings.SplitAfter(uploadHead(webtest.CSRFFrom(t, page.Body)), "passport\r\n")[0]
	for name, body := range map[string]string{
		"cut between parts":  cutBetweenParts,
		"cut inside headers": cutBetweenParts + "--" + testBoundary + "\r\nContent-Disposition: form-da",
		"cut after a file":   uploadHead(webtest.CSRFFrom(t, page.Body)) + webtest.PDF("passport") + "\r\n",
	} {
		req, err := http.NewRequest(http.MethodPost, app.Server.URL+draft+"/documents", strings.NewReader(body))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "multipart/form-data; boundary="+testBoundary)
		assert.Equal(t, http.StatusBadRequest, c.Do(req).Status, name)
	}
	req, err := http.NewRequest(http.MethodPost, app.Server.URL+draft+"/documents",
		strings.NewReader("--"+testBoundary+"--\r\n"))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "multipart/form-data; boundary="+testBoundary)
	assert.Equal(t, http.StatusForbidden, c.Do(req).Status, "a complete form without its token is refused as such")
	assertNothingLeftBehind(t, app)
	assert.NotContains(t, app.Logs.String(), "internal error")
}
