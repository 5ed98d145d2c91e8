package accounts_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/dbtest"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/password"
)

func TestLoginRehashesAPasswordMadeWithOlderParameters(t *testing.T) {
	store, _ := dbtest.Open(t)
	ctx := t.Context()
	old := password.Params{Memory: 512, Time: 1, Threads: 1}
	_, err := store.CreateUser(ctx, domain.NewUser{Email: "a@example.org", Name: "A", Role: domain.RolePetitioner,
		Password: "correct horse battery staple"}, old)
	require.NoError(t, err)
	_, err = store.Authenticate(ctx, "a@example.org", "correct horse battery staple", password.FastParams)
	require.NoError(t, err)
	u, err := store.UserByEmail(ctx, "a@example.org")
	require.NoError(t, err)
	assert.False(t, password.NeedsRehash(u.PasswordHash, password.FastParams), "stored with the current parameters now")
	_, err = store.Authenticate(ctx, "a@example.org", "correct horse battery staple", password.FastParams)
	assert.NoError(t, err, "and still verifies")
}
