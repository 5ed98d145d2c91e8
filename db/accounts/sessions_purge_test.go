package accounts_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/accounts"
	"github.com/ccf-portal/ccfportal/db/dbtest"
)

// TestExpiredSessionsArePurged removes, on the fixed clock, the sessions
// idle too long and those past their absolute expiry, and keeps the rest.
func TestExpiredSessionsArePurged(t *testing.T) {
	store, clock := dbtest.Open(t)
	ctx := t.Context()
	now := clock.Now()
	for token, s := range map[string]accounts.Session{
		"fresh":   {LastSeenAt: now, ExpiresAt: now.Add(12 * time.Hour)},
		"idle":    {LastSeenAt: now.Add(-2 * time.Hour), ExpiresAt: now.Add(12 * time.Hour)},
		"expired": {LastSeenAt: now, ExpiresAt: now.Add(time.Minute)},
	} {
		s.Token, s.CreatedAt, s.CSRFToken = token, now.Add(-3*time.Hour), "csrf-"+token
		require.NoError(t, store.CreateSession(ctx, s))
	}
	clock.Advance(2 * time.Minute)
	n, err := store.DeleteExpiredSessions(ctx, time.Hour)
	require.NoError(t, err)
	assert.Equal(t, int64(2), n)
	_, err = store.SessionByToken(ctx, "fresh")
	assert.NoError(t, err)
	var left int
	require.NoError(t, dbtest.Raw(t, store).QueryRow(`SELECT COUNT(*) FROM sessions`).Scan(&left))
	assert.Equal(t, 1, left)
}
