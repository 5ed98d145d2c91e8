// Package dbtest opens throwaway stores for tests in other packages: a
// fresh database file in the test's temporary folder, on a clock that
// stands still until the test moves it.
package dbtest

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/password"
)

// Start is the moment a test store's clock starts at.
var Start = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// TestKey is the portal encryption key of test stores.
var TestKey = bytes.Repeat([]byte{9}, 32)

// Open opens a fresh store with a fixed clock; it is closed when the test
// ends.
func Open(tb testing.TB) (*db.DB, *domain.FixedClock) {
	tb.Helper()
	clock := domain.NewFixedClock(Start)
	store, err := db.Open(context.Background(), filepath.Join(tb.TempDir(), "ccf.db"), clock)
	require.NoError(tb, err)
	tb.Cleanup(func() { store.Close() })
	_, err = store.UseKeys(context.Background(), TestKey)
	require.NoError(tb, err)
	return store, clock
}

// Raw opens a second, independent connection to the store's file, for
// tests that check rows the store's API does not show.
func Raw(tb testing.TB, store *db.DB) *sql.DB {
	tb.Helper()
	conn, err := sql.Open("sqlite", "file:"+filepath.ToSlash(store.Path())+"?_pragma=busy_timeout(10000)")
	require.NoError(tb, err)
	tb.Cleanup(func() { conn.Close() })
	return conn
}

// User creates an account of role with a fast password hash.
func User(tb testing.TB, store *db.DB, role domain.Role, email string) domain.User {
	tb.Helper()
	u, err := store.CreateUser(context.Background(), domain.NewUser{Email: email, Name: "Test " + email, Role: role,
		Password: "correct horse battery staple"}, password.FastParams)
	require.NoError(tb, err)
	return u
}

// FileRequest writes a submitted request of kind straight into the store,
// as a submission leaves one, without going through the guided form. The
// returned request carries its id, reference, kind, status and filer.
func FileRequest(tb testing.TB, store *db.DB, filer domain.User, kind domain.Kind, answers string) domain.Request {
	tb.Helper()
	now := store.Clock.Now()
	r := domain.Request{Kind: kind, Status: domain.StatusSubmitted, FilerID: filer.ID, SubmittedAt: now}
	err := store.Write(context.Background(), func(tx *sql.Tx) error {
		var n int64
		if err := tx.QueryRow(`SELECT COUNT(*) FROM requests`).Scan(&n); err != nil {
			return err
		}
		r.Reference = fmt.Sprintf("CCF-%d-9%05d", now.Year(), n+1)
		res, err := tx.Exec(`INSERT INTO requests (reference, kind, status, filer_id, answers, applicant_name,
			source_country, language, created_at, updated_at, submitted_at) VALUES (?, ?, 'submitted', ?, ?, 'Amal Haddad', 'TR', 'en', ?, ?, ?)`,
			r.Reference, kind, filer.ID, answers, now.Unix(), now.Unix(), now.Unix())
		if err != nil {
			return err
		}
		r.ID, err = res.LastInsertId()
		return err
	})
	require.NoError(tb, err)
	return r
}
