package domain

import (
	"errors"
	"strings"
	"time"
)

// Role is what an account may do in the portal.
type Role string

// The three roles. Staff accounts are never self-registered.
const (
	RolePetitioner Role = "petitioner" // a person filing for themself
	RoleCounsel    Role = "counsel"    // a lawyer or representative
	RoleStaff      Role = "staff"      // CCF secretariat
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	return r == RolePetitioner || r == RoleCounsel || r == RoleStaff
}

// User is an account.
type User struct {
	ID           int64
	Email        string
	Name         string
	Organisation string
	Role         Role
	PasswordHash string
	CreatedAt    time.Time
	Language     string // interface language chosen with the switch; "" if none
	Verified     bool   // the address was confirmed by a link sent to it
	StaffRole    string // a staff account's role (db/domain/staffrole); "" for others
}

// NewUser is what registration or the staff tools supply.
type NewUser struct {
	Email        string
	Name         string
	Organisation string
	Role         Role
	Password     string
	StaffRole    string // for staff: empty means the secretariat
}

// NormaliseEmail trims and lower-cases an address so that one person has one
// account whatever case they type.
func NormaliseEmail(email string) string {
	return strings.ToLower(strings.TrimSpace(email))
}

func ErrorArgs(err error) []any {
	var e *Error
	if errors.As(err, &e) {
		return e.Args
	}
	return nil
}

// SeedEmailDomain marks every account the seed creates: ".invalid" can
// never be a real address (RFC 2606), so seeded data are always told apart
// from real filings.
const SeedEmailDomain = "@seed.invalid"

// IsSeedEmail reports whether an account was made by the seed.
func IsSeedEmail(email string) bool { return strings.HasSuffix(email, SeedEmailDomain) }
