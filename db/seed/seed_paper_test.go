package seed

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/dbtest"
	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/paper"
)

func TestSeedImportsPaperCasesOneFollowedOneInvited(t *testing.T) {
	ctx := context.Background()
	store, _ := dbtest.Open(t)
	blobs, err := blob.NewStore(filepath.Join(t.TempDir(), "evidence"), bytes.Repeat([]byte{4}, 32))
	require.NoError(t, err)
	_, err = Seed(ctx, store, Options{N: 60, Blobs: blobs, MaxDocumentCases: 5, RandSeed: 5})
	require.NoError(t, err)
	raw := dbtest.Raw(t, store)
	rows, err := raw.Query(`SELECT request_id FROM paper_cases ORDER BY request_id`)
	require.NoError(t, err)
	var ids []int64
	for rows.Next() {
		var id int64
		require.NoError(t, rows.Scan(&id))
		ids = append(ids, id)
	}
	require.NoError(t, rows.Err())
	require.Len(t, ids, 2)
	states := map[rules.State]int{}
	for _, id := range ids {
		mark, invitations, err := store.Paper.Case(ctx, id)
		require.NoError(t, err)
		require.NotNil(t, mark)
		for _, i := range invitations {
			states[i.State(store.Clock.Now())]++
		}
	}
	assert.Equal(t, map[rules.State]int{rules.Pending: 1, rules.Redeemed: 1}, states)
	var followedBy int64
	require.NoError(t, raw.QueryRow(`SELECT filer_id FROM requests WHERE id = ?`, ids[1]).Scan(&followedBy))
	u, err := store.UserByID(ctx, followedBy)
	require.NoError(t, err)
	assert.Equal(t, domain.RolePetitioner, u.Role)
	r, err := store.RequestForUser(ctx, ids[1], u)
	require.NoError(t, err, "the applicant sees the case they follow")
	assert.Equal(t, domain.StatusSubmitted, r.Status)
}
