package accounts

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/staffrole"
)

// newStaffRole is the role a new account is stored with: a staff account
// without one joins the secretariat; nobody else has a staff role.
func newStaffRole(u domain.NewUser) string {
	if u.Role != domain.RoleStaff {
		return ""
	}
	if u.StaffRole == "" {
		return string(staffrole.Secretariat)
	}
	return u.StaffRole
}

// SetStaffRole gives the staff account with the given email a new role;
// it takes effect at the account's next request.
func (db Accounts) SetStaffRole(ctx context.Context, email string, role staffrole.Role) error {
	if !role.Valid() {
		return domain.Errorf(domain.EInvalid, "staffrole.invalid")
	}
	return db.Write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET staff_role = ? WHERE email = ? AND role = 'staff'`,
			role, domain.NormaliseEmail(email))
		if err != nil {
			return conn.Failed(fmt.Sprintf("set staff role %s", role), err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return domain.Errorf(domain.ENotFound, "error.not_found")
		}
		return nil
	})
}

// AnyStaff reports whether a staff account exists, so that the first one
// made can be an administrator.
func (db Accounts) AnyStaff(ctx context.Context) (bool, error) {
	var n int
	err := db.Reader().QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE role = 'staff'`).Scan(&n)
	return n > 0, conn.Failed("count staff accounts", err)
}
