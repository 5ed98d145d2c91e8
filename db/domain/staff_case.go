package domain

import (
	"time"
)

// RequireStaff refuses anyone but staff. The web layer already guards every
// staff route; this keeps the store safe whoever calls it.
func RequireStaff(u User) error {
	if u.Role != RoleStaff || u.ID == 0 {
		return Errorf(EForbidden, "error.forbidden_role")
	}
	return nil
}

// CaseInfo is what the staff case page shows besides the request itself.
type CaseInfo struct {
	Filer      User
	AssigneeID int64
	Assignee   string
	EventAt    time.Time // the imminent event of an urgent request
	Linked     []Request
	Seeded     bool // demo data made by `ccfportal seed`
}
