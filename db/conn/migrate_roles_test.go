package conn

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The staff roles migration, run on a store that already has staff: the
// first staff account made becomes an administrator, the others join the
// secretariat, and nobody else gets a staff role.
func TestExistingStaffGetTheirRolesFromTheMigration(t *testing.T) {
	list, err := loadMigrations(migrationFiles)
	require.NoError(t, err)
	var before, roles []migration
	for _, m := range list {
		switch {
		case strings.HasPrefix(m.name, "0041_"):
			roles = append(roles, m)
		case m.name < "0041_":
			before = append(before, m)
		}
	}
	require.Len(t, roles, 1)
	c := openRaw(t)
	ctx := context.Background()
	require.NoError(t, applyMigrations(ctx, c, before))
	for i, u := range []struct{ email, role string }{{"amal@x.org", "petitioner"}, {"first@x.org", "staff"}, {"second@x.org", "staff"}} {
		_, err := c.Exec(`INSERT INTO users (email, name, role, password_hash, created_at) VALUES (?, 'N', ?, 'h', ?)`, u.email, u.role, i)
		require.NoError(t, err)
	}
	require.NoError(t, applyMigrations(ctx, c, roles))
	got := map[string]string{}
	rows, err := c.Query(`SELECT email, staff_role FROM users`)
	require.NoError(t, Each("read roles", rows, err, func(row Scanner) error {
		var e, r string
		err := row.Scan(&e, &r)
		got[e] = r
		return err
	}))
	assert.Equal(t, map[string]string{"amal@x.org": "", "first@x.org": "administrator", "second@x.org": "secretariat"}, got)
}
