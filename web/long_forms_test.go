package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/web/webtest"
)

// openDetails counts the disclosures of a page that are open, by class.
func openDetails(body, class string) (open, all int) {
	for _, m := range regexp.MustCompile(`<details class="details `+class+`"( open)?>`).FindAllStringSubmatch(body, -1) {
		all++
		if m[1] != "" {
			open++
		}
	}
	return open, all
}

// The grounds come by family, each closed until it holds a chosen ground;
// the family that does says how many; with the "choose one" error only
// the first family opens, where the error summary's link lands (the first
// checkbox has the group's id), so that a phone still shows one family at
// a time.
func TestGroundsAreGroupedWithChosenOnesOpen(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	req := c.StartDeletionRequest(url.Values{"kind": {"deletion"}})

	open, all := openDetails(c.Get(req+"/grounds").Body, "ground-family")
	assert.Equal(t, 4, all, "four families of grounds")
	assert.Zero(t, open, "nothing chosen yet: every family closed")

	resp := c.Submit(req+"/grounds", req+"/grounds", url.Values{})
	require.Equal(t, http.StatusUnprocessableEntity, resp.Status)
	open, _ = openDetails(resp.Body, "ground-family")
	assert.Equal(t, 1, open, "an error opens the first family only")
	first := strings.Index(resp.Body, `id="grounds"`)
	require.Positive(t, first, "the error summary's target is on the page")
	family := strings.LastIndex(resp.Body[:first], `<details class="details ground-family"`)
	assert.Regexp(t, `^<details class="details ground-family" open`, resp.Body[family:], "the target is in the open family")

	c.ChooseGrounds(req, map[string]string{"outdated": "The case was closed in 2025."}, "outdated")
	body := c.Get(req + "/grounds").Body
	open, _ = openDetails(body, "ground-family")
	assert.Equal(t, 1, open, "only the family holding the chosen ground is open")
	assert.Contains(t, body, "(1 chosen)")
	assert.Regexp(t, `<input type="checkbox" name="grounds" value="outdated"[^>]* checked`, body)
}

// What INTERPOL may hold comes in two topics; the reference numbers and
// date, and the less common notices, are disclosures that open by
// themselves once they hold an answer or a problem.
func TestDataSectionOpensWhatHoldsAnAnswerOrAnError(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	req := c.StartAccessRequest()
	page := req + "/section/data"

	body := c.Get(page).Body
	assert.Len(t, regexp.MustCompile(`<h2 class="field-group-heading">`).FindAllString(body, -1), 2, "two topics")
	more, _ := openDetails(body, "field-group-more")
	kinds, _ := openDetails(body, "radio-more")
	assert.Zero(t, more+kinds, "nothing answered: the disclosures are closed")

	// A bad date in a closed disclosure opens it, with the answer kept.
	resp := c.Submit(page, page, url.Values{"data_kind": {"purple_notice"}, "source_country": {"TR"},
		"learned_how": {"online"}, "learned_date-day": {"40"}, "learned_date-month": {"13"}, "learned_date-year": {"2024"}})
	require.Contains(t, []int{http.StatusSeeOther, http.StatusUnprocessableEntity}, resp.Status)
	body = c.Get(page).Body
	more, _ = openDetails(body, "field-group-more")
	kinds, _ = openDetails(body, "radio-more")
	assert.Equal(t, 1, more, "the reference numbers and date are open: they hold an answer")
	assert.Equal(t, 1, kinds, "the less common notices are open: one is the answer")
	assert.Regexp(t, `value="purple_notice"[^>]* checked`, body)
}
