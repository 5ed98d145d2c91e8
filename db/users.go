package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
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
}

// NewUser is what registration or the staff tools supply.
type NewUser struct {
	Email        string
	Name         string
	Organisation string
	Role         Role
	Password     string
}

// NormaliseEmail trims and lower-cases an address so that one person has one
// account whatever case they type.
func NormaliseEmail(email string) string {
	return strings.ToLower(strings.TrimSpace(email))
}

// ValidateNewUser checks the fields of a new account and returns field
// errors keyed by form field name.
func ValidateNewUser(u NewUser) FieldErrors {
	errs := FieldErrors{}
	// In the order the registration form asks, so the error summary reads
	// like the form.
	if !u.Role.Valid() {
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
	if err := CheckPasswordRules(u.Password); err != nil {
		errs.Add("password", ErrorMessage(err), errorArgs(err)...)
	}
	return errs
}

func errorArgs(err error) []any {
	var e *Error
	if errors.As(err, &e) {
		return e.Args
	}
	return nil
}

// CreateUser stores a new account with its password hashed by argon2id.
// A duplicate email is a conflict; callers decide how much to reveal.
func (db *DB) CreateUser(ctx context.Context, u NewUser, p PasswordParams) (User, error) {
	u.Email = NormaliseEmail(u.Email)
	if errs := ValidateNewUser(u); errs.Any() {
		return User{}, errs.Err()
	}
	hash, err := HashPassword(u.Password, p)
	if err != nil {
		return User{}, Internal(err)
	}
	now := db.Clock.Now()
	var id int64
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO users (email, name, organisation, role, password_hash, created_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (email) DO NOTHING`,
			u.Email, strings.TrimSpace(u.Name), strings.TrimSpace(u.Organisation), u.Role, hash, now.Unix())
		if err != nil {
			return Internal(fmt.Errorf("insert user: %w", err))
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return Errorf(EConflict, "register.email_taken")
		}
		id, err = res.LastInsertId()
		return err
	})
	if err != nil {
		return User{}, err
	}
	return User{ID: id, Email: u.Email, Name: strings.TrimSpace(u.Name), Organisation: strings.TrimSpace(u.Organisation),
		Role: u.Role, PasswordHash: hash, CreatedAt: time.Unix(now.Unix(), 0).UTC()}, nil
}

const userColumns = `id, email, name, organisation, role, password_hash, created_at`

func scanUser(row interface{ Scan(...any) error }) (User, error) {
	var u User
	var created int64
	err := row.Scan(&u.ID, &u.Email, &u.Name, &u.Organisation, &u.Role, &u.PasswordHash, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, Errorf(ENotFound, "error.not_found")
	}
	if err != nil {
		return User{}, Internal(err)
	}
	u.CreatedAt = time.Unix(created, 0).UTC()
	return u, nil
}

// UserByID returns the account with the given id.
func (db *DB) UserByID(ctx context.Context, id int64) (User, error) {
	return scanUser(db.read.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id))
}

// UserByEmail returns the account with the given (normalised) email.
func (db *DB) UserByEmail(ctx context.Context, email string) (User, error) {
	return scanUser(db.read.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE email = ?`, NormaliseEmail(email)))
}

// CountUsersByRole counts the accounts that hold role.
func (db *DB) CountUsersByRole(ctx context.Context, role Role) (int, error) {
	var n int
	if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE role = ?`, role).Scan(&n); err != nil {
		return 0, Internal(err)
	}
	return n, nil
}

// SeedEmailDomain marks every account the seed creates: ".invalid" can
// never be a real address (RFC 2606), so seeded data are always told apart
// from real filings.
const SeedEmailDomain = "@seed.invalid"

// IsSeedEmail reports whether an account was made by the seed.
func IsSeedEmail(email string) bool { return strings.HasSuffix(email, SeedEmailDomain) }
