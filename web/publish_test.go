package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/static"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

// decidedDeletion files a deletion request (political ground) for Amal
// Haddad, born 14 February 1984, passport N1234567, amal@example.org, and
// records the Chamber's decision on it in 2026: deleted.
func decidedDeletion(t *testing.T, app *webtest.App) string {
	t.Helper()
	req := deskFileDeletion(t, app.Petitioner("amal@example.org"))
	id := requestID(t, req)
	staff := app.QueryInt(`SELECT MIN(id) FROM users WHERE role = 'staff'`)
	at := webtest.Start.Add(-24 * time.Hour).Unix()
	app.Exec(`INSERT INTO decisions (request_id, reference, outcome, reasons, decided_by, decided_at)
		VALUES (?, 'D-1', 'non_compliant_deletion', 'r', ?, ?)`, id, staff, at)
	app.Exec(`UPDATE requests SET status = 'decided', decided_at = ? WHERE id = ?`, at, id)
	return req
}

// publish posts an excerpt of req's decision as c.
func publish(t *testing.T, c *webtest.Client, req, session, excerpt string) *webtest.Response {
	t.Helper()
	form := deskPath(req) + "/publication"
	return c.Submit(form, form, url.Values{"session": {session}, "excerpt": {excerpt}})
}

const cleanExcerpt = "The applicant argued that the diffusion was political. The source did not reply. The Commission found the data not compliant."

func TestPublicationRefusesAnExcerptThatNamesThePerson(t *testing.T) {
	app := webtest.New(t)
	chamber := app.Chamber("judge@ccf.example")
	req := decidedDeletion(t, app)
	for excerpt, want := range map[string]string{
		"Ms HADDAD argued that...":              "name of the person concerned",
		"Mme Ḥaddād a soutenu que...":           "name of the person concerned",
		"The applicant,  amal  haddad , argued": "name of the person concerned",
		"born on 1984-02-14":                    "date of birth",
		"née le 14/02/1984":                     "date of birth",
		"born 14 February 1984":                 "date of birth",
		"nacida el 14 de febrero de 1984":       "date of birth",
		"née le 14 février 1984":                "date of birth",
		"مولودة في ١٤ فبراير ١٩٨٤":              "date of birth",
		"passport n 123-4567":                   "identity document",
		"write to AMAL@Example.ORG":             "e-mail address",
		"write to amal @ example . org":         "e-mail address",
	} {
		resp := publish(t, chamber, req, "2026 session 1", excerpt)
		require.Equal(t, http.StatusUnprocessableEntity, resp.Status, excerpt)
		assert.Contains(t, webtest.ErrorSummaryText(resp.Body), want, excerpt)
	}
	resp := publish(t, chamber, req, "Haddad session", cleanExcerpt)
	require.Equal(t, http.StatusUnprocessableEntity, resp.Status, "the session label is checked too")
	assert.Zero(t, app.QueryInt(`SELECT COUNT(*) FROM published_decisions`), "nothing refused is kept")
	assert.Equal(t, int64(13), app.QueryInt(`SELECT COUNT(*) FROM audit_log WHERE action = 'publication_refused' AND request_id = ?`, requestID(t, req)))
	assert.Equal(t, int64(2), app.QueryInt(`SELECT COUNT(*) FROM audit_log WHERE action = 'publication_refused' AND detail = 'found=email'`),
		"the audit keeps the kind found, never the text")
	assert.Zero(t, app.QueryInt(`SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%addad%' OR detail LIKE '%1984%'`))
	assert.NotContains(t, strings.ToLower(app.Logs.String()), "haddad")
	assertAuditIntact(t, app)
}

func TestPublicationNeedsASecondStaffMember(t *testing.T) {
	app := webtest.New(t)
	judge := app.Chamber("judge@ccf.example")
	clerk := app.Staff("clerk@ccf.example")
	req := decidedDeletion(t, app)
	visitor := app.NewClient()

	assert.Contains(t, judge.Get(deskPath(req)).Body, deskPath(req)+"/publication", "the Chamber is offered the step")
	resp := publish(t, judge, req, "2026 session 1", cleanExcerpt)
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	assert.NotContains(t, visitor.Get("/decisions").Body, "The source did not reply", "a draft is not public")

	pid := app.QueryInt(`SELECT id FROM published_decisions`)
	approve := "/staff/publications/" + itoa(pid) + "/approve"
	list := judge.Get("/staff/publications")
	assert.NotContains(t, list.Body, approve, "no approve button for the author")
	resp = judge.Submit("/staff/publications", approve, url.Values{})
	assert.Equal(t, http.StatusForbidden, resp.Status, "the author cannot approve their own")
	assert.Equal(t, int64(1), app.QueryInt(`SELECT COUNT(*) FROM published_decisions WHERE state = 'draft'`))

	resp = clerk.Submit("/staff/publications", approve, url.Values{})
	require.Equal(t, http.StatusSeeOther, resp.Status)
	public := visitor.Get("/decisions")
	require.Equal(t, http.StatusOK, public.Status)
	assert.Contains(t, public.Body, "The source did not reply")
	assert.Contains(t, public.Body, "2026 session 1")
	assert.Contains(t, public.Body, "Political, military, religious or racial character")
	assert.NotContains(t, public.Body, "CCF-", "no case reference on the public page")

	withdraw := "/staff/publications/" + itoa(pid) + "/withdraw"
	resp = clerk.Submit("/staff/publications", withdraw, url.Values{})
	require.Equal(t, http.StatusSeeOther, resp.Status)
	assert.NotContains(t, visitor.Get("/decisions").Body, "The source did not reply", "withdrawn is hidden")
	assert.Equal(t, []string{"publication_save", "publication_approve", "publication_withdraw"},
		filterPrefix(auditActions(t, app, req), "publication_"))
	assertAuditIntact(t, app)
}

func TestOnlyTheChamberWritesExcerpts(t *testing.T) {
	app := webtest.New(t)
	clerk := app.Staff("clerk@ccf.example")
	admin := app.Administrator("admin@ccf.example")
	req := decidedDeletion(t, app)
	for _, c := range []*webtest.Client{clerk, admin} {
		assert.NotContains(t, c.Get(deskPath(req)).Body, deskPath(req)+"/publication", "no button")
		assert.Equal(t, http.StatusForbidden, c.Get(deskPath(req)+"/publication").Status)
		token := webtest.CSRFFrom(t, c.Get("/staff").Body)
		resp := c.PostForm(deskPath(req)+"/publication", url.Values{"_csrf": {token}, "excerpt": {cleanExcerpt}})
		assert.Equal(t, http.StatusForbidden, resp.Status)
	}
	lawyer := app.Counsel("lawyer@example.org")
	assert.NotEqual(t, http.StatusOK, lawyer.Get("/staff/publications").Status)
	judge := app.Chamber("judge@ccf.example")
	assert.Equal(t, http.StatusNotFound, judge.Get("/staff/requests/999999/publication").Status)
	open := deskFileAccess(t, app.Petitioner("other@example.org"))
	assert.Equal(t, http.StatusConflict, judge.Get(deskPath(open)+"/publication").Status, "not decided yet")
	assert.Zero(t, app.QueryInt(`SELECT COUNT(*) FROM published_decisions`))
}

// insertPublished stores an approved publication on a new decided case.
func insertPublished(t *testing.T, app *webtest.App, year int, kind, grounds, outcome, session, excerpt string) {
	t.Helper()
	filer, staff := userID(t, app, "lawyer@example.org"), userID(t, app, "clerk@ccf.example")
	judge := userID(t, app, "judge@ccf.example")
	n := app.QueryInt(`SELECT COUNT(*) FROM requests`) + 1
	app.Exec(`INSERT INTO requests (reference, kind, status, filer_id, answers, created_at, updated_at, submitted_at)
		VALUES (?, ?, 'decided', ?, '{}', 0, 0, 1)`, "CCF-2020-"+itoa(n), kind, filer)
	app.Exec(`INSERT INTO published_decisions (request_id, year, session, kind, grounds, outcome, excerpt, search_text, state,
		author_id, updated_at, approved_by, approved_at) VALUES ((SELECT MAX(id) FROM requests), ?, ?, ?, ?, ?, ?, ?, 'published', ?, 0, ?, ?)`,
		year, session, kind, grounds, outcome, excerpt, " "+strings.ToLower(session+" "+excerpt)+" ", judge, staff, n)
}

func TestDecisionsFiltersSearchAndPages(t *testing.T) {
	app := webtest.New(t)
	app.Counsel("lawyer@example.org")
	app.Staff("clerk@ccf.example")
	app.Chamber("judge@ccf.example")
	insertPublished(t, app, 2024, "deletion", " refugee ", "non_compliant_deletion", "2024 session 2", "refugie status recognised by the host country")
	insertPublished(t, app, 2025, "deletion", " political human_rights ", "compliant", "2025 session 1", "the charges were ordinary crimes")
	insertPublished(t, app, 2025, "access", "", "no_data", "", "no data were held")
	for range 21 {
		insertPublished(t, app, 2023, "revision", "", "rejected", "", "no new fact was shown")
	}
	c := app.NewClient()
	count := func(q string) string {
		resp := c.Get("/decisions?" + q)
		require.Equal(t, http.StatusOK, resp.Status)
		return regexpFind(t, resp.Body, `Decisions found: (\d+)`)
	}
	assert.Equal(t, "24", count(""))
	assert.Equal(t, "2", count("year=2025"))
	assert.Equal(t, "1", count("year=2025&kind=access"))
	assert.Equal(t, "1", count("ground=political"))
	assert.Equal(t, "0", count("ground=political&year=2024"))
	assert.Equal(t, "1", count("outcome=non_compliant_deletion"))
	assert.Equal(t, "1", count("q=Réfugié"), "accents and case do not matter")
	assert.Equal(t, "1", count("q=CHARGES+ordinary"), "every word must be there")
	assert.Equal(t, "1", count("q=charg"), "a word is found from its start")
	assert.Equal(t, "0", count("q=harges"))
	assert.Equal(t, "24", count("q=%25_"), "punctuation, LIKE wildcards included, is no search word")
	assert.Equal(t, "24", count("kind=bogus&year=x"), "unknown values are ignored")

	first := c.Get("/decisions")
	assert.Equal(t, 20, strings.Count(first.Body, `<article class="card"`))
	assert.Contains(t, first.Body, `href="/decisions?page=2"`)
	second := c.Get("/decisions?page=2")
	assert.Equal(t, 4, strings.Count(second.Body, `<article class="card"`))
	assert.Contains(t, second.Body, "Page 2 of 2")
	assert.Contains(t, c.Get("/decisions?year=2023&page=2").Body, `href="/decisions?year=2023"`, "the filter is kept across pages")
}

func TestDecisionsPageIsPublicInFourLanguagesWithoutScripts(t *testing.T) {
	app := webtest.New(t)
	app.Counsel("lawyer@example.org")
	app.Staff("clerk@ccf.example")
	app.Chamber("judge@ccf.example")
	insertPublished(t, app, 2025, "deletion", " political ", "compliant", "2025 session 1", "the charges were ordinary crimes")
	for _, lang := range []string{"en", "fr", "es", "ar"} {
		c := app.NewClient()
		c.Header.Set("Accept-Language", lang)
		resp := c.Get("/decisions")
		require.Equal(t, http.StatusOK, resp.Status, lang)
		assert.Contains(t, resp.Body, `<html lang="`+lang+`"`)
		assert.NotContains(t, resp.Body, "publish.", "%s: no key left untranslated", lang)
		assert.NotContains(t, resp.Body, "decision.outcome.", lang)
		for _, tag := range scriptTag.FindAllString(resp.Body, -1) {
			assert.Contains(t, tag, `src="`+static.Path("/static/exit.js")+`"`, "only the optional quick exit's script")
		}
		assert.Contains(t, resp.Body, `href="/decisions"`, "linked from the footer")
	}
	assert.Contains(t, app.NewClient().Get("/statistics").Body, `href="/decisions"`)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func filterPrefix(list []string, prefix string) []string {
	var out []string
	for _, s := range list {
		if strings.HasPrefix(s, prefix) {
			out = append(out, s)
		}
	}
	return out
}
