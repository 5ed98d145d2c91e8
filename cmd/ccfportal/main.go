// Command ccfportal runs the CCF Portal and its administration tasks.
//
//	ccfportal [serve] [flags]                 run the portal (the default)
//	ccfportal migrate [flags]                 apply database migrations and exit
//	ccfportal staff add --email ADDR [flags]  add a staff account
//	ccfportal seed -n N [--force] [flags]     fill the store with fictional demo cases
//	ccfportal audit verify [flags]            check the audit log's hash chain
//	ccfportal backup -out FILE [flags]        write a consistent backup while the portal runs
//	ccfportal restore -in FILE -data NEWDIR   restore a backup into an empty folder
//	ccfportal check [-repair] [flags]         check the database, every evidence file and the audit chain
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// After the first signal starts a graceful shutdown, a second one ends
	// the process at once (every acknowledged write is already durable).
	go func() { <-ctx.Done(); stop() }()
	if err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "ccfportal:", err)
		os.Exit(1)
	}
}

// run dispatches to a sub-command; it is main without the process, for tests.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	privateFiles()
	if len(args) == 0 || args[0] == "" || args[0][0] == '-' {
		return serve(ctx, args, stdout, stderr)
	}
	switch args[0] {
	case "serve":
		return serve(ctx, args[1:], stdout, stderr)
	case "migrate":
		return migrate(ctx, args[1:], stdout)
	case "staff":
		return staff(ctx, args[1:], stdin, stdout)
	case "seed":
		return runSeed(ctx, args[1:], stdout, stderr)
	case "audit":
		return audit(ctx, args[1:], stdout)
	case "backup":
		return backup(ctx, args[1:], stdout, stderr)
	case "restore":
		return restore(ctx, args[1:], stdout, stderr)
	case "check":
		return check(ctx, args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	return fmt.Errorf("unknown command %q\n%s", args[0], usage)
}

const usage = `usage:
  ccfportal [serve] [flags]                 run the portal (default)
  ccfportal migrate [flags]                 apply database migrations and exit
  ccfportal staff add --email ADDR [flags]  add a staff account
  ccfportal staff disable|enable|reset-factor --email ADDR [flags]
                                            disable a staff account (its sessions end), enable it, or reset its second factor
  ccfportal seed -n N [--force] [flags]     fill the store with fictional demo cases
  ccfportal audit verify [flags]            check the audit log's hash chain
  ccfportal backup -out FILE [flags]        write a consistent backup while the portal runs
  ccfportal restore -in FILE -data NEWDIR   restore a backup into an empty folder
  ccfportal check [-repair] [flags]         check the database, every evidence file and the audit chain
Run a command with -h for its flags.
`
