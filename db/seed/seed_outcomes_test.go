package seed

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/dbtest"
	"github.com/ccf-portal/ccfportal/db/domain/outcome"
)

func TestSeedDecidesInTheCCFsSharesWithCombinedFilingsDecidedPerPart(t *testing.T) {
	ctx := context.Background()
	store, _ := dbtest.Open(t)
	_, err := Seed(ctx, store, Options{N: 800, RandSeed: 5})
	require.NoError(t, err)
	rows, err := store.Reader().QueryContext(ctx, `SELECT d.outcome, COUNT(*) FROM decisions d JOIN requests r ON r.id = d.request_id
		WHERE r.kind IN ('deletion', 'correction') GROUP BY 1`)
	require.NoError(t, err)
	got := map[string]int{}
	for rows.Next() {
		var o string
		var n int
		require.NoError(t, rows.Scan(&o, &n))
		got[o] = n
	}
	require.NoError(t, rows.Err())
	merits := 0
	for _, o := range outcome.Deletion {
		merits += got[o]
	}
	require.Positive(t, merits)
	deleted := got[outcome.NonCompliantDeletion] + got[outcome.NonCompliantCorrection] + got[outcome.DeletedNoReply]
	// 2021: 296 of 498 deleted (59%), 133 compliant (27%).
	assert.InDelta(t, 0.59, float64(deleted)/float64(merits), 0.12, "deleted or corrected")
	assert.InDelta(t, 0.27, float64(got[outcome.Compliant])/float64(merits), 0.1, "compliant")
	for _, o := range []string{outcome.CompliantAfterUpdate, outcome.DeletedNoReply, outcome.DeletedBeforeDecision} {
		assert.Positive(t, got[o], o)
	}

	var combined int
	require.NoError(t, store.Reader().QueryRowContext(ctx, `SELECT COUNT(*) FROM decisions d JOIN requests r ON r.id = d.request_id
		WHERE r.also_access = 1 AND d.access_outcome != '' AND d.outcome != ''`).Scan(&combined))
	assert.Positive(t, combined, "a combined filing with an outcome for each part")
	var stray int
	require.NoError(t, store.Reader().QueryRowContext(ctx, `SELECT COUNT(*) FROM decisions d JOIN requests r ON r.id = d.request_id
		WHERE r.also_access = 0 AND d.access_outcome != ''`).Scan(&stray))
	assert.Zero(t, stray, "single-part filings have one outcome")
	var unfounded int
	require.NoError(t, store.Reader().QueryRowContext(ctx, `SELECT COUNT(*) FROM decisions d WHERE d.outcome = ?
		AND NOT EXISTS (SELECT 1 FROM consultations c WHERE c.request_id = d.request_id AND c.no_reply_on != '')`,
		outcome.DeletedNoReply).Scan(&unfounded))
	assert.Zero(t, unfounded, "deleted for the source's silence only where a consultation got no reply")
}
