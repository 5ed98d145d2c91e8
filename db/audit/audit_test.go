package audit_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/db/dbtest"
	"github.com/ccf-portal/ccfportal/db/domain"
)

func seedAudit(t *testing.T, store *db.DB, n int) (domain.User, domain.Request) {
	t.Helper()
	staff := dbtest.User(t, store, domain.RoleStaff, "clerk@example.org")
	amal := dbtest.User(t, store, domain.RolePetitioner, "amal@example.org")
	r := dbtest.FileRequest(t, store, amal, domain.KindAccess, `{}`)
	for range n {
		_, err := store.OpenCase(context.Background(), staff, r.ID)
		require.NoError(t, err)
	}
	return staff, r
}

func TestAuditChainVerifiesAndIsAppendOnly(t *testing.T) {
	store, _ := dbtest.Open(t)
	ctx := context.Background()
	rep, err := store.VerifyAudit(ctx)
	require.NoError(t, err)
	assert.True(t, rep.OK())
	assert.Zero(t, rep.Entries, "an empty log is intact")

	staff, r := seedAudit(t, store, 5)
	rep, err = store.VerifyAudit(ctx)
	require.NoError(t, err)
	assert.True(t, rep.OK(), rep.Problem)
	assert.EqualValues(t, 5, rep.Entries)

	trail, err := store.AuditTrail(ctx, r.ID)
	require.NoError(t, err)
	require.Len(t, trail, 5)
	assert.Equal(t, domain.AuditCaseView, trail[0].Action)
	assert.Equal(t, staff.ID, trail[0].ActorID)
	assert.Equal(t, strings.Repeat("0", 64), trail[0].PrevHash)
	assert.Equal(t, trail[0].Hash, trail[1].PrevHash)
	assert.Equal(t, trail[4].Hash, rep.LastHash)

	conn := dbtest.Raw(t, store)
	_, err = conn.Exec(`UPDATE audit_log SET detail = 'x' WHERE id = 2`)
	assert.ErrorContains(t, err, "append-only")
	_, err = conn.Exec(`DELETE FROM audit_log WHERE id = 2`)
	assert.ErrorContains(t, err, "append-only")
}

func TestAuditVerifyFindsTheFirstBrokenLink(t *testing.T) {
	cases := map[string]struct {
		tamper string
		broken int64
	}{
		"a field altered":              {`UPDATE audit_log SET actor_id = 999 WHERE id = 3`, 3},
		"altered with its hash redone": {`UPDATE audit_log SET detail = 'doc=1', hash = 'f00d' WHERE id = 3`, 3},
		"a row removed":                {`DELETE FROM audit_log WHERE id = 3`, 4},
		"a link rewritten":             {`UPDATE audit_log SET prev_hash = 'beef' WHERE id = 4`, 4},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			store, _ := dbtest.Open(t)
			seedAudit(t, store, 6)
			conn := dbtest.Raw(t, store)
			// An attacker with the file can drop the guard; the chain still tells.
			_, err := conn.Exec(`DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete`)
			require.NoError(t, err)
			_, err = conn.Exec(tc.tamper)
			require.NoError(t, err)
			rep, err := store.VerifyAudit(context.Background())
			require.NoError(t, err)
			assert.False(t, rep.OK())
			assert.Equal(t, tc.broken, rep.BrokenID)
			assert.NotEmpty(t, rep.Problem)
		})
	}
}

func TestStaffOnlyAndDraftsAreInvisible(t *testing.T) {
	store, _ := dbtest.Open(t)
	ctx := context.Background()
	amal := dbtest.User(t, store, domain.RolePetitioner, "amal@example.org")
	staff := dbtest.User(t, store, domain.RoleStaff, "clerk@example.org")
	r := dbtest.FileRequest(t, store, amal, domain.KindAccess, `{}`)
	_, err := store.OpenCase(ctx, amal, r.ID)
	assert.Equal(t, domain.EForbidden, domain.ErrorCode(err))
	_, err = store.Writer().Exec(`UPDATE requests SET status = 'draft' WHERE id = ?`, r.ID)
	require.NoError(t, err)
	_, err = store.OpenCase(ctx, staff, r.ID)
	assert.Equal(t, domain.ENotFound, domain.ErrorCode(err))
	rep, _ := store.VerifyAudit(ctx)
	assert.Zero(t, rep.Entries, "a refused read records nothing")
}
