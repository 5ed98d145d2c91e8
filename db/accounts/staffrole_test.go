package accounts_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/dbtest"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/staffrole"
	"github.com/ccf-portal/ccfportal/db/password"
)

func TestTheFirstStaffAccountIsAnAdministratorAndOthersJoinTheSecretariat(t *testing.T) {
	store, _ := dbtest.Open(t)
	ctx := t.Context()
	pass := "correct horse battery staple"
	exists, err := store.AnyStaff(ctx)
	require.NoError(t, err)
	assert.False(t, exists)
	_, err = store.CreateStaffSetupToken(ctx, "tok")
	require.NoError(t, err)
	first, err := store.CreateFirstStaff(ctx, "tok", domain.NewUser{Email: "registry@example.org", Name: "Registry", Password: pass},
		password.FastParams)
	require.NoError(t, err)
	assert.Equal(t, string(staffrole.Administrator), first.StaffRole)

	clerk, err := store.CreateUser(ctx, domain.NewUser{Email: "clerk@example.org", Name: "Clerk", Role: domain.RoleStaff, Password: pass},
		password.FastParams)
	require.NoError(t, err)
	assert.Equal(t, string(staffrole.Secretariat), clerk.StaffRole)
	filer, err := store.CreateUser(ctx, domain.NewUser{Email: "amal@example.org", Name: "Amal", Role: domain.RolePetitioner, Password: pass},
		password.FastParams)
	require.NoError(t, err)
	assert.Empty(t, filer.StaffRole)
	assert.Equal(t, staffrole.Role(""), staffrole.Of(filer))
	_, err = store.CreateUser(ctx, domain.NewUser{Email: "x@example.org", Name: "X", Role: domain.RoleCounsel, Password: pass,
		StaffRole: string(staffrole.Chamber)}, password.FastParams)
	assert.Equal(t, domain.EInvalid, domain.ErrorCode(err), "only staff have a staff role")

	require.NoError(t, store.SetStaffRole(ctx, "Clerk@example.org", staffrole.Chamber))
	stored, err := store.UserByID(ctx, clerk.ID)
	require.NoError(t, err)
	assert.Equal(t, staffrole.Chamber, staffrole.Of(stored))
	assert.Equal(t, domain.ENotFound, domain.ErrorCode(store.SetStaffRole(ctx, "amal@example.org", staffrole.Chamber)))
	assert.Equal(t, domain.EInvalid, domain.ErrorCode(store.SetStaffRole(ctx, "clerk@example.org", "king")))
}

func TestEachRoleTakesItsOwnSteps(t *testing.T) {
	assert.True(t, staffrole.Secretariat.May(staffrole.Consult))
	assert.True(t, staffrole.Secretariat.May(staffrole.Decide), "the secretariat drafts")
	assert.False(t, staffrole.Secretariat.May(staffrole.Adopt))
	assert.True(t, staffrole.Secretariat.May(staffrole.Implement))
	assert.True(t, staffrole.Chamber.May(staffrole.Adopt))
	assert.False(t, staffrole.Chamber.May(staffrole.Decide))
	assert.False(t, staffrole.Chamber.May(staffrole.Agenda))
	assert.True(t, staffrole.Chamber.May(staffrole.Measure))
	assert.False(t, staffrole.Chamber.May(staffrole.Admissibility))
	assert.False(t, staffrole.Administrator.May(staffrole.Decide))
	assert.True(t, staffrole.Administrator.May(staffrole.ManageStaff))
	assert.False(t, staffrole.Role("").May(staffrole.Note))
	assert.Equal(t, domain.EForbidden, domain.ErrorCode(staffrole.Require(domain.User{Role: domain.RoleCounsel, StaffRole: "chamber"},
		staffrole.Adopt)), "a staff role counts only on a staff account")
}
