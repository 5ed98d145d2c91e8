package conn

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestStoredOutcomesStayReadableAfterTheOutcomesMigration stores a
// revision "upheld" as earlier versions did, then applies 0140: the
// decision, its draft and its timeline entry now say "rejected" (a key the catalogue has), and
// every other outcome is left as it was.
func TestStoredOutcomesStayReadableAfterTheOutcomesMigration(t *testing.T) {
	all, err := loadMigrations(migrationFiles)
	require.NoError(t, err)
	var before []migration
	for _, m := range all {
		if m.name < "0140" {
			before = append(before, m)
		}
	}
	require.Less(t, len(before), len(all))
	conn := openRaw(t)
	ctx := context.Background()
	require.NoError(t, applyMigrations(ctx, conn, before))
	_, err = conn.Exec(`PRAGMA foreign_keys = OFF`)
	require.NoError(t, err)
	for _, q := range []string{
		`INSERT INTO decisions (request_id, reference, outcome, reasons, decided_by, decided_at) VALUES (1, 'R1/D', 'upheld', 'r', 1, 0)`,
		`INSERT INTO decisions (request_id, reference, outcome, reasons, decided_by, decided_at) VALUES (2, 'R2/D', 'data_held', 'r', 1, 0)`,
		`INSERT INTO chamber_decisions (request_id, outcome, reasons, drafted_by, drafted_at) VALUES (1, 'upheld', 'r', 1, 0)`,
		`INSERT INTO events (request_id, kind, data, at) VALUES (1, 'decision_recorded', '{"arg":"decision.outcome.upheld"}', 0)`,
	} {
		_, err := conn.Exec(q)
		require.NoError(t, err, q)
	}
	require.NoError(t, applyMigrations(ctx, conn, all))
	read := func(q string) string {
		var s string
		require.NoError(t, conn.QueryRow(q).Scan(&s), q)
		return s
	}
	assert.Equal(t, "rejected", read(`SELECT outcome FROM decisions WHERE request_id = 1`))
	assert.Equal(t, "data_held", read(`SELECT outcome FROM decisions WHERE request_id = 2`), "data held reads as disclosed in full")
	assert.Equal(t, "rejected", read(`SELECT outcome FROM chamber_decisions WHERE request_id = 1`))
	assert.Equal(t, `{"arg":"outcome.label.rejected"}`, read(`SELECT data FROM events WHERE request_id = 1`))
	assert.Equal(t, "", read(`SELECT access_outcome FROM decisions WHERE request_id = 1`), "a single-part decision")
}
