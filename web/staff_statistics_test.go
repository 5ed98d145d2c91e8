package web_test

import (
	"encoding/csv"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/static"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

func TestStaffStatisticsShowEveryFigureFilteredWithWorkloadAndAges(t *testing.T) {
	app := statsStore(t)
	staff := app.Login("clerk@ccf.example")
	clerk := userID(t, app, "clerk@ccf.example")
	// Three of the 2025 deletion requests from Turkey are still open, one
	// assigned to the clerk and past its due date: filed 10 March 2025, so
	// between 9 and 12 months old on 2 March 2026.
	app.Exec(`UPDATE requests SET status = 'decided'`)
	app.Exec(`UPDATE requests SET status = 'under_review', assignee_id = ?, due_at = ? WHERE id = (SELECT MIN(id) FROM requests WHERE kind = 'deletion' AND source_country = 'TR')`,
		clerk, webtest.Start.AddDate(0, 0, -1).Unix())
	app.Exec(`UPDATE requests SET status = 'under_review' WHERE id IN (SELECT id FROM requests WHERE kind = 'deletion' AND source_country = 'TR' ORDER BY id LIMIT 2 OFFSET 1)`)

	resp := staff.Get("/staff/statistics?year=2025")
	require.Equal(t, http.StatusOK, resp.Status)
	for _, tag := range scriptTag.FindAllString(resp.Body, -1) {
		assert.Contains(t, tag, `src="`+static.Path("/static/exit.js")+`"`, "the charts need no script: only the quick exit's, which is optional")
	}
	assert.Equal(t, [][]string{
		{"Category", "2025"},
		{"Access requests", "12"}, {"Deletion or correction requests", "9"},
		{"Deletion or correction requests that also ask for access", "3"}, {"Applications for revision", "6"},
		{"All", "30"},
	}, statsTable(t, resp.Body, "received"), "staff see the small counts")
	assert.Equal(t, [][]string{{"Staff member", "Open cases", "Of which overdue"},
		{"Not assigned", "2", "0"}, {`<span dir="auto">Staff clerk@ccf.example</span>`, "1", "1"}},
		tableByCaption(t, resp.Body, "workload-caption"))
	assert.Equal(t, []string{"Deletion or correction requests", "0", "0", "0", "3", "0"}, tableByCaption(t, resp.Body, "ages-caption")[2],
		"filed on 10 March 2025: between 9 and 12 months old")

	resp = staff.Get("/staff/statistics?year=2025&kind=deletion&country=TR")
	require.Equal(t, http.StatusOK, resp.Status)
	assert.Equal(t, []string{"Deletion or correction requests", "7"}, statsTable(t, resp.Body, "received")[2])
	assert.Equal(t, []string{"All", "7"}, statsTable(t, resp.Body, "received")[5], "Venezuela and France filtered out")
	assert.Contains(t, resp.Body, `<option value="TR" selected>`)
	assert.Contains(t, resp.Body, `<label for="session">Decided at the Chamber&#39;s session</label>`, "a filter by the Chamber's session")
}

func TestStaffStatisticsExportIsAuditedAndStaffOnly(t *testing.T) {
	app := statsStore(t)
	lawyer := app.Login("lawyer@example.org")
	assert.NotEqual(t, http.StatusOK, lawyer.Get("/staff/statistics").Status)
	assert.NotEqual(t, http.StatusOK, lawyer.Get("/staff/statistics.csv").Status)
	assert.Equal(t, http.StatusSeeOther, app.NewClient().Get("/staff/statistics.csv").Status, "visitors are sent to sign in")
	assert.Zero(t, app.QueryInt(`SELECT COUNT(*) FROM audit_log WHERE action = 'stats_export'`))

	staff := app.Login("clerk@ccf.example")
	resp := staff.Get("/staff/statistics.csv?year=2025&kind=deletion")
	require.Equal(t, http.StatusOK, resp.Status)
	assert.Equal(t, "text/csv; charset=utf-8", resp.Header.Get("Content-Type"))
	assert.Equal(t, `attachment; filename="ccf-staff-statistics-2025-2026-03-02.csv"`, resp.Header.Get("Content-Disposition"))
	require.True(t, strings.HasPrefix(resp.Body, "\ufeff"), "a UTF-8 byte order mark, for spreadsheet programs")
	records, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(resp.Body, "\ufeff"))).ReadAll()
	require.NoError(t, err)
	assert.Contains(t, records, []string{"received", "Requests received, by kind", "deletion_with_access",
		"Deletion or correction requests that also ask for access", "2025", "count", "3", "shown", "3"})
	assert.Equal(t, int64(1), app.QueryInt(`SELECT COUNT(*) FROM audit_log WHERE action = 'stats_export' AND actor_id = ? AND detail = ?`,
		userID(t, app, "clerk@ccf.example"), "year=2025 kind=deletion country= session=0"))
	assert.Contains(t, staff.Get("/staff").Body, `href="/staff/statistics"`, "linked from the queue")
}

func TestStaffStatisticsInTheFourLanguages(t *testing.T) {
	app := statsStore(t)
	for _, lang := range []string{"en", "fr", "es", "ar"} {
		staff := app.Login("clerk@ccf.example")
		staff.Header.Set("Accept-Language", lang)
		resp := staff.Get("/staff/statistics?year=2025")
		require.Equal(t, http.StatusOK, resp.Status, lang)
		assert.Contains(t, resp.Body, `<html lang="`+lang+`"`)
		assert.NotContains(t, resp.Body, "stats.", "%s: no message key left untranslated", lang)
	}
}
