package queue_test

import (
	"context"
	"database/sql"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/dbtest"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/desk"
)

// The queue's total is kept between writes, and a committed write is seen
// by the next page at once.
func TestQueueTotalFollowsEveryWrite(t *testing.T) {
	ctx := context.Background()
	store, _ := dbtest.Open(t)
	filer := dbtest.User(t, store, domain.RolePetitioner, "filer@example.org")
	staff := dbtest.User(t, store, domain.RoleStaff, "staff@example.org")
	insertQueueCases(t, store, filer, staff, queueCases[:3])
	total := func() int {
		p, err := store.Queue(ctx, desk.Filter{}, store.Clock.Now())
		require.NoError(t, err)
		return p.Total
	}
	before := total()
	require.Equal(t, before, total(), "kept between writes")
	gen := store.Generation()
	require.NoError(t, store.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`UPDATE requests SET status = 'decided' WHERE reference = 'CCF-2026-000001'`)
		return err
	}))
	require.Greater(t, store.Generation(), gen)
	require.Equal(t, before-1, total(), "the closed case leaves the default (pending) view at once")
}
