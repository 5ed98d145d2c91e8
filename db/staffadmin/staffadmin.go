// Package staffadmin is the store's room for the administrators' work on
// staff accounts: the list, adding a member (who sets their own password
// from a single-use link), roles, disabling and enabling, and resetting a
// lost second factor. Each change is audited in its own transaction with
// ids and codes only.
package staffadmin

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/ccf-portal/ccfportal/db/accounts"
	"github.com/ccf-portal/ccfportal/db/audit"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/staffrole"
	"github.com/ccf-portal/ccfportal/db/outbox"
	"github.com/ccf-portal/ccfportal/db/password"
)

// Admin reads and changes staff accounts.
type Admin struct{ *conn.Conn }

// SetupValidity is how long a new member's link to set their password
// lasts: long enough to reach someone away for a weekend, short enough
// that an old message in a mailbox is worth nothing.
const SetupValidity = 72 * time.Hour

// Member is one staff account as the administrators' page lists it.
type Member = staffrole.Member

const memberColumns = `u.id, u.name, u.email, u.staff_role, u.disabled_at IS NOT NULL,
	EXISTS (SELECT 1 FROM totp_factors f WHERE f.user_id = u.id AND f.confirmed_at IS NOT NULL),
	COALESCE(u.last_login_at, 0)`

func scanMember(row conn.Scanner) (Member, error) {
	var m Member
	var last int64
	if err := row.Scan(&m.ID, &m.Name, &m.Email, &m.Role, &m.Disabled, &m.Enrolled, &last); err != nil {
		return Member{}, conn.RowFailed("read staff member", err)
	}
	if last > 0 {
		m.LastSignIn = time.Unix(last, 0).UTC()
	}
	return m, nil
}

// Members lists every staff account, by name.
func (a Admin) Members(ctx context.Context) ([]Member, error) {
	rows, err := a.Reader().QueryContext(ctx, `SELECT `+memberColumns+` FROM users u
		WHERE u.role = 'staff' ORDER BY u.name COLLATE NOCASE, u.id`)
	return conn.Rows("list staff members", rows, err, scanMember)
}

// Member reads one staff account; anyone else's id is not found.
func (a Admin) Member(ctx context.Context, id int64) (Member, error) {
	m, err := scanMember(a.Reader().QueryRowContext(ctx, `SELECT `+memberColumns+` FROM users u
		WHERE u.id = ? AND u.role = 'staff'`, id))
	return m, conn.Failed(fmt.Sprintf("load staff member %d", id), err)
}

// MemberID is the id of the staff account using email, for the command
// line.
func (a Admin) MemberID(ctx context.Context, email string) (int64, error) {
	var id int64
	err := a.Reader().QueryRowContext(ctx, `SELECT id FROM users WHERE email = ? AND role = 'staff'`,
		domain.NormaliseEmail(email)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, domain.Errorf(domain.ENotFound, "error.not_found")
	}
	return id, conn.Failed("find staff member by email", err)
}

// NewMember is who an administrator adds.
type NewMember struct {
	Name, Email string
	Role        staffrole.Role
}

// Add creates the staff account and, in the same transaction, a
// single-use link (token's hash, SetupValidity) with which the member
// chooses their own password, queues compose's message carrying it and
// audits the addition. Nobody knows the account's first password: it is
// random and never shown. The second factor is enrolled at the first
// sign-in, as for every staff account.
func (a Admin) Add(ctx context.Context, actor int64, m NewMember, token string, p password.Params,
	compose func(domain.User) outbox.Message) (domain.User, error) {
	if !m.Role.Valid() {
		var errs domain.FieldErrors
		errs.Add("role", "staffrole.invalid")
		return domain.User{}, errs.Err()
	}
	u := domain.NewUser{Name: m.Name, Email: m.Email, Role: domain.RoleStaff, StaffRole: string(m.Role), Password: rand.Text()}
	return accounts.Accounts{Conn: a.Conn}.CreateUserThen(ctx, u, p, func(tx *sql.Tx, u domain.User, now time.Time) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO password_resets (token_hash, user_id, created_at, expires_at)
			VALUES (?, ?, ?, ?)`, accounts.HashToken(token), u.ID, now.Unix(), now.Add(SetupValidity).Unix()); err != nil {
			return conn.Failed(fmt.Sprintf("store setup link of user %d", u.ID), err)
		}
		if err := outbox.Queue(ctx, tx, now, compose(u)); err != nil {
			return err
		}
		return audit.Append(ctx, tx, now, actor, staffrole.AuditStaffAdd, 0, fmt.Sprintf("user=%d role=%s", u.ID, m.Role))
	})
}
