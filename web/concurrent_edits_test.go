package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/views"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

// sharedDraft is an access draft that a counsel and a colleague of the same
// firm can both edit, filled in completely.
func sharedDraft(t *testing.T, app *webtest.App) (lead, colleague *webtest.Client, draft string) {
	t.Helper()
	lead = app.CounselOf("Lead Counsel", "lead@firm.example", "Justice Partners")
	colleague = app.CounselOf("Colleague Counsel", "colleague@firm.example", "Justice Partners")
	record := lead.AddApplicant(webtest.ApplicantRecord("Amal Haddad", "2030"))
	resp := lead.Submit(record, record+"/access", url.Values{"email": {"colleague@firm.example"}})
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	draft = lead.StartFilingFor(record, "access")
	lead.FillAccessRequest(draft, true)
	return lead, colleague, draft
}

// savedAnswers reads a draft's answers straight from the store.
func savedAnswers(t *testing.T, app *webtest.App, draft string) domain.Answers {
	t.Helper()
	id, err := strconv.ParseInt(strings.TrimPrefix(draft, "/requests/"), 10, 64)
	require.NoError(t, err)
	var body string
	require.NoError(t, app.DB.Reader().QueryRowContext(context.Background(),
		`SELECT answers FROM requests WHERE id = ?`, id).Scan(&body))
	var a domain.Answers
	require.NoError(t, json.Unmarshal([]byte(body), &a))
	return a
}

// formValues are what a section's form posts when its page shows the
// saved answers and one field is changed: a browser posts the whole form.
func formValues(t *testing.T, saved domain.Answers, section, field, value string) url.Values {
	t.Helper()
	s, ok := domain.SectionByKey(domain.KindAccess, section)
	require.True(t, ok)
	v := url.Values{}
	for k, x := range views.AnswersForm(s, saved, nil).Values {
		v.Set(k, x)
	}
	v.Set(field, value)
	return v
}

// edit is one person's save in a round: the section page they opened and
// the one field they changed in it.
type edit struct {
	who            *webtest.Client
	section, field string
	value          string
}

func TestTwoPeopleSavingOneDraftAtOnceLoseNoAcknowledgedAnswer(t *testing.T) {
	app := webtest.New(t)
	lead, colleague, draft := sharedDraft(t, app)

	const rounds = 100
	lost, acknowledged, refused := 0, 0, 0
	for i := range rounds {
		a := edit{lead, "applicant", "full_name", fmt.Sprintf("Amal Haddad %d", i)}
		var b edit
		switch i % 3 {
		case 0: // different sections
			b = edit{colleague, "contact", "contact_phone", fmt.Sprintf("+49 30 %07d", i)}
		case 1: // the same section, different fields
			b = edit{colleague, "applicant", "birth_place", fmt.Sprintf("Aleppo district %d", i)}
		case 2: // the same field: one of them must be told
			b = edit{colleague, "applicant", "full_name", fmt.Sprintf("Amal Al-Haddad %d", i)}
		}
		edits := []edit{a, b}
		pages := make([]string, 2)
		posts := make([]url.Values, 2)
		before := savedAnswers(t, app, draft)
		for k, e := range edits {
			page := e.who.Get(draft + "/section/" + e.section)
			require.Equal(t, http.StatusOK, page.Status)
			pages[k] = page.Body
			posts[k] = formValues(t, before, e.section, e.field, e.value)
		}
		statuses := make([]int, 2)
		release := make(chan struct{})
		var wg sync.WaitGroup
		for k, e := range edits {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-release
				statuses[k] = postFrom(e.who, app, pages[k], draft+"/section/"+e.section, posts[k])
			}()
		}
		close(release)
		wg.Wait()

		saved := savedAnswers(t, app, draft)
		for k, e := range edits {
			switch statuses[k] {
			case http.StatusSeeOther, http.StatusUnprocessableEntity:
				acknowledged++
				if saved[e.field] != e.value {
					lost++
				}
			case http.StatusConflict:
				refused++
			default:
				t.Fatalf("round %d: unexpected status %d", i, statuses[k])
			}
		}
		if i%3 == 2 {
			assert.ElementsMatch(t, []int{http.StatusSeeOther, http.StatusConflict}, statuses,
				"round %d: one save of the same field wins, the other is told", i)
		} else {
			assert.Equal(t, []int{http.StatusSeeOther, http.StatusSeeOther}, statuses, "round %d", i)
		}
	}
	t.Logf("%d rounds: %d saves acknowledged, %d refused as conflicts, %d acknowledged answers lost",
		rounds, acknowledged, refused, lost)
	assert.Zero(t, lost, "no acknowledged answer is lost")
	assert.Equal(t, rounds*2-rounds/3, acknowledged)
}

// postFrom posts values as the form of page would, from any goroutine: it
// reports failures as status 0 instead of stopping the test.
func postFrom(c *webtest.Client, app *webtest.App, page, action string, values url.Values) int {
	for k, v := range webtest.VersionsFrom(page) {
		if _, set := values[k]; !set {
			values[k] = v
		}
	}
	values.Set("_csrf", csrfOf(page))
	req, err := http.NewRequest(http.MethodPost, app.Server.URL+action, strings.NewReader(values.Encode()))
	if err != nil {
		return 0
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

func csrfOf(page string) string {
	const marker = `name="_csrf" value="`
	i := strings.Index(page, marker)
	if i < 0 {
		return ""
	}
	rest := page[i+len(marker):]
	return rest[:strings.Index(rest, `"`)]
}

func TestASaveFromAStaleCopyOfAFieldIsRefusedAndShowsBothAnswers(t *testing.T) {
	app := webtest.New(t)
	lead, colleague, draft := sharedDraft(t, app)
	section := draft + "/section/contact"

	before := savedAnswers(t, app, draft)
	stale := lead.Get(section)
	colleague.SaveSection(draft, "contact", formValues(t, before, "contact", "contact_safety", "Do not call before 18:00."))

	mine := formValues(t, before, "contact", "contact_safety", "Write only, never call.")
	resp := lead.SubmitFrom(stale.Body, section, mine)
	assert.Equal(t, http.StatusConflict, resp.Status)
	assert.Contains(t, resp.Body, "Someone else saved a different answer here while you were editing")
	assert.Contains(t, resp.Body, "Do not call before 18:00.", "the other person's saved answer is shown")
	assert.Contains(t, resp.Body, ">Write only, never call.</textarea>", "the typed answer stays in the form")
	assert.Contains(t, resp.Body, "<title>Error:")
	assert.Equal(t, "Do not call before 18:00.", savedAnswers(t, app, draft)["contact_safety"], "nothing overwritten")

	// Saving again from the conflict page is a choice made having seen the
	// other answer: it replaces it.
	again := lead.SubmitFrom(resp.Body, section, formValues(t, before, "contact", "contact_safety", "Write only, never call."))
	require.Equal(t, http.StatusSeeOther, again.Status, webtest.ErrorSummaryText(again.Body))
	assert.Equal(t, "Write only, never call.", savedAnswers(t, app, draft)["contact_safety"])
}

func TestUnstorableAnswersAreRefusedWithAMessageAndNotStored(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	draft := c.StartAccessRequest()
	c.FillAccessRequest(draft, false)
	section := draft + "/section/applicant"

	saved := savedAnswers(t, app, draft)
	nul := c.Submit(section, section, formValues(t, saved, "applicant", "other_names", "Amal\x00Haddad"))
	assert.Equal(t, http.StatusUnprocessableEntity, nul.Status)
	assert.Contains(t, nul.Body, "This answer contains characters that cannot be stored")
	assert.NotContains(t, savedAnswers(t, app, draft)["other_names"], "\x00", "nothing stored")
	assert.Equal(t, "Amal Al-Haddad\nأمل حداد", savedAnswers(t, app, draft)["other_names"])

	long := c.Submit(section, section, formValues(t, saved, "applicant", "full_name", strings.Repeat("A", 100_000)))
	assert.Equal(t, http.StatusUnprocessableEntity, long.Status)
	assert.Contains(t, long.Body, "This answer must be 200 characters or fewer")
	assert.Equal(t, "Amal Haddad", savedAnswers(t, app, draft)["full_name"], "the answer far over its limit is not stored")

	tabs := c.Submit(section, section, formValues(t, saved, "applicant", "other_names", "Amal\tHaddad\r\nA. H."))
	require.Equal(t, http.StatusSeeOther, tabs.Status, "tabs and line breaks are fine in a paragraph")
	assert.Equal(t, "Amal\tHaddad\nA. H.", savedAnswers(t, app, draft)["other_names"])
}

// sharedDeletionDraft is a deletion draft that a counsel and a colleague of
// the same firm can both edit, with the "political" ground explained.
func sharedDeletionDraft(t *testing.T, app *webtest.App) (lead, colleague *webtest.Client, draft string) {
	t.Helper()
	lead = app.CounselOf("Lead Counsel", "lead@firm.example", "Justice Partners")
	colleague = app.CounselOf("Colleague Counsel", "colleague@firm.example", "Justice Partners")
	record := lead.AddApplicant(webtest.ApplicantRecord("Amal Haddad", "2030"))
	resp := lead.Submit(record, record+"/access", url.Values{"email": {"colleague@firm.example"}})
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	draft = lead.StartFilingFor(record, "deletion")
	lead.ChooseGrounds(draft, map[string]string{"political": "Because of my articles."}, "political")
	return lead, colleague, draft
}

func groundsOf(t *testing.T, app *webtest.App, draft string) map[domain.GroundCode]string {
	t.Helper()
	id, err := strconv.ParseInt(strings.TrimPrefix(draft, "/requests/"), 10, 64)
	require.NoError(t, err)
	grounds, err := app.DB.RequestGrounds(context.Background(), id)
	require.NoError(t, err)
	out := map[domain.GroundCode]string{}
	for _, g := range grounds {
		out[g.Code] = g.Explanation
	}
	return out
}

func TestAStaleChecklistNeitherDropsAGroundExplainedMeanwhileNorOneChosenMeanwhile(t *testing.T) {
	app := webtest.New(t)
	lead, colleague, draft := sharedDeletionDraft(t, app)
	checklist := draft + "/grounds"

	stale := lead.Get(checklist)
	// Meanwhile the colleague rewrites the explanation and chooses another ground.
	explain := colleague.Submit(draft+"/grounds/political", draft+"/grounds/political",
		url.Values{"explanation": {"Because of my articles on the 2019 elections."}})
	require.Equal(t, http.StatusSeeOther, explain.Status, webtest.ErrorSummaryText(explain.Body))
	fresh := colleague.Get(checklist)
	added := colleague.SubmitFrom(fresh.Body, checklist, url.Values{"grounds": {"political", "human_rights"}})
	require.Equal(t, http.StatusSeeOther, added.Status, webtest.ErrorSummaryText(added.Body))

	// The lead, on the old page, swaps "political" for "refugee".
	resp := lead.SubmitFrom(stale.Body, checklist, url.Values{"grounds": {"refugee"}})
	assert.Equal(t, http.StatusConflict, resp.Status)
	assert.Contains(t, resp.Body, "is still chosen: someone else changed its explanation or evidence")
	assert.Equal(t, map[domain.GroundCode]string{
		"political":    "Because of my articles on the 2019 elections.",
		"human_rights": "",
		"refugee":      "",
	}, groundsOf(t, app, draft), "the change made is saved; nothing chosen or explained by the other is lost")

	// Unticking it again, having seen it, removes it.
	again := lead.SubmitFrom(resp.Body, checklist, url.Values{"grounds": {"human_rights", "refugee"}})
	require.Equal(t, http.StatusSeeOther, again.Status, webtest.ErrorSummaryText(again.Body))
	assert.NotContains(t, groundsOf(t, app, draft), domain.GroundCode("political"))
}

func TestAStaleGroundExplanationIsRefusedAndShowsBothTexts(t *testing.T) {
	app := webtest.New(t)
	lead, colleague, draft := sharedDeletionDraft(t, app)
	page := draft + "/grounds/political"

	stale := lead.Get(page)
	resp := colleague.Submit(page, page, url.Values{"explanation": {"I was arrested after my articles of 2019."}})
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))

	conflict := lead.SubmitFrom(stale.Body, page, url.Values{"explanation": {"My newspaper was closed in 2020."}})
	assert.Equal(t, http.StatusConflict, conflict.Status)
	assert.Contains(t, conflict.Body, "I was arrested after my articles of 2019.")
	assert.Contains(t, conflict.Body, ">My newspaper was closed in 2020.</textarea>")
	assert.Equal(t, "I was arrested after my articles of 2019.", groundsOf(t, app, draft)["political"])

	merged := "I was arrested after my articles of 2019. My newspaper was closed in 2020."
	again := lead.SubmitFrom(conflict.Body, page, url.Values{"explanation": {merged}})
	require.Equal(t, http.StatusSeeOther, again.Status, webtest.ErrorSummaryText(again.Body))
	assert.Equal(t, merged, groundsOf(t, app, draft)["political"])

	nul := lead.Submit(page, page, url.Values{"explanation": {"one\x00two"}})
	assert.Equal(t, http.StatusUnprocessableEntity, nul.Status)
	assert.Contains(t, nul.Body, "characters that cannot be stored")
	assert.Equal(t, merged, groundsOf(t, app, draft)["political"])
}

// recordDetails reads an applicant record's details from the store.
func recordDetails(t *testing.T, app *webtest.App, record string) domain.Answers {
	t.Helper()
	var body string
	require.NoError(t, app.DB.Reader().QueryRow(`SELECT details FROM applicants WHERE id = ?`,
		strings.TrimPrefix(record, "/applicants/")).Scan(&body))
	var d domain.Answers
	require.NoError(t, json.Unmarshal([]byte(body), &d))
	return d
}

// recordValues is what the record form posts when it shows saved and one
// field is changed.
func recordValues(saved domain.Answers, field, value string) url.Values {
	v := url.Values{}
	for k, x := range views.RecordForm(saved, nil).Values {
		v.Set(k, x)
	}
	v.Set(field, value)
	return v
}

func TestColleaguesEditingOneApplicantRecordNeverReplaceEachOthersAnswers(t *testing.T) {
	app := webtest.New(t)
	lead := app.CounselOf("Lead Counsel", "lead@firm.example", "Justice Partners")
	colleague := app.CounselOf("Colleague Counsel", "colleague@firm.example", "Justice Partners")
	record := lead.AddApplicant(webtest.ApplicantRecord("Amal Haddad", "2030"))
	resp := lead.Submit(record, record+"/access", url.Values{"email": {"colleague@firm.example"}})
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))

	before := recordDetails(t, app, record)
	stale := lead.Get(record + "/edit")
	theirs := colleague.Submit(record+"/edit", record, recordValues(before, "contact_phone", "+33 1 23 45 67 89"))
	require.Equal(t, http.StatusSeeOther, theirs.Status, webtest.ErrorSummaryText(theirs.Body))

	other := lead.SubmitFrom(stale.Body, record, recordValues(before, "contact_address", "12 rue de la Paix, Paris"))
	require.Equal(t, http.StatusSeeOther, other.Status, webtest.ErrorSummaryText(other.Body))
	d := recordDetails(t, app, record)
	assert.Equal(t, "+33 1 23 45 67 89", d["contact_phone"], "a field the stale form did not change is kept")
	assert.Equal(t, "12 rue de la Paix, Paris", d["contact_address"])

	same := lead.SubmitFrom(stale.Body, record, recordValues(before, "contact_phone", "+49 30 7654321"))
	assert.Equal(t, http.StatusConflict, same.Status)
	assert.Contains(t, same.Body, "+33 1 23 45 67 89", "the colleague's answer is shown")
	assert.Contains(t, same.Body, `value="+49 30 7654321"`, "the typed answer stays in the form")
	assert.Equal(t, "+33 1 23 45 67 89", recordDetails(t, app, record)["contact_phone"], "nothing overwritten")

	again := lead.SubmitFrom(same.Body, record, recordValues(recordDetails(t, app, record), "contact_phone", "+49 30 7654321"))
	require.Equal(t, http.StatusSeeOther, again.Status, webtest.ErrorSummaryText(again.Body))
	assert.Equal(t, "+49 30 7654321", recordDetails(t, app, record)["contact_phone"])
}
