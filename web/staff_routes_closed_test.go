package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/ccf-portal/ccfportal/web/webtest"
)

// TestEveryStaffRouteIsClosedToApplicants walks every staff route of the
// portal -- sessions, agendas, decisions, publications, the administrators'
// page and the staff notifications included, and any route added later --
// as a signed-in petitioner and as counsel, with valid form tokens: each
// answers 403 or 404 and shows nothing of the case.
func TestEveryStaffRouteIsClosedToApplicants(t *testing.T) {
	app := webtest.New(t)
	amal := app.Petitioner("amal@example.org")
	req := deskFileAccess(t, amal)
	app.Staff(clerk)
	secret := deskRequest(t, app, req).ApplicantName
	fill := strings.NewReplacer(":id", strings.TrimPrefix(req, "/requests/"), ":doc", "1", ":measure", "1", ":notice", "1",
		":cid", "1", ":pid", "1", ":sid", "1", ":uid", "1")
	for who, c := range map[string]*webtest.Client{"petitioner": amal, "counsel": app.Counsel("lawyer@example.org")} {
		token := webtest.CSRFFrom(t, c.Get("/dashboard").Body)
		checked := 0
		for _, r := range app.Portal.Routes() {
			if !strings.HasPrefix(r.Path, "/staff") || strings.HasPrefix(r.Path, "/staff/setup") {
				continue
			}
			path := fill.Replace(r.Path)
			var resp *webtest.Response
			switch r.Method {
			case http.MethodGet:
				resp = c.Get(path)
			case http.MethodPost:
				resp = c.PostForm(path, url.Values{"_csrf": {token}, "reference": {"CCF-2026-000001"}, "outcome": {"compliant"},
					"reasons": {"x"}, "role": {"administrator"}, "email": {"hijack@example.org"}, "name": {"Hijack"}})
			default:
				continue
			}
			checked++
			assert.Contains(t, []int{http.StatusForbidden, http.StatusNotFound}, resp.Status, "%s: %s %s", who, r.Method, path)
			assert.NotContains(t, resp.Body, secret, "%s: %s %s", who, r.Method, path)
		}
		assert.Greater(t, checked, 60, "every staff route")
	}
	assert.Zero(t, app.QueryInt(`SELECT COUNT(*) FROM chamber_sessions`), "nothing was created")
	assert.Zero(t, app.QueryInt(`SELECT COUNT(*) FROM users WHERE email = 'hijack@example.org'`))
}
