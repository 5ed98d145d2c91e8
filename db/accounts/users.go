package accounts

import (
	"context"
	"database/sql"
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/staffrole"
	"github.com/ccf-portal/ccfportal/db/password"
)

// ValidateNewUser checks the fields of a new account and returns field
// errors keyed by form field name.
func ValidateNewUser(u domain.NewUser) domain.FieldErrors {
	errs := domain.FieldErrors{}
	// In the order the registration form asks, so the error summary reads
	// like the form.
	if !u.Role.Valid() || (u.StaffRole != "" && (u.Role != domain.RoleStaff || !staffrole.Role(u.StaffRole).Valid())) {
		errs.Add("role", "field.role.invalid")
	}
	name := strings.TrimSpace(u.Name)
	if name == "" {
		errs.Add("name", "field.name.required")
	} else if utf8.RuneCountInString(name) > 200 {
		errs.Add("name", "field.name.too_long")
	}
	if utf8.RuneCountInString(u.Organisation) > 200 {
		errs.Add("organisation", "field.organisation.too_long")
	}
	if addr, err := mail.ParseAddress(u.Email); err != nil || addr.Address != u.Email || len(u.Email) > 254 {
		errs.Add("email", "field.email.invalid")
	}
	if err := password.CheckRules(u.Password); err != nil {
		errs.Add("password", domain.ErrorMessage(err), domain.ErrorArgs(err)...)
	}
	return errs
}

// CreateUser stores a new account with its password hashed by argon2id.
// A duplicate email is a conflict; callers decide how much to reveal.
func (db Accounts) CreateUser(ctx context.Context, u domain.NewUser, p password.Params) (domain.User, error) {
	return db.insertUser(ctx, u, p, "register.email_taken", nil, nil)
}

// CreateUserThen stores a new account like CreateUser and runs then in the
// same transaction, with the account as stored: what then records (a link
// to confirm the address, queued for sending) exists exactly when the
// account does.
func (db Accounts) CreateUserThen(ctx context.Context, u domain.NewUser, p password.Params,
	then func(tx *sql.Tx, u domain.User, now time.Time) error) (domain.User, error) {
	return db.insertUser(ctx, u, p, "register.email_taken", nil, then)
}

// verifiedAtCreation says whether an account's address counts as
// confirmed from the start: staff accounts are made by the CCF itself, and
// the seed's addresses cannot receive mail.
func verifiedAtCreation(u domain.NewUser) bool {
	return u.Role == domain.RoleStaff || domain.IsSeedEmail(u.Email)
}

// insertUser is the one way an account is stored. It normalises and
// validates u and hashes the password outside the transaction; then, in one
// write transaction, it runs first (when given) and inserts the row, so an
// account made on a condition -- a setup token spent -- exists only if the
// condition held, and the condition is spent only if the account exists.
// A duplicate email is a conflict whose message is takenKey.
func (db Accounts) insertUser(ctx context.Context, u domain.NewUser, p password.Params, takenKey string,
	first func(tx *sql.Tx, now time.Time) error, then func(tx *sql.Tx, u domain.User, now time.Time) error) (domain.User, error) {
	u.Email = domain.NormaliseEmail(u.Email)
	if errs := ValidateNewUser(u); errs.Any() {
		return domain.User{}, errs.Err()
	}
	u.Name, u.Organisation = strings.TrimSpace(u.Name), strings.TrimSpace(u.Organisation)
	u.StaffRole = newStaffRole(u)
	hash, err := password.Hash(u.Password, p)
	if err != nil {
		return domain.User{}, conn.Failed("hash password of new user", err)
	}
	now := db.Clock.Now()
	var id int64
	verified := sql.NullInt64{Int64: now.Unix(), Valid: verifiedAtCreation(u)}
	user := domain.User{Email: u.Email, Name: u.Name, Organisation: u.Organisation, Role: u.Role,
		PasswordHash: hash, CreatedAt: time.Unix(now.Unix(), 0).UTC(), Verified: verified.Valid, StaffRole: u.StaffRole}
	err = db.Write(ctx, func(tx *sql.Tx) error {
		if first != nil {
			if err := first(tx, now); err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO users (email, name, organisation, role, password_hash, created_at, email_verified_at, staff_role)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (email) DO NOTHING`,
			u.Email, u.Name, u.Organisation, u.Role, hash, now.Unix(), verified, u.StaffRole)
		if err != nil {
			return conn.Failed("create user", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return domain.Errorf(domain.EConflict, takenKey)
		}
		if id, err = res.LastInsertId(); err != nil || then == nil {
			return err
		}
		user.ID = id
		return then(tx, user, now)
	})
	if err != nil {
		return domain.User{}, err
	}
	user.ID = id
	return user, nil
}

// UserColumns are the columns ScanUser reads, in its order.
const UserColumns = `id, email, name, organisation, role, password_hash, created_at, language, email_verified_at IS NOT NULL, staff_role`

// UserIn reads user id through q (the pool or a transaction), as
// ScanUser does.
func UserIn(ctx context.Context, q conn.Queryer, id int64) (domain.User, error) {
	return ScanUser(q.QueryRowContext(ctx, `SELECT `+UserColumns+` FROM users WHERE id = ?`, id))
}

// ScanUser reads one user row of UserColumns; no row is not found.
func ScanUser(row conn.Scanner) (domain.User, error) {
	var u domain.User
	var created int64
	err := row.Scan(&u.ID, &u.Email, &u.Name, &u.Organisation, &u.Role, &u.PasswordHash, &created, &u.Language, &u.Verified, &u.StaffRole)
	if err != nil {
		return domain.User{}, conn.RowFailed("read user row", err)
	}
	u.CreatedAt = time.Unix(created, 0).UTC()
	return u, nil
}

// UserByID returns the account with the given id.
func (db Accounts) UserByID(ctx context.Context, id int64) (domain.User, error) {
	u, err := ScanUser(db.Reader().QueryRowContext(ctx, `SELECT `+UserColumns+` FROM users WHERE id = ?`, id))
	return u, conn.Failed(fmt.Sprintf("load user %d", id), err)
}

// UserByEmail returns the account with the given (normalised) email.
func (db Accounts) UserByEmail(ctx context.Context, email string) (domain.User, error) {
	u, err := ScanUser(db.Reader().QueryRowContext(ctx, `SELECT `+UserColumns+` FROM users WHERE email = ?`, domain.NormaliseEmail(email)))
	return u, conn.Failed("load user by email", err) // the address itself stays out of the log
}

// SetUserLanguage saves the interface language a person chose (a BCP 47
// tag the caller has checked the portal speaks), so that it follows them to
// their next sign-in on any browser.
func (db Accounts) SetUserLanguage(ctx context.Context, id int64, tag string) error {
	return db.Write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE users SET language = ? WHERE id = ?`, tag, id); err != nil {
			return domain.Internal(fmt.Errorf("save language of user %d: %w", id, err))
		}
		return nil
	})
}

// CountUsersByRole counts the accounts that hold role.
func (db Accounts) CountUsersByRole(ctx context.Context, role domain.Role) (int, error) {
	var n int
	if err := db.Reader().QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE role = ?`, role).Scan(&n); err != nil {
		return 0, conn.Failed(fmt.Sprintf("count users of role %s", role), err)
	}
	return n, nil
}
