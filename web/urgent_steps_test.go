package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

// The answers of each urgent page for a person held now, with no date
// ahead, filed by a sister.
func detainedNow() url.Values {
	return url.Values{"urgent_event": {"detention"}, "urgent_where": {"Larnaca police station, Cyprus"},
		"urgent_extradition": {"unknown"}}
}

func heldBrother() url.Values {
	return url.Values{"representation": {"representative"}, "relationship": {"family"}, "full_name": {"Yusuf Haddad"},
		"birth_date-day": {"3"}, "birth_date-month": {"9"}, "birth_date-year": {"1990"}, "nationality": {"SY"},
		"data_kind": {"wanted_diffusion"}}
}

func blockAndContact(follow string) url.Values {
	v := url.Values{"urgent_measures": {"block"}, "urgent_why": {"Arrested at the airport yesterday on the diffusion."},
		"urgent_contact": {"Leila Haddad (sister), +49 170 0000000"}}
	if follow != "" {
		v.Set("urgent_follow", follow)
	}
	return v
}

// next posts one urgent page and returns where it leads.
func next(t *testing.T, c *webtest.Client, page, action string, v url.Values) string {
	t.Helper()
	resp := c.Submit(page, action, v)
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	return resp.Location()
}

// sendUrgent sends an urgent draft from its check page and returns the
// confirmation's address.
func sendUrgent(t *testing.T, c *webtest.Client, check string) string {
	t.Helper()
	resp := c.Upload(check, check, []webtest.Field{webtest.F("declaration", "yes")}, "", nil)
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	return resp.Location()
}

// A sister files for her brother, held since yesterday, from the home
// page: what is happening, the person, what is asked, check and send --
// four pages, no date ahead, a reference at once, and first in the
// staff's queue before an event two days away.
func TestADetainedPersonIsFiledInFourPagesFromTheHomePage(t *testing.T) {
	app := webtest.New(t)
	other := app.Petitioner("bilal@example.org")
	travel := fileAccessRequest(t, other)
	resp := other.Upload(travel+"/urgent", travel+"/urgent", urgentFields(), "", nil)
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))

	c := app.Petitioner("leila@example.org")
	assert.Contains(t, c.Get("/").Body, `href="/urgent"`)
	first := c.Get("/urgent")
	require.Equal(t, http.StatusOK, first.Status)
	assert.Contains(t, first.Body, "step 1 of 4")
	what := detainedNow()
	what.Set("urgent_detained_since-day", "1")
	what.Set("urgent_detained_since-month", "3")
	what.Set("urgent_detained_since-year", "2026")
	person := next(t, c, "/urgent", "/urgent", what)
	assert.True(t, strings.HasSuffix(person, "/urgent/person"), person)
	assert.Contains(t, c.Get(person).Body, "step 2 of 4")
	asked := next(t, c, person, person, heldBrother())
	assert.Contains(t, c.Get(asked).Body, "Which request will they belong to?", "a new case says which request follows")
	check := next(t, c, asked, asked, blockAndContact("access"))
	page := c.Get(check)
	assert.Contains(t, page.Body, "step 4 of 4")
	assert.Contains(t, page.Body, "Yusuf Haddad")
	assert.Contains(t, page.Body, "Larnaca police station, Cyprus")
	assert.NotContains(t, page.Body, "Before sending, answer these questions")
	confirmation := sendUrgent(t, c, check)
	conf := c.Get(confirmation)
	assert.Contains(t, conf.Body, "CCF-2026-000003", "sent at once with its own reference")
	assert.Contains(t, conf.Body, "What the request still needs")
	assert.Contains(t, conf.Body, "identity document")
	assert.Contains(t, conf.Body, "power of attorney")

	u := mustUser(t, app, "leila@example.org")
	list, err := app.DB.RequestsForUser(t.Context(), u)
	require.NoError(t, err)
	kinds := map[domain.Kind]domain.Status{}
	for _, r := range list {
		kinds[r.Kind] = r.Status
		assert.Equal(t, "Yusuf Haddad", r.ApplicantName, r.Kind)
	}
	assert.Equal(t, map[domain.Kind]domain.Status{domain.KindAccess: domain.StatusDraft,
		domain.KindProvisional: domain.StatusSubmitted}, kinds, "the access request chosen follows as a draft")

	staff := app.Staff("clerk@ccf.example")
	refs := queueRefs(t, staff, "/staff?urgent=1")
	require.Len(t, refs, 2)
	assert.Equal(t, "CCF-2026-000003", refs[0], "the person held now comes before an event in two days")
	sent := strings.TrimSuffix(strings.TrimPrefix(confirmation, "/requests/"), "/confirmation")
	body := staff.Get("/staff/requests/" + sent).Body
	assert.Contains(t, body, "Detained since 1 March 2026")
	assert.Contains(t, body, "3 September 1990")
	assert.NotContains(t, body, "hours left", "no countdown without a date")
}

// Every urgent page keeps what was typed: refused, on "Back", and when
// the person leaves and comes back; the check page names what is missing
// and where, and nothing is sent until it is answered.
func TestEachUrgentPageKeepsWhatWasTyped(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("leila@example.org")
	u := mustUser(t, app, "leila@example.org")

	refused := c.Submit("/urgent", "/urgent", url.Values{"urgent_where": {"Larnaca"},
		"urgent_detained_since-day": {"9"}, "urgent_detained_since-month": {"3"}, "urgent_detained_since-year": {"2026"}})
	assert.Equal(t, http.StatusUnprocessableEntity, refused.Status)
	assert.Contains(t, refused.Body, `href="#urgent_event"`, "the summary names the field")
	assert.Contains(t, refused.Body, "The date must be in the past")
	assert.Contains(t, refused.Body, `value="Larnaca"`)
	list, err := app.DB.RequestsForUser(t.Context(), u)
	require.NoError(t, err)
	assert.Empty(t, list, "a refused first page leaves no draft")

	person := next(t, c, "/urgent", "/urgent", detainedNow())
	bad := c.Submit(person, person, url.Values{"representation": {"representative"}, "full_name": {"Yusuf Haddad"}})
	assert.Equal(t, http.StatusUnprocessableEntity, bad.Status)
	assert.Contains(t, bad.Body, `href="#birth_date"`)
	assert.Contains(t, bad.Body, `value="Yusuf Haddad"`, "refused, what was typed is shown")
	assert.Contains(t, c.Get(person).Body, `value="Yusuf Haddad"`, "and saved")

	back := c.Submit(person, person, url.Values{"full_name": {"Yusuf H."}, "leave": {"back"}})
	require.Equal(t, http.StatusSeeOther, back.Status)
	what := strings.TrimSuffix(person, "person") + "what"
	assert.Equal(t, what, back.Location(), "back leads to the page before")
	assert.Contains(t, c.Get(what).Body, `value="Larnaca police station, Cyprus"`, "the page before kept its answers")
	assert.Contains(t, c.Get(person).Body, `value="Yusuf H."`, "going back saved what was typed")

	asked := next(t, c, person, person, heldBrother())
	partial := c.Submit(asked, asked, url.Values{"urgent_measures": {"block"}, "urgent_follow": {"deletion"}})
	assert.Equal(t, http.StatusUnprocessableEntity, partial.Status)
	assert.Contains(t, partial.Body, `href="#urgent_contact"`)
	check := strings.TrimSuffix(asked, "asked") + "check"
	missing := c.Get(check)
	assert.Contains(t, missing.Body, "Before sending, answer these questions")
	assert.Contains(t, missing.Body, asked+"#urgent_contact", "each problem links to its page")
	start := c.Get("/urgent")
	assert.Contains(t, start.Body, "Urgent request about Yusuf Haddad, not yet sent", "coming back finds the draft")
	assert.Contains(t, start.Body, check)

	notYet := c.Upload(check, check, []webtest.Field{webtest.F("declaration", "yes")}, "", nil)
	assert.Equal(t, http.StatusUnprocessableEntity, notYet.Status)
	staff := app.Staff("clerk@ccf.example")
	assert.Empty(t, queueRefs(t, staff, "/staff?urgent=1"), "nothing is sent with answers missing")

	check = next(t, c, asked, asked, blockAndContact("deletion"))
	noDecl := c.Upload(check, check, nil, "", nil)
	assert.Equal(t, http.StatusUnprocessableEntity, noDecl.Status)
	assert.Contains(t, noDecl.Body, `href="#declaration"`)
	conf := c.Get(sendUrgent(t, c, check))
	assert.Contains(t, conf.Body, "CCF-2026-000001")
	assert.Equal(t, http.StatusOK, c.Get("/urgent").Status)
	assert.NotContains(t, c.Get("/urgent").Body, "not yet sent", "a sent request is no longer a draft")
	assert.Equal(t, http.StatusSeeOther, c.Get(check).Status, "a sent urgent request's pages lead to its confirmation")
}

// On a request already sent, the person is known: what is happening, what
// is asked, check and send. Another user's urgent draft answers 404, and
// the case's own submission never sends an unfinished urgent draft.
func TestUrgentPagesOnAnExistingCase(t *testing.T) {
	app := webtest.New(t)
	c := app.Counsel("lawyer@example.org")
	access := fileAccessRequest(t, c)
	first := c.Get(access + "/urgent")
	require.Equal(t, http.StatusOK, first.Status)
	assert.Contains(t, first.Body, "step 1 of 3")
	asked := next(t, c, access+"/urgent", access+"/urgent/start", detainedNow())
	assert.True(t, strings.HasSuffix(asked, "/urgent/asked"), asked)
	page := c.Get(asked)
	assert.NotContains(t, page.Body, "Which request will they belong to?", "the case exists")
	again := c.Get(access + "/urgent")
	require.Equal(t, http.StatusSeeOther, again.Status, "coming back from the case page finds the draft")
	assert.Equal(t, strings.TrimSuffix(asked, "asked")+"what", again.Location())

	other := app.Petitioner("other@example.org")
	assert.Equal(t, http.StatusNotFound, other.Get(asked).Status)
	token := webtest.CSRFFrom(t, other.Get("/dashboard").Body)
	assert.Equal(t, http.StatusNotFound, other.PostForm(asked, url.Values{"_csrf": {token}, "urgent_why": {"x"}}).Status)
	assert.Equal(t, http.StatusForbidden, c.PostForm(asked, blockAndContact("")).Status, "CSRF guards each page")

	check := next(t, c, asked, asked, blockAndContact(""))
	assert.Contains(t, c.Get(check).Body, "step 3 of 3")
	conf := c.Get(sendUrgent(t, c, check))
	assert.Contains(t, conf.Body, "CCF-2026-000002")
	staff := app.Staff("clerk@ccf.example")
	assert.Equal(t, []string{"CCF-2026-000002"}, queueRefs(t, staff, "/staff?urgent=1"))
	assert.Equal(t, http.StatusOK, c.Get(access+"/urgent").Status, "a new urgent request may follow")
}
