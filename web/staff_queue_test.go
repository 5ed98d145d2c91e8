package web_test

import (
	"fmt"
	"html"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/web/webtest"
)

// queueRow is one request put straight into the store for the queue tests.
type queueRow struct {
	ref, kind, status, name, country string
	submittedDays, dueDays           int // from the clock; dueDays 0 = not admissible yet
	eventHours                       int
}

func insertQueue(t *testing.T, app *webtest.App, filerEmail string, rows []queueRow) {
	t.Helper()
	filer := userID(t, app, filerEmail)
	for _, r := range rows {
		var due, event any
		if r.dueDays != 0 {
			due = webtest.Start.AddDate(0, 0, r.dueDays).Unix()
		}
		if r.eventHours != 0 {
			event = webtest.Start.Add(time.Duration(r.eventHours) * time.Hour).Unix()
		}
		app.Exec(`INSERT INTO requests (reference, kind, status, filer_id, applicant_name, source_country, answers,
			created_at, updated_at, submitted_at, due_at, event_at) VALUES (?, ?, ?, ?, ?, ?, '{}', 0, 0, ?, ?, ?)`,
			r.ref, r.kind, r.status, filer, r.name, r.country, webtest.Start.AddDate(0, 0, r.submittedDays).Unix(), due, event)
	}
}

var queueRef = regexp.MustCompile(`>(CCF-\d{4}-\d{6})</a>`)

func queueRefs(t *testing.T, c *webtest.Client, path string) []string {
	t.Helper()
	resp := c.Get(path)
	require.Equal(t, http.StatusOK, resp.Status, path)
	var out []string
	for _, m := range queueRef.FindAllStringSubmatch(resp.Body, -1) {
		out = append(out, m[1])
	}
	return out
}

func TestQueueFiltersSortingSearchAndPaging(t *testing.T) {
	app := webtest.New(t)
	app.Counsel("lawyer@example.org")
	staff := app.Staff("clerk@ccf.example")
	insertQueue(t, app, "lawyer@example.org", []queueRow{
		{"CCF-2026-000001", "access", "under_review", "Amal Haddad", "TR", -100, 20, 0},
		{"CCF-2026-000002", "deletion", "under_review", "Émile Zola", "FR", -300, -5, 0},
		{"CCF-2026-000003", "deletion", "submitted", "Bilal Osman", "TR", -2, 0, 0},
		{"CCF-2026-000004", "provisional_measures", "submitted", "Carla Ruiz", "VE", -1, 0, 30},
		{"CCF-2025-000005", "access", "decided", "Amal Haddad", "TR", -400, -250, 0},
		{"CCF-2026-000006", "access", "awaiting_applicant", "Zeynep Kaya", "TR", -50, 60, 0},
	})

	page := staff.Get("/staff")
	assert.Contains(t, page.Body, "Matching requests: 5")
	assert.Contains(t, page.Body, "30 hours before the event")
	assert.Contains(t, page.Body, "5 days overdue")
	assert.Contains(t, page.Body, "Overdue")
	assert.Equal(t, []string{"CCF-2026-000004", "CCF-2026-000002", "CCF-2026-000001", "CCF-2026-000006", "CCF-2026-000003"},
		queueRefs(t, staff, "/staff"), "urgent on top, then by due date")

	assert.Equal(t, []string{"CCF-2026-000004", "CCF-2026-000003", "CCF-2026-000006", "CCF-2026-000001", "CCF-2026-000002"},
		queueRefs(t, staff, "/staff?sort=submitted&dir=desc"), "urgent stays on top whatever the sort")
	assert.Equal(t, []string{"CCF-2026-000002", "CCF-2026-000003"}, queueRefs(t, staff, "/staff?kind=deletion"))
	assert.Equal(t, []string{"CCF-2026-000003", "CCF-2026-000002"}, queueRefs(t, staff, "/staff?kind=deletion&sort=reference&dir=desc"))
	assert.Equal(t, []string{"CCF-2026-000002"}, queueRefs(t, staff, "/staff?overdue=1"))
	assert.Equal(t, []string{"CCF-2026-000001"}, queueRefs(t, staff, "/staff?due=30"))
	assert.Equal(t, []string{"CCF-2026-000004"}, queueRefs(t, staff, "/staff?urgent=1"))
	assert.Equal(t, []string{"CCF-2026-000001", "CCF-2026-000006", "CCF-2026-000003"}, queueRefs(t, staff, "/staff?country=TR"))
	assert.Equal(t, []string{"CCF-2025-000005"}, queueRefs(t, staff, "/staff?status=decided"))
	assert.Len(t, queueRefs(t, staff, "/staff?status=all"), 6)
	assert.Equal(t, []string{"CCF-2025-000005", "CCF-2026-000001"}, queueRefs(t, staff, "/staff?status=all&q=amal&sort=reference"))
	assert.Equal(t, []string{"CCF-2026-000002"}, queueRefs(t, staff, "/staff?q=emile"))
	assert.Equal(t, []string{"CCF-2025-000005"}, queueRefs(t, staff, "/staff?status=all&q=CCF-2025"))
	assert.Empty(t, queueRefs(t, staff, "/staff?assigned=me"))
	assert.Len(t, queueRefs(t, staff, "/staff?assigned=none"), 5)

	// Filters and sort live in the URL and survive sorting and paging.
	filtered := staff.Get("/staff?country=TR&kind=access&sort=reference")
	assert.Contains(t, filtered.Body, `<option value="TR" selected>`)
	sortLink := html.UnescapeString(regexpFind(t, filtered.Body, `<a href="([^"]*sort=reference[^"]*)">\s*Reference`))
	assert.Contains(t, sortLink, "country=TR")
	assert.Contains(t, sortLink, "kind=access")
	assert.Contains(t, sortLink, "dir=desc", "sorting again reverses")
	assert.Equal(t, []string{"CCF-2026-000006", "CCF-2026-000001"}, queueRefs(t, staff, sortLink))
	assert.Equal(t, http.StatusOK, staff.Get("/staff?kind=bogus&status=bogus&sort=bogus&due=-4&after=x").Status, "nonsense is ignored")
}

func TestQueuePagesWithKeysetLinks(t *testing.T) {
	app := webtest.New(t)
	app.Counsel("lawyer@example.org")
	staff := app.Staff("clerk@ccf.example")
	var rows []queueRow
	for i := range 120 {
		rows = append(rows, queueRow{ref: fmt.Sprintf("CCF-2026-%06d", i+1), kind: "access", status: "under_review", name: "Person",
			country: "FR", submittedDays: -10, dueDays: 1 + i})
	}
	insertQueue(t, app, "lawyer@example.org", rows)
	first := staff.Get("/staff?country=FR")
	assert.Contains(t, first.Body, "Matching requests: 120")
	refs := queueRef.FindAllStringSubmatch(first.Body, -1)
	require.Len(t, refs, 50)
	assert.NotContains(t, first.Body, "Previous page")
	next := html.UnescapeString(regexpFind(t, first.Body, `rel="next" href="([^"]+)"`))
	assert.Contains(t, next, "country=FR")
	second := queueRefs(t, staff, next)
	assert.Equal(t, "CCF-2026-000051", second[0])
	page2 := staff.Get(next)
	third := html.UnescapeString(regexpFind(t, page2.Body, `rel="next" href="([^"]+)"`))
	last := queueRefs(t, staff, third)
	assert.Len(t, last, 20)
	assert.NotContains(t, staff.Get(third).Body, `rel="next"`)
	prev := html.UnescapeString(regexpFind(t, staff.Get(third).Body, `rel="prev" href="([^"]+)"`))
	assert.Equal(t, second, queueRefs(t, staff, prev))
}

// Every search of the queue by name or reference is in the audit log, with
// who searched and for what; browsing without a search writes nothing.
func TestQueueSearchesAreAudited(t *testing.T) {
	app := webtest.New(t)
	app.Counsel("lawyer@example.org")
	staff := app.Staff("clerk@ccf.example")
	insertQueue(t, app, "lawyer@example.org", []queueRow{
		{"CCF-2026-000001", "access", "submitted", "Amal Haddad", "TR", -2, 0, 0},
	})
	searches := func() int64 { return app.QueryInt(`SELECT COUNT(*) FROM audit_log WHERE action = 'queue_search'`) }
	queueRefs(t, staff, "/staff")
	queueRefs(t, staff, "/staff?country=TR")
	assert.Zero(t, searches(), "no search, no entry")

	assert.Equal(t, []string{"CCF-2026-000001"}, queueRefs(t, staff, "/staff?q=haddad"))
	queueRefs(t, staff, "/staff?status=all&q=CCF-2025")
	assert.Equal(t, int64(2), searches())
	clerk := app.QueryInt(`SELECT id FROM users WHERE email = 'clerk@ccf.example'`)
	assert.Equal(t, int64(1), app.QueryInt(`SELECT COUNT(*) FROM audit_log WHERE action = 'queue_search'
		AND actor_id = ? AND detail = 'q=haddad' AND request_id = 0`, clerk))
	report, err := app.DB.VerifyAudit(t.Context())
	require.NoError(t, err)
	assert.True(t, report.OK(), "the chain stays whole")
}
