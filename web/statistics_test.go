package web_test

import (
	"encoding/csv"
	"fmt"
	"html"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/static"
	"github.com/ccf-portal/ccfportal/web"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

// statsFiling is a batch of identical filings for the statistics.
type statsFiling struct {
	n          int
	kind       string
	alsoAccess bool
	country    string
	submitted  time.Time
	outcome    string // a decision on each, three months after filing, if given
	assessed   string // an admissibility assessment ten days after filing, if given
}

func insertStatsFilings(t *testing.T, app *webtest.App, rows []statsFiling) {
	t.Helper()
	filer := userID(t, app, "lawyer@example.org")
	staff := userID(t, app, "clerk@ccf.example")
	next := app.QueryInt(`SELECT COUNT(*) FROM requests`)
	for _, r := range rows {
		for range r.n {
			next++
			var admissible any
			if r.assessed == "admissible" {
				admissible = r.submitted.AddDate(0, 0, 10).Unix()
			}
			app.Exec(`INSERT INTO requests (reference, kind, status, also_access, filer_id, applicant_name, source_country, answers,
				created_at, updated_at, submitted_at, admissible_at) VALUES (?, ?, 'submitted', ?, ?, 'Amal Haddad', ?, '{}', 0, 0, ?, ?)`,
				fmt.Sprintf("CCF-%d-%06d", r.submitted.Year(), next), r.kind, r.alsoAccess, filer, r.country, r.submitted.Unix(), admissible)
			if r.assessed != "" {
				app.Exec(`INSERT INTO admissibility (request_id, outcome, decided_by, decided_at) VALUES ((SELECT MAX(id) FROM requests), ?, ?, ?)`,
					r.assessed, staff, r.submitted.AddDate(0, 0, 10).Unix())
			}
			if r.outcome != "" {
				app.Exec(`INSERT INTO decisions (request_id, reference, outcome, reasons, decided_by, decided_at)
					VALUES ((SELECT MAX(id) FROM requests), ?, ?, 'r', ?, ?)`, fmt.Sprintf("D-%d", next), r.outcome, staff,
					r.submitted.AddDate(0, 3, 0).Unix())
			}
		}
	}
}

// The store worked out by hand. Filed on 10 March 2025: access 12 (8 from
// France, 4 from Turkey); deletion 7 (Turkey), of which 5 found compliant
// and 2 deleted; deletion with access 3 (Venezuela), deleted; correction 2
// (France), deleted; revision 6 (source unknown), found inadmissible; one
// urgent request (not a request received). Every deletion and correction
// request was found admissible on 20 March and decided on 10 June 2025, 82
// days later. Filed in 2026: access 5 (Nigeria).
func statsStore(t *testing.T, opts ...webtest.Option) *webtest.App {
	app := webtest.New(t, opts...)
	app.Counsel("lawyer@example.org")
	app.Staff("clerk@ccf.example")
	y25 := time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC)
	insertStatsFilings(t, app, []statsFiling{
		{8, "access", false, "FR", y25, "", ""}, {4, "access", false, "TR", y25, "", ""},
		{5, "deletion", false, "TR", y25, "compliant", "admissible"}, {2, "deletion", false, "TR", y25, "non_compliant_deletion", "admissible"},
		{3, "deletion", true, "VE", y25, "non_compliant_deletion", "admissible"},
		{2, "correction", false, "FR", y25, "non_compliant_deletion", "admissible"},
		{6, "revision", false, "unknown", y25, "", "inadmissible"}, {1, "provisional_measures", false, "TR", y25, "", ""},
		{5, "access", false, "NG", time.Date(2026, 1, 20, 9, 0, 0, 0, time.UTC), "", ""},
	})
	return app
}

var (
	cellRe = regexp.MustCompile(`(?s)<t[hd][^>]*>(.*?)</t[hd]>`)
	rowRe  = regexp.MustCompile(`(?s)<tr[^>]*>(.*?)</tr>`)
)

// statsTable reads the page's table of key: its header and rows as text.
func statsTable(t *testing.T, body, key string) [][]string {
	t.Helper()
	return tableByCaption(t, body, "stats-"+key+"-caption")
}

// tableByCaption reads the table whose caption has the id given.
func tableByCaption(t *testing.T, body, id string) [][]string {
	t.Helper()
	start := strings.Index(body, `id="`+id+`"`)
	require.Positive(t, start, id)
	end := start + strings.Index(body[start:], "</table>")
	var out [][]string
	for _, row := range rowRe.FindAllStringSubmatch(body[start:end], -1) {
		var cells []string
		for _, c := range cellRe.FindAllStringSubmatch(row[1], -1) {
			cells = append(cells, html.UnescapeString(c[1]))
		}
		out = append(out, cells)
	}
	return out
}

func TestStatisticsPageShowsTheFiguresWorkedOutByHand(t *testing.T) {
	app := statsStore(t)
	resp := app.NewClient().Get("/statistics")
	require.Equal(t, http.StatusOK, resp.Status)
	for _, tag := range scriptTag.FindAllString(resp.Body, -1) {
		assert.Contains(t, tag, `src="`+static.Path("/static/exit.js")+`"`, "the charts need no script: only the quick exit's, which is optional")
	}
	assert.NotContains(t, resp.Body, "style=", "the CSP allows no inline style")
	assert.Equal(t, [][]string{
		{"Category", "2025", "2026 (so far)"},
		{"Access requests", "12", "5"},
		{"Deletion or correction requests", "9", "0"},
		{"Deletion or correction requests that also ask for access", "fewer than 5", "0"},
		{"Applications for revision", "not shown", "0"},
		{"All", "30", "5"},
	}, statsTable(t, resp.Body, "received"), "3 is small; 6, the smallest other count, would give it back as 30-12-9-6")
	assert.Equal(t, [][]string{
		{"Category", "2025", "2026 (so far)"},
		{"Africa", "0", "5"}, {"Americas", "fewer than 5", "0"}, {"Asia", "11", "0"}, {"Europe", "10", "0"},
		{"Oceania", "0", "0"}, {"Source unknown or not a country", "not shown", "0"}, {"All", "30", "5"},
	}, statsTable(t, resp.Body, "regions"))
	assert.Equal(t, [][]string{
		{"Category", "2025", "2026 (so far)"},
		{"Compliant with INTERPOL's rules: data kept", "5", "0"}, {"Compliant after the source updated the data", "0", "0"},
		{"Not compliant: data deleted", "7", "0"}, {"Deleted because the source did not reply", "0", "0"},
		{"Not compliant: data corrected", "0", "0"}, {"Other corrective measures", "0", "0"},
		{"Deleted before a decision", "0", "0"}, {"Found inadmissible by the Chamber", "0", "0"}, {"Withdrawn", "0", "0"},
		{"Closed without a decision", "0", "0"}, {"All", "12", "0"},
	}, statsTable(t, resp.Body, "deletion_outcomes"))
	assert.Equal(t, [][]string{{"Category", "2025", "2026 (so far)"}, {"Requests for provisional measures", "fewer than 5", "0"}},
		statsTable(t, resp.Body, "measures_asked"))
	// 12 of 18 assessed were admissible; all 12 decisions within 9 months, 82 days each.
	assert.Equal(t, [][]string{{"Category", "2025", "2026 (so far)"}, {"Found admissible", "67%", "not shown"}},
		statsTable(t, resp.Body, "admissible"))
	assert.Equal(t, [][]string{{"Category", "2025", "2026 (so far)"}, {"Access requests", "not shown", "not shown"},
		{"Deletion or correction requests", "100%", "not shown"}}, statsTable(t, resp.Body, "time_limits"))
	assert.Equal(t, [][]string{{"Category", "2025", "2026 (so far)"}, {"Access requests", "not shown", "not shown"},
		{"Deletion or correction requests", "82 days", "not shown"}}, statsTable(t, resp.Body, "median_days"))
	assert.Contains(t, resp.Body, "any count above zero and below 5 is shown as “fewer than 5”")
	assert.Contains(t, resp.Body, `<svg class="chart"`)
	assert.Contains(t, app.NewClient().Get("/").Body, `href="/statistics"`, "linked from every page's footer")
}

// TestStatisticsPageResistsSubtraction checks, on the page as published,
// that no year of a table with a total hides exactly one figure.
func TestStatisticsPageResistsSubtraction(t *testing.T) {
	app := statsStore(t)
	body := app.NewClient().Get("/statistics").Body
	for _, key := range []string{"received", "regions", "deletion_outcomes", "access_outcomes", "measures_decided"} {
		tbl := statsTable(t, body, key)
		last := tbl[len(tbl)-1]
		require.Equal(t, "All", last[0], key)
		for col := 1; col < len(last); col++ {
			if last[col] == "not shown" || strings.HasPrefix(last[col], "fewer") {
				continue
			}
			hidden := 0
			for _, row := range tbl[1 : len(tbl)-1] {
				if _, err := strconv.Atoi(strings.ReplaceAll(row[col], ",", "")); err != nil {
					hidden++
				}
			}
			assert.NotEqual(t, 1, hidden, "%s, column %d: one hidden figure is its total minus the others", key, col)
		}
	}
}

func TestStatisticsCSVHoldsExactlyThePagesFigures(t *testing.T) {
	app := statsStore(t)
	for _, lang := range []string{"en", "fr", "es", "ar"} {
		c := app.NewClient()
		c.Header.Set("Accept-Language", lang)
		page := c.Get("/statistics").Body
		resp := c.Get("/statistics.csv")
		require.Equal(t, http.StatusOK, resp.Status, lang)
		assert.Equal(t, "text/csv; charset=utf-8", resp.Header.Get("Content-Type"))
		assert.Equal(t, `attachment; filename="ccf-statistics-2026-03-02.csv"`, resp.Header.Get("Content-Disposition"))
		require.True(t, strings.HasPrefix(resp.Body, "\ufeff"), "%s: a UTF-8 byte order mark, for spreadsheet programs", lang)
		records, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(resp.Body, "\ufeff"))).ReadAll()
		require.NoError(t, err, lang)
		require.Equal(t, []string{"table", "table_title", "category", "category_label", "year", "unit", "value", "status", "value_text"}, records[0])
		tables := map[string][][]string{}
		for _, rec := range records[1:] {
			key, label, year, value, status, text := rec[0], rec[3], rec[4], rec[6], rec[7], rec[8]
			tbl, ok := tables[key]
			if !ok {
				tbl = statsTable(t, page, key)
				tables[key] = tbl
			}
			col := slicesIndexFunc(tbl[0], func(h string) bool { return strings.HasPrefix(h, year) })
			require.Positive(t, col, "%s %s: year %s on the page", lang, key, year)
			var row []string
			for _, r := range tbl[1:] {
				if r[0] == label {
					row = r
				}
			}
			require.NotNil(t, row, "%s %s: row %q on the page", lang, key, label)
			assert.Equal(t, row[col], text, "%s %s %s %s", lang, key, label, year)
			if status != "shown" {
				assert.Empty(t, value, "a hidden figure has no value in the file")
			}
		}
		assert.Len(t, tables, 10, lang)
	}
	en := app.NewClient().Get("/statistics.csv").Body
	assert.Contains(t, en, "received,\"Requests received, by kind\",deletion_with_access,Deletion or correction requests that also ask for access,2025,count,,small,fewer than 5\n")
	assert.Contains(t, en, "received,\"Requests received, by kind\",revision,Applications for revision,2025,count,,withheld,not shown\n")
	assert.Contains(t, en, "received,\"Requests received, by kind\",total,All,2025,count,30,shown,30\n")
}

func slicesIndexFunc(list []string, f func(string) bool) int {
	for i, s := range list {
		if f(s) {
			return i
		}
	}
	return -1
}

func TestStatisticsPageInTheFourLanguages(t *testing.T) {
	app := statsStore(t)
	for lang, want := range map[string]string{"en": "Statistics on requests and decisions", "fr": "Statistiques sur les demandes et les décisions",
		"es": "Estadísticas sobre solicitudes y decisiones", "ar": "إحصاءات الطلبات والقرارات"} {
		c := app.NewClient()
		c.Header.Set("Accept-Language", lang)
		resp := c.Get("/statistics")
		require.Equal(t, http.StatusOK, resp.Status, lang)
		assert.Contains(t, resp.Body, `<html lang="`+lang+`"`)
		assert.Contains(t, resp.Body, "<h1>"+want+"</h1>")
		assert.NotContains(t, resp.Body, "stats.", "%s: no message key left untranslated", lang)
	}
	c := app.NewClient()
	c.Header.Set("Accept-Language", "ar")
	body := c.Get("/statistics").Body
	assert.Contains(t, body, `dir="rtl"`)
	assert.Contains(t, body, `direction="rtl"`)
	// The first bar of the first chart ends at the right edge: bars grow
	// from the right on an Arabic page.
	bar := regexp.MustCompile(`<rect x="(\d+)" y="\d+" width="(\d+)"`).FindStringSubmatch(body)
	require.NotNil(t, bar)
	x, _ := strconv.Atoi(bar[1])
	w, _ := strconv.Atoi(bar[2])
	assert.Equal(t, 360, x+w)
	assert.Equal(t, "أقل من 5", statsTable(t, body, "received")[3][1])

	en := app.NewClient().Get("/statistics").Body
	bar = regexp.MustCompile(`<rect x="(\d+)"`).FindStringSubmatch(en)
	assert.Equal(t, "0", bar[1], "and from the left on the others")
}

func TestStatisticsThresholdIsConfigurable(t *testing.T) {
	app := statsStore(t, func(c *web.Config) { c.StatsThreshold = 10 })
	tbl := statsTable(t, app.NewClient().Get("/statistics").Body, "received")
	assert.Equal(t, []string{"Access requests", "12", "fewer than 10"}, tbl[1])
	assert.Equal(t, []string{"Deletion or correction requests", "fewer than 10", "0"}, tbl[2])
	assert.Equal(t, []string{"All", "30", "fewer than 10"}, tbl[5], "a small total is hidden too")
}

func TestStatisticsAreCountedAgainAfterAWhile(t *testing.T) {
	app := statsStore(t)
	c := app.NewClient()
	require.Equal(t, "5", statsTable(t, c.Get("/statistics").Body, "received")[1][2])
	insertStatsFilings(t, app, []statsFiling{{3, "access", false, "NG", time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC), "", ""}})
	assert.Equal(t, "5", statsTable(t, c.Get("/statistics").Body, "received")[1][2], "one count serves every visitor for a while")
	app.Clock.Advance(11 * time.Minute)
	assert.Equal(t, "8", statsTable(t, c.Get("/statistics").Body, "received")[1][2])
}
