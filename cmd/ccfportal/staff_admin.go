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

// staffAdmin runs `staff disable`, `enable`, `reset-factor` and `set-role`
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
	if verb == "set-role" && !staffrole.Role(*role).Valid() {
		return errors.New("-role must be secretariat, chamber or administrator\n" + staffAdminUsage)
	}
	err = applyStaffVerb(ctx, store, verb, *email, staffrole.Role(*role))
	if domain.ErrorCode(err) == domain.ENotFound {
		return errors.New("no staff account has this email address")
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Staff account %s: %s done.\n", domain.NormaliseEmail(*email), verb)
	return nil
}

// applyStaffVerb makes the change through the same audited store methods
// as the administrators' page, with the command line as the actor.
func applyStaffVerb(ctx context.Context, store *db.DB, verb, email string, role staffrole.Role) error {
	id, err := store.StaffAdmin.MemberID(ctx, email)
	if err != nil {
		return err
	}
	a, by := store.StaffAdmin, staffrole.Console
	switch verb {
	case "disable":
		return a.Disable(ctx, by, id)
	case "enable":
		return a.Enable(ctx, by, id)
	case "set-role":
		return a.SetRole(ctx, by, id, role)
	}
	return a.ResetFactor(ctx, by, id)
}
