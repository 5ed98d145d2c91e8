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

// The urgent list is kept between writes too, and follows each one.
func TestQueueUrgentListFollowsEveryWrite(t *testing.T) {
	ctx := context.Background()
	store, _ := dbtest.Open(t)
	filer := dbtest.User(t, store, domain.RolePetitioner, "filer@example.org")
	staff := dbtest.User(t, store, domain.RoleStaff, "staff@example.org")
	insertQueueCases(t, store, filer, staff, queueCases[:5])
	urgent := func() []string {
		p, err := store.Queue(ctx, desk.Filter{}, store.Clock.Now())
		require.NoError(t, err)
		var refs []string
		for _, r := range p.Urgent {
			refs = append(refs, r.Reference)
		}
		return refs
	}
	before := urgent()
	require.Contains(t, before, "CCF-2026-000004")
	require.Equal(t, before, urgent())
	require.NoError(t, store.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`UPDATE requests SET status = 'decided' WHERE reference = 'CCF-2026-000004'`)
		return err
	}))
	require.NotContains(t, urgent(), "CCF-2026-000004", "a decided case leaves the urgent list at once")
	require.Len(t, urgent(), len(before)-1)
}
