package staffrole

import (
	"time"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// Member is one staff account as the administrators' page shows it.
type Member struct {
	ID         int64
	Name       string
	Email      string
	Role       Role
	Disabled   bool
	Enrolled   bool      // a confirmed second factor
	LastSignIn time.Time // zero if never
}

// The audited changes to staff accounts, made on the administrators' page
// or on the command line (whose entries have actor 0). Their details hold
// ids and codes only: never a name or an address.
const (
	AuditStaffAdd     domain.AuditAction = "staff_add"
	AuditStaffRole    domain.AuditAction = "staff_role"
	AuditStaffDisable domain.AuditAction = "staff_disable"
	AuditStaffEnable  domain.AuditAction = "staff_enable"
	AuditStaffFactor  domain.AuditAction = "staff_factor_reset"
)

// Console is the actor id of changes made with `ccfportal staff` on the
// server: whoever runs it holds the store itself.
const Console int64 = 0

// Change is a change to one staff account's standing, checked before it is
// made: who makes it (Console for the command line), on whom, and how many
// enabled administrators there are now.
type Change struct {
	Actor, Target  int64
	TargetRole     Role
	TargetDisabled bool
	// Admins counts the enabled administrator accounts, the target
	// included if it is one.
	Admins int
}

// CheckDisable refuses to disable one's own account (the page would lock
// its own user out mid-task) or the last enabled administrator (nobody
// could then manage staff from the portal).
func CheckDisable(c Change) error {
	if c.Actor != Console && c.Actor == c.Target {
		return domain.Errorf(domain.EConflict, "admin.error.self_disable")
	}
	return checkLastAdmin(c)
}

// CheckRole refuses to take the administrator role from the last enabled
// administrator.
func CheckRole(c Change, next Role) error {
	if !next.Valid() {
		return domain.Errorf(domain.EInvalid, "staffrole.invalid")
	}
	if next == Administrator {
		return nil
	}
	return checkLastAdmin(c)
}

// checkLastAdmin refuses a change that leaves no enabled administrator.
// The command line is not bound by it: it is the way back when the
// administrators are gone.
func checkLastAdmin(c Change) error {
	if c.Actor == Console || c.TargetRole != Administrator || c.TargetDisabled || c.Admins > 1 {
		return nil
	}
	return domain.Errorf(domain.EConflict, "admin.error.last_admin")
}
