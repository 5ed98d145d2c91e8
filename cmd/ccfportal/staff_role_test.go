package main

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/db/domain"
)

func TestTheFirstStaffAccountIsAnAdministratorAndRolesCanBeSet(t *testing.T) {
	data := t.TempDir()
	ctx := context.Background()
	add := func(email string, extra ...string) string {
		var out bytes.Buffer
		args := append([]string{"staff", "add", "-data", data, "--email", email, "--password-stdin"}, extra...)
		require.NoError(t, run(ctx, args, strings.NewReader("a long enough staff passphrase\n"), &out, io.Discard))
		return out.String()
	}
	assert.Contains(t, add("first@example.org", "-role", "chamber"), "Role: administrator", "the first is an administrator")
	assert.Contains(t, add("clerk@example.org"), "Role: secretariat")
	assert.Contains(t, add("judge@example.org", "-role", "chamber"), "Role: chamber")
	err := run(ctx, []string{"staff", "add", "-data", data, "--email", "x@example.org", "-role", "boss", "--password-stdin"},
		strings.NewReader("a long enough staff passphrase\n"), io.Discard, io.Discard)
	assert.ErrorContains(t, err, "-role must be")

	require.NoError(t, run(ctx, []string{"staff", "set-role", "-data", data, "--email", "clerk@example.org", "-role", "chamber"},
		nil, io.Discard, io.Discard))
	err = run(ctx, []string{"staff", "set-role", "-data", data, "--email", "clerk@example.org", "-role", "king"}, nil, io.Discard, io.Discard)
	assert.ErrorContains(t, err, "-role must be")
	err = run(ctx, []string{"staff", "set-role", "-data", data, "--email", "nobody@example.org", "-role", "chamber"}, nil, io.Discard, io.Discard)
	assert.ErrorContains(t, err, "no staff account has this email address")

	store, err := db.Open(ctx, filepath.Join(data, "ccf.db"), domain.SystemClock{})
	require.NoError(t, err)
	defer store.Close()
	for email, want := range map[string]string{"first@example.org": "administrator", "clerk@example.org": "chamber", "judge@example.org": "chamber"} {
		u, err := store.UserByEmail(ctx, email)
		require.NoError(t, err)
		assert.Equal(t, want, u.StaffRole, email)
	}
}
