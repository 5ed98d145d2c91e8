package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/web/webtest"
)

// scrape reads the app's metrics as Prometheus would.
func scrape(t *testing.T, app *webtest.App) string {
	t.Helper()
	rec := httptest.NewRecorder()
	app.Portal.MetricsHandler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Contains(t, rec.Header().Get("Content-Type"), "text/plain")
	return rec.Body.String()
}

// sample is the value of one series in a scrape, or -1 if absent.
func sample(body, series string) float64 {
	m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(series) + ` (\S+)$`).FindStringSubmatch(body)
	if m == nil {
		return -1
	}
	v, _ := strconv.ParseFloat(m[1], 64)
	return v
}

func TestMetricsCountRequestsByRoutePatternAndUploads(t *testing.T) {
	app := webtest.New(t)
	healthz := `ccf_http_requests_total{method="GET",route="/healthz",status="200"}`
	before := sample(scrape(t, app), healthz)

	c := app.NewClient()
	require.Equal(t, http.StatusOK, c.Get("/healthz").Status)
	body := scrape(t, app)
	assert.Equal(t, max(before, 0)+1, sample(body, healthz), "one request, counted once")
	assert.Equal(t, 1.0, sample(body, `ccf_http_request_duration_seconds_count{method="GET",route="/healthz"}`))

	p := app.Petitioner("metrics@example.org")
	req := p.StartAccessRequest()
	p.SaveSection(req, "contact", url.Values{"contact_email": {"metrics@example.org"}, "contact_phone": {"+49 30 1"}})
	p.UploadDocument(req, "identity", "passport.pdf", webtest.PDF("metrics"), false)
	p.Get("/no/such/page/42")

	body = scrape(t, app)
	assert.Equal(t, 1.0, sample(body, `ccf_http_requests_total{method="POST",route="/requests/:id/section/:section",status="303"}`),
		"a save is counted under its route pattern")
	assert.Equal(t, 1.0, sample(body, `ccf_uploads_total{result="accepted"}`))
	assert.Greater(t, sample(body, `ccf_upload_bytes_total`), float64(len(webtest.PDF("metrics"))))
	assert.GreaterOrEqual(t, sample(body, `ccf_http_requests_total{method="GET",route="unmatched",status="404"}`), 1.0)
	commits, writes := sample(body, `ccf_db_write_commits_total`), sample(body, `ccf_db_writes_total`)
	assert.GreaterOrEqual(t, commits, 3.0, "registration, the draft, the save, the upload each committed")
	assert.GreaterOrEqual(t, writes, commits, "a commit holds at least one write")
	id := strings.TrimPrefix(req, "/requests/")
	assert.NotRegexp(t, `route="[^"]*/`+id+`[/"]`, body, "no URL with an id becomes a label")
	assert.NotContains(t, body, "metrics@example.org")
	assert.NotContains(t, app.Logs.String(), "metrics@example.org", "the log holds no form values")
	assert.Contains(t, app.Logs.String(), "route=/requests/:id/section/:section")
}

func TestMetricsGaugesAreComputedAtScrapeTime(t *testing.T) {
	app := webtest.New(t)
	p := app.Petitioner("gauges@example.org")
	req := p.StartAccessRequest()
	id, err := strconv.ParseInt(strings.TrimPrefix(req, "/requests/"), 10, 64)
	require.NoError(t, err)
	// A case under review whose decision was due yesterday.
	app.Exec(`UPDATE requests SET status = 'under_review', submitted_at = ?, due_at = ? WHERE id = ?`,
		webtest.Start.AddDate(0, -5, 0).Unix(), webtest.Start.AddDate(0, 0, -1).Unix(), id)

	body := scrape(t, app)
	assert.Equal(t, 1.0, sample(body, `ccf_store_up`))
	assert.Equal(t, 1.0, sample(body, `ccf_cases_open{status="under_review"}`))
	assert.Equal(t, 0.0, sample(body, `ccf_cases_open{status="submitted"}`), "every open status is present, even at zero")
	assert.Equal(t, 1.0, sample(body, `ccf_cases_overdue{kind="access"}`))
	assert.Equal(t, 0.0, sample(body, `ccf_cases_overdue{kind="deletion"}`))
	assert.Greater(t, sample(body, `ccf_database_bytes{file="db"}`), 0.0)
	assert.GreaterOrEqual(t, sample(body, `ccf_database_bytes{file="wal"}`), 0.0)
	assert.Greater(t, sample(body, `ccf_data_free_bytes`), 0.0)
	assert.Greater(t, sample(body, `process_open_fds`), 0.0, "the process's open files are watched too")
}
