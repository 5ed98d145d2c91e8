package db

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/cases"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/password"
)

var staffTestStart = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// openStaffTestDB opens a fresh store on a temp file with a fixed clock.
func openStaffTestDB(t testing.TB) (*DB, *domain.FixedClock) {
	t.Helper()
	clock := domain.NewFixedClock(staffTestStart)
	store, err := Open(context.Background(), filepath.Join(t.TempDir(), "ccf.db"), clock)
	require.NoError(t, err)
	t.Cleanup(func() { store.Close() })
	return store, clock
}

func makeUser(t testing.TB, store *DB, role domain.Role, email string) domain.User {
	t.Helper()
	u, err := store.CreateUser(context.Background(), domain.NewUser{Email: email, Name: "Test " + email, Role: role,
		Password: "correct horse battery staple"}, password.FastParams)
	require.NoError(t, err)
	return u
}

// fileTestRequest writes a submitted request straight into the store, the
// way SubmitRequest leaves one, without going through the guided form.
func fileTestRequest(t testing.TB, store *DB, filer domain.User, kind domain.Kind, answers string) domain.Request {
	t.Helper()
	ctx := context.Background()
	now := store.Clock.Now()
	var r domain.Request
	err := store.Write(ctx, func(tx *sql.Tx) error {
		ref, err := nextReference(ctx, tx, now.Year())
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO requests (reference, kind, status, filer_id, answers, applicant_name,
			source_country, language, created_at, updated_at, submitted_at) VALUES (?, ?, 'submitted', ?, ?, 'Amal Haddad', 'TR', 'en', ?, ?, ?)`,
			ref, kind, filer.ID, answers, now.Unix(), now.Unix(), now.Unix())
		if err != nil {
			return err
		}
		id, _ := res.LastInsertId()
		r, err = cases.Filed(ctx, tx, id)
		return err
	})
	require.NoError(t, err)
	return r
}
