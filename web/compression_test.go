package web_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/static"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

func gunzip(t *testing.T, body string) string {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader([]byte(body)))
	require.NoError(t, err)
	out, err := io.ReadAll(zr)
	require.NoError(t, err)
	return string(out)
}

func TestStaticTextFilesAreSentCompressedToClientsThatAcceptIt(t *testing.T) {
	app := webtest.New(t)
	c := app.NewClient()
	path := static.Path("/static/app.css")
	css := string(static.Assets[strings.TrimPrefix(path, "/static/")].Body)

	// Setting Accept-Encoding by hand keeps Go's client from undoing the
	// compression, so the test sees the bytes sent.
	c.Header.Set("Accept-Encoding", "br, gzip;q=0.8")
	resp := c.Get(path)
	require.Equal(t, http.StatusOK, resp.Status)
	assert.Equal(t, "gzip", resp.Header.Get("Content-Encoding"))
	assert.Contains(t, resp.Header.Values("Vary"), "Accept-Encoding")
	assert.Contains(t, resp.Header.Get("Content-Type"), "text/css")
	assert.Equal(t, strconv.Itoa(len(resp.Body)), resp.Header.Get("Content-Length"))
	assert.Less(t, len(resp.Body), len(css)/2, "the stylesheet shrinks")
	assert.Equal(t, css, gunzip(t, resp.Body))

	for name, header := range map[string]string{"identity": "identity", "refused": "gzip;q=0, *",
		"refused by star": "*;q=0", "other codings": "br, deflate"} {
		c.Header.Set("Accept-Encoding", header)
		plain := c.Get(path)
		assert.Empty(t, plain.Header.Get("Content-Encoding"), name)
		assert.Equal(t, css, plain.Body, name)
	}
	c.Header.Set("Accept-Encoding", "*")
	assert.Equal(t, "gzip", c.Get(path).Header.Get("Content-Encoding"), "any coding")
}

func TestPagesAndDownloadsAreNeverCompressed(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	req := c.StartAccessRequest()
	c.UploadDocument(req, "identity", "passport.pdf", webtest.PDF("download"), false)
	r := onlyRequest(t, app, "amal@example.org")
	docs, err := app.DB.Documents(context.Background(), r.ID)
	require.NoError(t, err)
	doc := req + "/documents/" + strconv.FormatInt(docs[0].ID, 10)

	visitor := app.NewClient()
	for client, paths := range map[*webtest.Client][]string{
		// Pages carry the form token beside text the visitor chose (the
		// sign-in page's return address): no BREACH oracle.
		visitor: {"/", "/login?next=/requests/1", "/register", "/help", "/statistics", "/statistics.csv", "/no-such-page"},
		c:       {"/dashboard", req, doc, static.Path("/static/favicon.svg")},
	} {
		client.Header.Set("Accept-Encoding", "gzip")
		for _, path := range paths {
			resp := client.Get(path)
			assert.Empty(t, resp.Header.Get("Content-Encoding"), path)
		}
	}
	assert.Equal(t, webtest.PDF("download"), c.Get(doc).Body, "the file as it was sent")
}
