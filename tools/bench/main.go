// Command bench is `make bench`: it seeds a store, starts the portal and a
// bare Echo server on 127.0.0.1, drives closed-loop load at the pages,
// races section saves, measures a big upload, memory and cold start, and
// prints each figure next to the goal of issue 21. Every loop is bounded
// in count and time. It is never run by `make test`.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() { os.Exit(bench1()) }

// bench1 runs the bench and returns the exit status, once its deferred
// clean-up (the servers, the temporary store) has run.
func bench1() int {
	portal := flag.String("portal", "bin/ccfportal", "the portal binary")
	bare := flag.String("bare", "bin/bench-bare", "the bare Echo binary")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg := loadConfig()
	if cfg.dir == "" {
		dir, err := os.MkdirTemp("", "ccf-bench-")
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			return 1
		}
		defer os.RemoveAll(dir) // a seeded store is a few hundred MB, failed run or not
		cfg.dir = dir
	}
	if err := run(ctx, cfg, *portal, *bare); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		return 1
	}
	return 0
}
