package main

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/password"
)

func TestStaffDisableEnableAndResetFactor(t *testing.T) {
	data := t.TempDir()
	ctx := context.Background()
	const pass = "a long enough staff passphrase"
	require.NoError(t, run(ctx, []string{"staff", "add", "-data", data, "--email", "clerk@example.org", "--password-stdin"},
		strings.NewReader(pass+"\n"), io.Discard, io.Discard))
	var out bytes.Buffer
	require.NoError(t, run(ctx, []string{"staff", "disable", "-data", data, "--email", "Clerk@example.org"}, nil, &out, io.Discard))
	assert.Contains(t, out.String(), "Staff account clerk@example.org: disable done.")

	store, err := db.Open(ctx, filepath.Join(data, "ccf.db"), domain.SystemClock{})
	require.NoError(t, err)
	defer store.Close()
	_, err = store.Authenticate(ctx, "clerk@example.org", "test-client", pass, password.DefaultParams)
	assert.Equal(t, domain.EUnauthorized, domain.ErrorCode(err), "a disabled account answers like a wrong password")

	require.NoError(t, run(ctx, []string{"staff", "enable", "-data", data, "--email", "clerk@example.org"}, nil, io.Discard, io.Discard))
	_, err = store.Authenticate(ctx, "clerk@example.org", "test-client", pass, password.DefaultParams)
	require.NoError(t, err)
	require.NoError(t, run(ctx, []string{"staff", "reset-factor", "-data", data, "--email", "clerk@example.org"}, nil, io.Discard, io.Discard))

	err = run(ctx, []string{"staff", "disable", "-data", data, "--email", "nobody@example.org"}, nil, io.Discard, io.Discard)
	assert.ErrorContains(t, err, "no staff account has this email address")
	err = run(ctx, []string{"staff", "disable", "-data", data}, nil, io.Discard, io.Discard)
	assert.ErrorContains(t, err, "--email is required")
}

// TestStaffCommandsAreAudited records the command line's changes to staff
// accounts like the administrators' page does, with actor 0 and ids only.
func TestStaffCommandsAreAudited(t *testing.T) {
	data := t.TempDir()
	ctx := context.Background()
	for _, email := range []string{"chief@example.org", "clerk@example.org"} {
		require.NoError(t, run(ctx, []string{"staff", "add", "-data", data, "--email", email}, nil, io.Discard, io.Discard))
	}
	for _, verb := range [][]string{{"set-role", "-role", "chamber"}, {"disable"}, {"enable"}, {"reset-factor"}} {
		args := append([]string{"staff", verb[0], "-data", data, "--email", "clerk@example.org"}, verb[1:]...)
		require.NoError(t, run(ctx, args, nil, io.Discard, io.Discard), verb[0])
	}
	store, err := db.Open(ctx, filepath.Join(data, "ccf.db"), domain.SystemClock{})
	require.NoError(t, err)
	defer store.Close()
	u, err := store.UserByEmail(ctx, "clerk@example.org")
	require.NoError(t, err)
	rows, err := store.Reader().QueryContext(ctx, `SELECT action || ' ' || detail FROM audit_log WHERE actor_id = 0 ORDER BY id`)
	require.NoError(t, err)
	defer rows.Close()
	var got []string
	for rows.Next() {
		var s string
		require.NoError(t, rows.Scan(&s))
		got = append(got, s)
	}
	id := strconv.FormatInt(u.ID, 10)
	assert.Equal(t, []string{"staff_role user=" + id + " role=chamber", "staff_disable user=" + id,
		"staff_enable user=" + id, "staff_factor_reset user=" + id}, got)
}
