package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/staffrole"
)

// staffAdminUsage lists the commands an administrator runs on an existing
// staff account.
const staffAdminUsage = `usage: ccfportal staff disable|enable|reset-factor|set-role --email ADDR [-role ROLE] [-data DIR]
  disable       the account can no longer sign in; its sessions end at once
  enable        the account can sign in again
  reset-factor  remove its second factor (a lost phone): it enrols again at its next sign-in
  set-role      give the account a role: secretariat, chamber or administrator (from its next request)`

// staffAdmin runs `staff disable`, `staff enable` and `staff reset-factor`
// on the staff account named by --email. They work on the store while the
// portal runs: sessions live in it, so a disabled account is out at its
// next request.
func staffAdmin(ctx context.Context, verb string, args []string, stdout io.Writer) error {
	var sf storeFlags
	fs := flag.NewFlagSet("staff "+verb, flag.ContinueOnError)
	sf.register(fs)
	email := fs.String("email", "", "the staff member's email address (required)")
	role := fs.String("role", "", "for set-role: secretariat, chamber or administrator")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *email == "" {
		return errors.New("--email is required\n" + staffAdminUsage)
	}
	store, err := db.Open(ctx, sf.dbPath(), domain.SystemClock{})
	if err != nil {
		return err
	}
	defer store.Close()
	switch verb {
	case "disable", "enable":
		err = store.SetStaffDisabled(ctx, *email, verb == "disable")
	case "set-role":
		if !staffrole.Role(*role).Valid() {
			return errors.New("-role must be secretariat, chamber or administrator\n" + staffAdminUsage)
		}
		err = store.SetStaffRole(ctx, *email, staffrole.Role(*role))
	default:
		err = resetFactor(ctx, store, *email)
	}
	if domain.ErrorCode(err) == domain.ENotFound {
		return errors.New("no staff account has this email address")
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Staff account %s: %s done.\n", domain.NormaliseEmail(*email), verb)
	return nil
}

// resetFactor removes a staff account's second factor and recovery codes.
func resetFactor(ctx context.Context, store *db.DB, email string) error {
	u, err := store.UserByEmail(ctx, email)
	if err != nil {
		return err
	}
	if u.Role != domain.RoleStaff {
		return domain.Errorf(domain.ENotFound, "error.not_found")
	}
	return store.RemoveTOTP(ctx, u.ID)
}
