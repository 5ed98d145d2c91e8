package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/staffrole"
	"github.com/ccf-portal/ccfportal/db/password"
	"github.com/ccf-portal/ccfportal/views/i18n"
	"github.com/ccf-portal/ccfportal/web"
)

// staff runs `staff add`: it creates a staff account with a password read
// from standard input, or a generated one printed once; and the commands
// on an existing account (staffAdmin).
func staff(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	if len(args) > 0 && (args[0] == "disable" || args[0] == "enable" || args[0] == "reset-factor" || args[0] == "set-role") {
		return staffAdmin(ctx, args[0], args[1:], stdout)
	}
	if len(args) == 0 || args[0] != "add" {
		return errors.New("usage: ccfportal staff add --email ADDR [--name NAME] [-role ROLE] [--password-stdin] [-data DIR]\n" + staffAdminUsage)
	}
	var sf storeFlags
	fs := flag.NewFlagSet("staff add", flag.ContinueOnError)
	sf.register(fs)
	email := fs.String("email", "", "the staff member's email address (required)")
	name := fs.String("name", "", "the staff member's name (default: the part of the email before @)")
	role := fs.String("role", "", "secretariat, chamber or administrator (default: administrator for the first staff account, else secretariat)")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *email == "" {
		return errors.New("--email is required")
	}
	if *name == "" {
		*name, _, _ = strings.Cut(*email, "@")
	}
	secret, generated, err := staffPassword(*fromStdin, stdin)
	if err != nil {
		return err
	}
	store, err := db.Open(ctx, sf.dbPath(), domain.SystemClock{})
	if err != nil {
		return err
	}
	defer store.Close()
	staffRole, err := newStaffRole(ctx, store, *role)
	if err != nil {
		return err
	}
	u, err := store.CreateUser(ctx, domain.NewUser{Email: *email, Name: *name, Role: domain.RoleStaff, Password: secret,
		StaffRole: string(staffRole)}, password.DefaultParams)
	if err != nil {
		return describeCreateError(err)
	}
	fmt.Fprintf(stdout, "Staff account %s created.\nRole: %s\n", u.Email, u.StaffRole)
	if generated {
		fmt.Fprintf(stdout, "Password (shown only this once): %s\n", secret)
	}
	return nil
}

func staffPassword(fromStdin bool, stdin io.Reader) (string, bool, error) {
	if !fromStdin {
		return web.RandomToken(18), true, nil
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", false, err
	}
	return strings.TrimRight(line, "\r\n"), false, nil
}

// describeCreateError turns field errors into plain console text.
func describeCreateError(err error) error {
	var v *domain.ValidationError
	if errors.As(err, &v) {
		var msgs []string
		for _, f := range v.Fields {
			msgs = append(msgs, f.Field+": "+i18n.Get(i18n.DefaultTag).T(f.Message, f.Args...))
		}
		return errors.New("cannot add staff account: " + strings.Join(msgs, "; "))
	}
	if domain.ErrorCode(err) == domain.EConflict {
		return errors.New("an account with this email address already exists")
	}
	return err
}

// newStaffRole is the role `staff add` gives: the first staff account is an
// administrator, whatever was asked, so that someone can manage the others;
// later ones take the role asked, the secretariat by default.
func newStaffRole(ctx context.Context, store *db.DB, asked string) (staffrole.Role, error) {
	if asked != "" && !staffrole.Role(asked).Valid() {
		return "", errors.New("-role must be secretariat, chamber or administrator")
	}
	exists, err := store.AnyStaff(ctx)
	switch {
	case err != nil:
		return "", err
	case !exists:
		return staffrole.Administrator, nil
	case asked == "":
		return staffrole.Secretariat, nil
	}
	return staffrole.Role(asked), nil
}
