package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/web/webtest"
)

// detainedFields are an urgent form for a person held now, with no date
// ahead: the most urgent case, which must be sendable as it is.
func detainedFields(since ...webtest.Field) []webtest.Field {
	return append([]webtest.Field{webtest.F("urgent_event", "detention"), webtest.F("urgent_where", "Larnaca police station"),
		webtest.F("urgent_detained_where", "Cyprus police"), webtest.F("urgent_extradition", "unknown"),
		webtest.F("urgent_measures", "block"), webtest.F("urgent_why", "Arrested at the airport on the notice."),
		webtest.F("urgent_contact", "Lawyer, +357 99 000000"), webtest.F("declaration", "yes")}, since...)
}

func TestAPersonDetainedNowIsFiledWithoutADateAndComesFirst(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	access := fileAccessRequest(t, c)

	// Someone else's urgent request with an event in two days, filed first.
	other := app.Petitioner("bilal@example.org")
	travel := fileAccessRequest(t, other)
	resp := other.Upload(travel+"/urgent", travel+"/urgent", urgentFields(), "", nil)
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))

	resp = c.Upload(access+"/urgent", access+"/urgent", detainedFields(), "", nil)
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	held := strings.TrimSuffix(resp.Location(), "/confirmation")
	page := c.Get(held)
	assert.Contains(t, page.Body, "Detained when the request was made; date not given")
	assert.NotContains(t, page.Body, "hours left", "no countdown without a date")
	assert.Contains(t, page.Body, "I do not know")

	staff := app.Staff("clerk@ccf.example")
	refs := queueRefs(t, staff, "/staff?urgent=1")
	require.Len(t, refs, 2)
	assert.Equal(t, "CCF-2026-000004", refs[0], "the person held now comes before an event in two days")
	queue := staff.Get("/staff")
	assert.Contains(t, queue.Body, "person detained")
	assert.Contains(t, queue.Body, "hours before the event")
}

func TestTheLongestHeldComeFirstAndADetentionDateLiesInThePast(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	first := fileAccessRequest(t, c)
	second := fileAccessRequest(t, c)

	resp := c.Upload(first+"/urgent", first+"/urgent", detainedFields(), "", nil)
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))

	ahead := detainedFields(webtest.F("urgent_detained_since-day", "9"), webtest.F("urgent_detained_since-month", "3"),
		webtest.F("urgent_detained_since-year", "2026"))
	refused := c.Upload(second+"/urgent", second+"/urgent", ahead, "", nil)
	assert.Equal(t, http.StatusUnprocessableEntity, refused.Status)
	assert.Contains(t, refused.Body, "The date must be in the past")

	since := detainedFields(webtest.F("urgent_detained_since-day", "20"), webtest.F("urgent_detained_since-month", "2"),
		webtest.F("urgent_detained_since-year", "2026"))
	resp = c.Upload(second+"/urgent", second+"/urgent", since, "", nil)
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))
	assert.Contains(t, c.Get(strings.TrimSuffix(resp.Location(), "/confirmation")).Body, "Detained since 20 February 2026")

	staff := app.Staff("clerk@ccf.example")
	assert.Equal(t, []string{"CCF-2026-000004", "CCF-2026-000003"}, queueRefs(t, staff, "/staff?urgent=1"),
		"held since 20 February comes before held since the filing")
	page := staff.Get("/staff/requests/4")
	require.Equal(t, http.StatusOK, page.Status)
	assert.Contains(t, page.Body, "Detained since 20 February 2026")
}

// An urgent filing must not wait for someone to look at the queue: every
// secretariat member is told at once, by the e-mail that says only that
// there is news; the filer's inbox has the receipt.
func TestAnUrgentFilingTellsEverySecretariatMemberAtOnce(t *testing.T) {
	app := webtest.New(t)
	app.Staff("clerk@ccf.example")
	app.Staff("second@ccf.example")
	app.Chamber("judge@ccf.example")
	c := app.Petitioner("amal@example.org")
	access := fileAccessRequest(t, c)
	for _, who := range []string{"clerk@ccf.example", "second@ccf.example"} {
		require.Empty(t, newsMail(app, who), "nothing before the urgent filing")
	}

	resp := c.Upload(access+"/urgent", access+"/urgent", detainedFields(), "", nil)
	require.Equal(t, http.StatusSeeOther, resp.Status, webtest.ErrorSummaryText(resp.Body))

	for _, who := range []string{"clerk@ccf.example", "second@ccf.example"} {
		got := newsMail(app, who)
		require.Len(t, got, 1, "%s is told once", who)
		assertContentFree(t, got[0])
		assert.NotContains(t, got[0].Body(), "Larnaca", "nothing of the filing")
	}
	assert.Empty(t, newsMail(app, "judge@ccf.example"), "the Chamber is not the secretariat")
	assert.Contains(t, c.Get("/inbox").Body, "The CCF has received your request.")
}
