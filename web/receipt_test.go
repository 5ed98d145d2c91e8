package web_test

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/web/webtest"
)

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// The filer's receipt names the reference, when it was submitted (in UTC),
// the kind, the sections and every document's size and fingerprint; it
// is linked from the confirmation and the case page.
func TestTheReceiptListsWhatWasFiledWithFingerprints(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	req := fileAccessRequest(t, c)
	assert.Contains(t, c.Get(req+"/confirmation").Body, `href="`+req+`/receipt"`)
	assert.Contains(t, c.Get(req).Body, `href="`+req+`/receipt"`)

	page := c.Get(req + "/receipt")
	require.Equal(t, http.StatusOK, page.Status)
	for _, want := range []string{"Receipt for a submitted request", "CCF-2026-000001", "UTC", "Access request",
		"Sections filed", "About the person concerned", "passport.pdf", sha256Hex(webtest.PDF("id")),
		`href="` + req + `/receipt.pdf"`, `href="` + req + `/files.zip"`} {
		assert.Contains(t, page.Body, want)
	}
	assert.Contains(t, page.Body, strconv.Itoa(len(webtest.PDF("id")))+" bytes")
}

// Nobody else has the receipt: another person, counsel once their
// appointment is withdrawn, and no draft has one.
func TestTheReceiptIsTheApplicantsSideOnly(t *testing.T) {
	app := webtest.New(t)
	p := app.Petitioner("amal@example.org")
	req := fileAccessRequest(t, p)
	other := app.Petitioner("other@example.org")
	resp := other.Get(req + "/receipt")
	assert.Equal(t, http.StatusNotFound, resp.Status)
	assert.NotContains(t, resp.Body, "CCF-2026-000001")
	assert.Equal(t, http.StatusNotFound, p.Get(p.StartAccessRequest()+"/receipt").Status, "a draft has no receipt")
	assert.Equal(t, http.StatusNotFound, p.Get("/requests/x/receipt").Status)

	counsel := app.CounselOf("Appointed Counsel", "appointed@firm.example", "Any Firm")
	assert.Equal(t, http.StatusNotFound, counsel.Get(req+"/receipt").Status)
	grant := p.Submit("/representation", "/representation", url.Values{"email": {"appointed@firm.example"}})
	require.Equal(t, http.StatusSeeOther, grant.Status, webtest.ErrorSummaryText(grant.Body))
	assert.Equal(t, http.StatusOK, counsel.Get(req+"/receipt").Status)
	withdrawCounsel(t, p)
	assert.Equal(t, http.StatusNotFound, counsel.Get(req+"/receipt").Status)
}

// withdrawCounsel withdraws the petitioner's one appointment of counsel.
func withdrawCounsel(t *testing.T, p *webtest.Client) {
	t.Helper()
	page := p.Get("/representation")
	uid := between(page.Body, "/representation/", "/revoke")
	resp := p.PostForm("/representation/"+uid+"/revoke", url.Values{"_csrf": {webtest.CSRFFrom(t, page.Body)}})
	require.Equal(t, http.StatusSeeOther, resp.Status)
}
