package seed

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/dbtest"
	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/certificate"
	"github.com/ccf-portal/ccfportal/db/domain/desk"
)

func TestSeedShowsACertificateWaitingAndOneIssued(t *testing.T) {
	ctx := context.Background()
	store, _ := dbtest.Open(t)
	_, err := Seed(ctx, store, Options{N: 300, RandSeed: 3})
	require.NoError(t, err)
	page, err := store.Queue(ctx, desk.Filter{Certificate: true}, store.Clock.Now())
	require.NoError(t, err)
	require.Len(t, page.Rows, 1, "one application waiting, in the queue's filter")
	states := map[rules.State]int{}
	var staff domain.User
	require.NoError(t, store.Reader().QueryRowContext(ctx, `SELECT id FROM users WHERE role = 'staff' ORDER BY id LIMIT 1`).Scan(&staff.ID))
	staff.Role = domain.RoleStaff
	rows, err := store.Reader().QueryContext(ctx, `SELECT DISTINCT request_id FROM certificate_applications`)
	require.NoError(t, err)
	var ids []int64
	for rows.Next() {
		var id int64
		require.NoError(t, rows.Scan(&id))
		ids = append(ids, id)
	}
	require.NoError(t, rows.Close())
	for _, id := range ids {
		c, err := store.Certificates.For(ctx, staff, id)
		require.NoError(t, err)
		assert.True(t, rules.AfterDeletion(c.Decision), "only after a deletion")
		for _, a := range c.Applications {
			states[a.State]++
		}
	}
	assert.Equal(t, map[rules.State]int{rules.StatePending: 1, rules.StateIssued: 1}, states)
}
