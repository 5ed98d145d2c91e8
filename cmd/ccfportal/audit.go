package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/db/domain"
)

// errAuditBroken makes `audit verify` exit non-zero on a broken chain.
var errAuditBroken = errors.New("the audit log has been tampered with")

// audit runs `audit verify`: it recomputes the audit log's hash chain and
// reports the first broken link.
func audit(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "verify" {
		return errors.New("usage: ccfportal audit verify [-data DIR]")
	}
	var sf storeFlags
	fs := flag.NewFlagSet("audit verify", flag.ContinueOnError)
	sf.register(fs)
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	store, err := db.Open(ctx, sf.dbPath(), domain.SystemClock{})
	if err != nil {
		return err
	}
	defer store.Close()
	rep, err := store.VerifyAudit(ctx)
	if err != nil {
		return err
	}
	if !rep.OK() {
		fmt.Fprintf(stdout, "Audit log BROKEN at entry %d: %s.\n%d entries before it are intact.\n", rep.BrokenID, rep.Problem, rep.Entries)
		return errAuditBroken
	}
	fmt.Fprintf(stdout, "Audit log intact: %d entries.\nLast hash: %s\n", rep.Entries, rep.LastHash)
	fmt.Fprintln(stdout, "Note the last hash: a later check that no longer ends in it shows entries were removed from the end.")
	return nil
}
