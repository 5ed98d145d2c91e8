package staffrole

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/ccf-portal/ccfportal/db/domain"
)

func TestTheLastAdministratorAndOneselfAreKept(t *testing.T) {
	last := Change{Actor: 1, Target: 2, TargetRole: Administrator, Admins: 1}
	assert.Equal(t, domain.EConflict, domain.ErrorCode(CheckDisable(last)))
	assert.Equal(t, domain.EConflict, domain.ErrorCode(CheckRole(last, Chamber)))
	assert.NoError(t, CheckRole(last, Administrator))
	self := Change{Actor: 2, Target: 2, TargetRole: Administrator, Admins: 3}
	assert.Equal(t, "admin.error.self_disable", domain.ErrorMessage(CheckDisable(self)))
	assert.NoError(t, CheckRole(self, Secretariat), "another administrator remains")
	assert.NoError(t, CheckDisable(Change{Actor: 1, Target: 2, TargetRole: Administrator, TargetDisabled: true, Admins: 1}),
		"a disabled administrator is not the last one")
	assert.NoError(t, CheckDisable(Change{Actor: Console, Target: 2, TargetRole: Administrator, Admins: 1}),
		"the command line is the way back")
	assert.Equal(t, domain.EInvalid, domain.ErrorCode(CheckRole(self, "root")))
}
