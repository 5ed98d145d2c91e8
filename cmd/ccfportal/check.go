package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/integrity"
)

// errCheckFailed makes `check` exit non-zero when anything is wrong.
var errCheckFailed = errors.New("the store has problems (listed above)")

// check runs `check`: SQLite's integrity and foreign-key checks, every row
// that names an evidence file against that file (it must exist, decrypt,
// authenticate and match the row's size and SHA-256), files no row names,
// and the audit chain. It only reads, and may run while the portal serves;
// -repair moves orphan files aside into DATA/quarantine, deleting nothing.
func check(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var sf storeFlags
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sf.register(fs)
	repair := fs.Bool("repair", false, "move orphan evidence files (named by no row) aside into DATA/quarantine")
	if err := fs.Parse(args); err != nil {
		return err
	}
	secrets, err := loadExistingSecrets(sf.secretsPath())
	if err != nil {
		return err
	}
	store, err := conn.OpenExisting(ctx, sf.dbPath())
	if err != nil {
		return err
	}
	defer store.Close()
	blobs, err := blob.NewStore(sf.evidenceDir(), secrets.EncryptionKey)
	if err != nil {
		return err
	}
	rep, err := integrity.Check(ctx, store, integrity.Options{EvidenceDir: sf.evidenceDir(), Blobs: blobs,
		Now: time.Now(), Grace: integrity.DefaultGrace})
	if err != nil {
		return err
	}
	printCheck(stdout, sf, rep)
	problems := len(rep.Problems)
	if *repair && len(rep.Orphans) > 0 {
		dir := filepath.Join(sf.data, "quarantine")
		moved, err := integrity.Quarantine(ctx, store.Reader(), sf.evidenceDir(), dir, rep.Orphans)
		for _, p := range moved {
			fmt.Fprintf(stdout, "Moved aside: %s\n", filepath.Join(dir, filepath.FromSlash(p)))
		}
		if err != nil {
			return err
		}
		problems -= len(moved)
		fmt.Fprintf(stdout, "%d orphan files moved into %s; nothing was deleted.\n", len(moved), dir)
	}
	if problems > 0 {
		fmt.Fprintf(stdout, "Problems remaining: %d.\n", problems)
		return errCheckFailed
	}
	fmt.Fprintln(stdout, "The store is healthy.")
	return nil
}

func printCheck(w io.Writer, sf storeFlags, rep integrity.Report) {
	tables := make([]string, 0, len(rep.Rows))
	rows := 0
	for t, n := range rep.Rows {
		tables = append(tables, fmt.Sprintf("%s %d", t, n))
		rows += n
	}
	slices.Sort(tables)
	fmt.Fprintf(w, "Database %s: integrity and foreign keys checked.\n", sf.dbPath())
	fmt.Fprintf(w, "Evidence: %d rows name a file (%s); %d files opened and matched their row; %d files in %s.\n",
		rows, strings.Join(tables, ", "), rep.Verified, rep.Stored, sf.evidenceDir())
	if rep.Audit.OK() {
		fmt.Fprintf(w, "Audit log intact: %d entries. Last hash: %s\n", rep.Audit.Entries, rep.Audit.LastHash)
	}
	for _, o := range rep.Recent {
		fmt.Fprintf(w, "Not counted: evidence/%s is named by no row but is newer than %s; it may be an upload whose row is being committed.\n",
			o.Path, integrity.DefaultGrace)
	}
	if len(rep.Problems) == 0 {
		return
	}
	fmt.Fprintf(w, "PROBLEMS (%d):\n", len(rep.Problems))
	for _, p := range rep.Problems {
		fmt.Fprintf(w, "  %s\n", p)
	}
}
