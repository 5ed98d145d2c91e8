package webtest

import (
	"database/sql"
	"path/filepath"

	"github.com/stretchr/testify/require"
)

// QueryInt reads one number from the app's database through a separate
// connection, to find the id of a row a test made through the pages.
func (a *App) QueryInt(query string, args ...any) int64 {
	a.t.Helper()
	conn, err := sql.Open("sqlite", "file:"+filepath.Join(a.DataDir, "ccf.db")+"?_pragma=busy_timeout(5000)")
	require.NoError(a.t, err)
	defer conn.Close()
	var n int64
	require.NoError(a.t, conn.QueryRow(query, args...).Scan(&n))
	return n
}

// Exec runs SQL on the app's database through a separate connection, to put
// a case in a state that another part of the portal would produce (a
// decision, a closed case) or to tamper with it as an attacker would.
func (a *App) Exec(query string, args ...any) {
	a.t.Helper()
	conn, err := sql.Open("sqlite", "file:"+filepath.Join(a.DataDir, "ccf.db")+"?_pragma=busy_timeout(5000)")
	require.NoError(a.t, err)
	defer conn.Close()
	_, err = conn.Exec(query, args...)
	require.NoError(a.t, err)
}

// QueryString reads one text value from the app's database, like QueryInt.
func (a *App) QueryString(query string, args ...any) string {
	a.t.Helper()
	conn, err := sql.Open("sqlite", "file:"+filepath.Join(a.DataDir, "ccf.db")+"?_pragma=busy_timeout(5000)")
	require.NoError(a.t, err)
	defer conn.Close()
	var s string
	require.NoError(a.t, conn.QueryRow(query, args...).Scan(&s))
	return s
}
