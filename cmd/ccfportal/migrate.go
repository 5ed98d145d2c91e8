package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/db/domain"
)

// migrate applies any pending migrations and exits; serve does the same at
// start, so this is for deployments that migrate as a separate step.
func migrate(ctx context.Context, args []string, stdout io.Writer) error {
	var sf storeFlags
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	sf.register(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := refuseDamagedStore(ctx, sf.dbPath()); err != nil {
		return err
	}
	store, err := db.Open(ctx, sf.dbPath(), domain.SystemClock{})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Database %s is up to date.\n", sf.dbPath())
	return store.Close()
}
