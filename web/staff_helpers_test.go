package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

// deskFileAccess files a complete access request as c and returns its path.
func deskFileAccess(t *testing.T, c *webtest.Client) string {
	t.Helper()
	req := c.StartAccessRequest()
	c.FillAccessRequest(req, false)
	c.UploadDocument(req, "identity", "passport.pdf", webtest.PDF("passport-scan"), false)
	deskSubmit(t, c, req)
	return req
}

// deskFileDeletion files a deletion request challenging a wanted-person
// diffusion from Turkey, and returns its path.
func deskFileDeletion(t *testing.T, c *webtest.Client) string {
	t.Helper()
	req := c.StartDeletionRequest(url.Values{"kind": {"deletion"}})
	c.FillDeletionBasics(req, false)
	c.AddDataItem(req, webtest.DataItem())
	c.ChooseGrounds(req, map[string]string{"political": "The charges followed my articles."}, "political")
	c.UploadDocument(req, "identity", "passport.pdf", webtest.PDF("passport-scan"), false)
	deskSubmit(t, c, req)
	return req
}

func deskSubmit(t *testing.T, c *webtest.Client, req string) {
	t.Helper()
	check := c.Get(req + "/check")
	require.Equal(t, http.StatusOK, check.Status)
	resp := c.PostForm(req+"/submit", url.Values{"_csrf": {webtest.CSRFFrom(t, check.Body)}, "declaration": {"yes"}})
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
}

// deskPath is the staff address of the case filed at reqPath.
func deskPath(reqPath string) string {
	return "/staff" + reqPath
}

func requestID(t *testing.T, reqPath string) int64 {
	t.Helper()
	id, err := strconv.ParseInt(reqPath[strings.LastIndex(reqPath, "/")+1:], 10, 64)
	require.NoError(t, err)
	return id
}

// deskDo submits a staff form and expects to return to the case.
func deskDo(t *testing.T, c *webtest.Client, formPage, action string, values url.Values) *webtest.Response {
	t.Helper()
	resp := c.Submit(formPage, action, values)
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	return resp
}

func deskRequest(t *testing.T, app *webtest.App, reqPath string) domain.Request {
	t.Helper()
	staff, err := app.DB.UserByEmail(context.Background(), "clerk@ccf.example")
	require.NoError(t, err)
	r, err := app.DB.RequestForUser(context.Background(), requestID(t, reqPath), staff)
	require.NoError(t, err)
	return r
}

func auditActions(t *testing.T, app *webtest.App, reqPath string) []string {
	t.Helper()
	trail, err := app.DB.AuditTrail(context.Background(), requestID(t, reqPath))
	require.NoError(t, err)
	var out []string
	for _, e := range trail {
		out = append(out, string(e.Action))
	}
	return out
}

var staffDocLink = regexp.MustCompile(`href="(/staff/requests/\d+/documents/\d+)">([^<]+)<`)

// staffDocLinks maps document names to their staff download links.
func staffDocLinks(body string) map[string]string {
	out := map[string]string{}
	for _, m := range staffDocLink.FindAllStringSubmatch(body, -1) {
		out[m[2]] = m[1]
	}
	return out
}

func userID(t *testing.T, app *webtest.App, email string) string {
	t.Helper()
	u, err := app.DB.UserByEmail(context.Background(), email)
	require.NoError(t, err)
	return strconv.FormatInt(u.ID, 10)
}

func assertAuditIntact(t *testing.T, app *webtest.App) {
	t.Helper()
	rep, err := app.DB.VerifyAudit(context.Background())
	require.NoError(t, err)
	assert.True(t, rep.OK(), rep.Problem)
}

func regexpFind(t *testing.T, body, pattern string) string {
	t.Helper()
	m := regexp.MustCompile(pattern).FindStringSubmatch(body)
	require.NotNil(t, m, "no match for %s", pattern)
	return m[1]
}
