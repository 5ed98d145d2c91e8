package accounts_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/dbtest"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/password"
)

// The token and the account are one transaction: a taken email leaves the
// token unspent, and a spent token creates no account.
func TestFirstStaffTokenIsSpentOnlyWithTheAccount(t *testing.T) {
	store, _ := dbtest.Open(t)
	ctx := t.Context()
	_, err := store.CreateUser(ctx, domain.NewUser{Email: "taken@example.org", Name: "P", Role: domain.RolePetitioner,
		Password: "correct horse battery staple"}, password.FastParams)
	require.NoError(t, err)
	_, err = store.CreateStaffSetupToken(ctx, "tok")
	require.NoError(t, err)

	_, err = store.CreateFirstStaff(ctx, "tok", domain.NewUser{Email: "taken@example.org", Name: "Registry",
		Password: "correct horse battery staple"}, password.FastParams)
	assert.Equal(t, domain.EConflict, domain.ErrorCode(err))
	assert.Equal(t, "staffsetup.email_taken", domain.ErrorMessage(err))
	usable, err := store.StaffSetupTokenUsable(ctx, "tok")
	require.NoError(t, err)
	assert.True(t, usable, "a refused account does not spend the token")

	u, err := store.CreateFirstStaff(ctx, "tok", domain.NewUser{Email: " Registry@Example.org", Name: " Registry ",
		Organisation: "ignored", Role: domain.RolePetitioner, Password: "correct horse battery staple"}, password.FastParams)
	require.NoError(t, err)
	assert.Equal(t, domain.RoleStaff, u.Role)
	assert.Equal(t, "registry@example.org", u.Email)
	assert.Equal(t, "Registry", u.Name)
	assert.Empty(t, u.Organisation)
	stored, err := store.UserByID(ctx, u.ID)
	require.NoError(t, err)
	assert.Equal(t, u, stored)

	_, err = store.CreateFirstStaff(ctx, "tok", domain.NewUser{Email: "second@example.org", Name: "Second",
		Password: "correct horse battery staple"}, password.FastParams)
	assert.Equal(t, domain.ENotFound, domain.ErrorCode(err), "the token works once")
	n, err := store.CountUsersByRole(ctx, domain.RoleStaff)
	require.NoError(t, err)
	assert.Equal(t, 1, n)
}
