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
	return verifyAnchor(ctx, store, sf, stdout)
}

// verifyAnchor checks the chain against the checkpoints in the anchor
// file, under the keys of the secrets file: they show entries removed
// from the end and a chain recomputed after an edit.
func verifyAnchor(ctx context.Context, store *db.DB, sf storeFlags, stdout io.Writer) error {
	secrets, err := loadExistingSecrets(sf.secretsPath())
	if err != nil {
		return fmt.Errorf("the checkpoints cannot be checked without the keys: %w", err)
	}
	if err := store.LoadKeys(secrets.EncryptionKey); err != nil {
		return err
	}
	a, err := store.VerifyAnchor(ctx, sf.anchorPath())
	if err != nil {
		return err
	}
	if !a.OK() {
		fmt.Fprintf(stdout, "Audit log BROKEN against its checkpoints in %s: %s.\n", sf.anchorPath(), a.Problem)
		return errAuditBroken
	}
	if a.Checkpoints == 0 {
		fmt.Fprintf(stdout, "No checkpoints yet in %s: the portal writes one every 15 minutes and when it stops.\n", sf.anchorPath())
		return nil
	}
	fmt.Fprintf(stdout, "Checkpoints hold: %d, the last at entry %d (%s).\n", a.Checkpoints, a.Last, sf.anchorPath())
	fmt.Fprintln(stdout, "Entries after the last checkpoint are covered by the chain alone.")
	return nil
}
