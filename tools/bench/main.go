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

func main() {
	portal := flag.String("portal", "bin/ccfportal", "the portal binary")
	bare := flag.String("bare", "bin/bench-bare", "the bare Echo binary")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg := loadConfig()
	if cfg.dir == "" {
		dir, err := os.MkdirTemp("", "ccf-bench-")
		if err != nil {
			fail(err)
		}
		defer os.RemoveAll(dir)
		cfg.dir = dir
	}
	if err := run(ctx, cfg, *portal, *bare); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(1)
}
