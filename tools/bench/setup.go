package main

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

const staffEmail = "bench-staff@example.org"

// prepareStore migrates and seeds the data folder and adds the bench's
// staff account through the portal's own commands.
func prepareStore(ctx context.Context, bin string, cfg config) (time.Duration, error) {
	data := filepath.Join(cfg.dir, "data")
	if err := runCmd(ctx, bin, "", "migrate", "-data", data); err != nil {
		return 0, err
	}
	t0 := time.Now()
	if err := runCmd(ctx, bin, "", "seed", "-n", fmt.Sprint(cfg.cases), "-documents", "10", "-data", data); err != nil {
		return 0, err
	}
	took := time.Since(t0)
	err := runCmd(ctx, bin, benchPassword+"\n", "staff", "add", "--email", staffEmail, "--name", "Bench Staff",
		"-role", "secretariat", "--password-stdin", "-data", data)
	return took, err
}

func runCmd(ctx context.Context, bin, stdin string, args ...string) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Stdin = strings.NewReader(stdin)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s %s: %w\n%s", bin, strings.Join(args, " "), err, out)
	}
	return nil
}

// startPortal starts `serve` over the bench's data folder and says how long
// it took from exec to the first 200 on /healthz.
func startPortal(bin string, cfg config, pprofPort int) (*server, time.Duration, error) {
	data := filepath.Join(cfg.dir, "data")
	return start(bin, func(port int) []string {
		args := []string{"serve", "-addr", fmt.Sprintf("127.0.0.1:%d", port), "-data", data,
			"-max-upload-mb", fmt.Sprint(cfg.uploadMB + 10)}
		if pprofPort > 0 {
			args = append(args, "-pprof", fmt.Sprintf("127.0.0.1:%d", pprofPort))
		}
		return args
	}, "/healthz")
}

// pages are the paths the bench loads as each kind of person.
type pages struct {
	petitioner *browser
	staff      *browser
	draft      string // a draft's task list
	filed      string // a filed request's page
	staffCase  string // a seeded case's staff page
}

var staffCaseLink = regexp.MustCompile(`href="(/staff/requests/\d+)"`)

// preparePeople signs in a petitioner with one filed request and one draft,
// and a staff member with the second factor.
func preparePeople(ctx context.Context, s *server, cfg config) (pages, error) {
	var p pages
	p.petitioner = newBrowser(s.base, newTransport(cfg.conns))
	email := "bench-petitioner@example.org"
	b := p.petitioner
	if err := b.register(ctx, email); err != nil {
		return p, err
	}
	if _, err := b.login(ctx, email); err != nil {
		return p, err
	}
	var err error
	if p.filed, err = b.startDraft(ctx); err != nil {
		return p, err
	}
	if err := b.fillDraft(ctx, p.filed); err != nil {
		return p, err
	}
	if err := b.confirmAddress(ctx, filepath.Join(cfg.dir, "data"), email); err != nil {
		return p, err
	}
	if err := b.fileRequest(ctx, p.filed); err != nil {
		return p, err
	}
	if p.draft, err = b.startDraft(ctx); err != nil {
		return p, err
	}
	if err := b.fillDraft(ctx, p.draft); err != nil {
		return p, err
	}
	p.staff = newBrowser(s.base, newTransport(cfg.conns))
	if err := p.staff.staffSignIn(ctx, staffEmail); err != nil {
		return p, err
	}
	q, err := p.staff.get(ctx, "/staff")
	if err != nil {
		return p, err
	}
	m := staffCaseLink.FindStringSubmatch(q.body)
	if m == nil {
		return p, fmt.Errorf("staff queue (status %d) links no case", q.status)
	}
	p.staffCase = m[1]
	return p, nil
}
