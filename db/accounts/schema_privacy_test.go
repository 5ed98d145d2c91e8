package accounts_test

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/dbtest"
)

// ipColumn matches the names a column holding a network address would
// have. Addresses are only ever used, hashed with the account's email, as
// the key of the sign-in throttle (login_throttle.key_hash).
var ipColumn = regexp.MustCompile(`(?i)(^|_)(ip|ips|ipaddr|ip_address|remote|remote_addr|client_addr|user_agent|x_forwarded_for)($|_)`)

// TestNoColumnStoresANetworkAddress reads every column of every table of
// the migrated schema.
func TestNoColumnStoresANetworkAddress(t *testing.T) {
	store, _ := dbtest.Open(t)
	raw := dbtest.Raw(t, store)
	rows, err := raw.Query(`SELECT m.name, p.name FROM sqlite_schema m JOIN pragma_table_info(m.name) p
		WHERE m.type = 'table'`)
	require.NoError(t, err)
	defer rows.Close()
	columns := 0
	for rows.Next() {
		var table, column string
		require.NoError(t, rows.Scan(&table, &column))
		columns++
		assert.False(t, ipColumn.MatchString(column), "%s.%s looks like a network address", table, column)
	}
	require.NoError(t, rows.Err())
	assert.Greater(t, columns, 50, "the whole schema was read")
}
