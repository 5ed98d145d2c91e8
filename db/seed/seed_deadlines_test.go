package seed

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/dbtest"
	rules "github.com/ccf-portal/ccfportal/db/domain/deadlines"
	"github.com/ccf-portal/ccfportal/db/domain/desk"
)

func TestSeedShowsAnExtensionARequestForMoreTimeAndAnAdmissibilityOverdue(t *testing.T) {
	ctx := context.Background()
	store, clock := dbtest.Open(t)
	_, err := Seed(ctx, store, Options{N: 300, RandSeed: 3})
	require.NoError(t, err)
	page, err := store.Queue(ctx, desk.Filter{Limit: 200, Sort: desk.SortSubmitted}, clock.Now())
	require.NoError(t, err)
	var moreTime, overdue bool
	for _, r := range append(page.Urgent, page.Rows...) {
		moreTime = moreTime || r.MoreTimeAsked
		overdue = overdue || rules.AdmissibilityOverdue(r.AdmissibilityDue, clock.Now())
	}
	assert.True(t, moreTime, "a case waits for an answer to a request for more time")
	assert.True(t, overdue, "a case is past its admissibility due date")

	raw := dbtest.Raw(t, store)
	var extended int64
	require.NoError(t, raw.QueryRow(`SELECT request_id FROM time_limit_extensions LIMIT 1`).Scan(&extended))
	staff := dbtest.User(t, store, "staff", "reader@ccf.example")
	sc, err := store.StaffCase(ctx, staff, extended)
	require.NoError(t, err)
	require.Len(t, sc.Outcome.TimeLimits.Extensions, 1)
	assert.Equal(t, sc.Outcome.TimeLimits.Extensions[0].To.Format(time.DateOnly), sc.Request.DueAt.UTC().Format(time.DateOnly))
}
