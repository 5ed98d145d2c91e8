package web_test

import (
	"context"
	"html"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/seed"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

// BenchmarkQueue measures the staff queue page, through the whole app
// (session, CSRF, rendering) over HTTP, with 100,000 seeded requests:
//
//	go test -bench Queue -run XXX ./web/
//
// The store is seeded once (in one transaction, without files), then each
// sub-benchmark fetches one queue view.
func BenchmarkQueue(b *testing.B) {
	app := webtest.New(b)
	start := time.Now()
	rep, err := seed.Seed(context.Background(), app.DB, seed.Options{N: 100_000, RandSeed: 42})
	require.NoError(b, err)
	b.Logf("seeded %d requests (%d decisions, %d notices) in %s", rep.Requests, rep.Decisions, rep.Notices,
		time.Since(start).Round(time.Millisecond))
	staff := app.Staff("clerk@ccf.example")
	first := staff.Get("/staff")
	require.Equal(b, http.StatusOK, first.Status)
	next := html.UnescapeString(regexp.MustCompile(`rel="next" href="([^"]+)"`).FindStringSubmatch(first.Body)[1])

	views := []struct{ name, path string }{
		{"pending_by_due", "/staff"},
		{"pending_page_2", next},
		{"all_by_name", "/staff?status=all&sort=name"},
		{"all_by_submitted_desc", "/staff?status=all&sort=submitted&dir=desc"},
		{"kind_country_unassigned", "/staff?kind=deletion&country=TR&assigned=none"},
		{"overdue", "/staff?overdue=1"},
		{"due_within_30_days", "/staff?due=30"},
		{"search_name", "/staff?status=all&q=amira"},
		{"search_reference", "/staff?status=all&q=CCF-2025-0001"},
		{"status_under_review", "/staff?status=under_review"},
	}
	for _, v := range views {
		b.Run(v.name, func(b *testing.B) {
			for b.Loop() {
				resp := staff.Get(v.path)
				if resp.Status != http.StatusOK {
					b.Fatalf("%s: status %d", v.path, resp.Status)
				}
			}
		})
	}
}
