package seed

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/dbtest"
	rules "github.com/ccf-portal/ccfportal/db/domain/chamber"
)

func TestSeedShowsTheChamberAtEveryStep(t *testing.T) {
	ctx := context.Background()
	store, _ := dbtest.Open(t)
	_, err := Seed(ctx, store, Options{N: 300, RandSeed: 3})
	require.NoError(t, err)
	sessions, err := store.Chamber.Sessions(ctx)
	require.NoError(t, err)
	require.Len(t, sessions, 2)
	stages := map[rules.Stage]bool{}
	for _, s := range sessions {
		a, err := store.Chamber.Agenda(ctx, s.ID)
		require.NoError(t, err)
		for _, it := range a.Items {
			stages[it.Stage] = true
		}
	}
	for _, s := range []rules.Stage{rules.StageDrafted, rules.StageAdopted, rules.StageSentToGS, rules.StageImplemented,
		rules.StageSentToApplicant} {
		assert.True(t, stages[s], s)
	}
}
