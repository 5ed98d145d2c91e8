package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/seed"
	"github.com/ccf-portal/ccfportal/web"
)

// runSeed runs `seed -n N`: it fills the store with N fictional cases for
// demonstration and benchmarks. It never runs by itself, and refuses a
// store that holds real filings unless --force is given.
func runSeed(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var sf storeFlags
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sf.register(fs)
	n := fs.Int("n", 0, "how many fictional requests to make (required)")
	force := fs.Bool("force", false, "add demo data even though the store holds real filings")
	docs := fs.Int("documents", 300, "give files to at most this many requests (the most recent); each file is encrypted and synced on its own")
	years := fs.Bool("years", false, "instead of -n, make every year since 2021 at the CCF's published volumes and shares, the same each run (what seed does when -n is not given)")
	scale := fs.Float64("scale", 1, "with -years, the share of the CCF's volumes to make (0.1 makes a tenth)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *n <= 0 && !*years {
		*years = true // the demo a new operator expects: years of realistic volumes
	}
	if (*n <= 0) == !*years || *scale <= 0 {
		return errors.New("usage: ccfportal seed [-years] [-scale F] | -n N, and [--force] [-documents K] [-data DIR]")
	}
	// Seeding writes evidence files, so it needs the folder to itself.
	unlock, err := lockData(sf.data)
	if err != nil {
		return err
	}
	defer unlock()
	secrets, err := web.LoadOrCreateSecrets(sf.secretsPath())
	if err != nil {
		return err
	}
	store, err := db.Open(ctx, sf.dbPath(), domain.SystemClock{})
	if err != nil {
		return err
	}
	defer store.Close()
	blobs, err := openBlobs(ctx, sf, secrets, store, slog.New(slog.NewTextHandler(stderr, nil)))
	if err != nil {
		return err
	}
	start := time.Now()
	opts := seed.Options{N: *n, Force: *force, Blobs: blobs, MaxDocumentCases: *docs, RandSeed: uint64(time.Now().UnixNano())}
	if *years {
		// The same figures on every run, so that a demonstration or a
		// measurement can be repeated.
		opts = seed.Options{Years: true, Scale: *scale, Force: *force, Blobs: blobs, MaxDocumentCases: *docs, RandSeed: 2023}
	}
	rep, err := seed.Seed(ctx, store, opts)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Added %d fictional requests (%d documents, %d decisions, %d deletion notices, %d published decisions) in %s.\n",
		rep.Requests, rep.Documents, rep.Decisions, rep.Notices, rep.Published, time.Since(start).Round(time.Millisecond))
	fmt.Fprintf(stdout, "Every seeded account has an address ending in %s and cannot sign in.\n", domain.SeedEmailDomain)
	return nil
}
