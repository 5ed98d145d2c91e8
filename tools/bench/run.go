package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"time"
)

// bench holds one run's servers and what it measured.
type bench struct {
	cfg      config
	portal   *server
	bare     *server
	people   pages
	pprof    int
	rows     []row
	figs     []figure
	bareRate float64
}

func run(ctx context.Context, cfg config, portalBin, bareBin string) error {
	b := &bench{cfg: cfg}
	fmt.Printf("Seeding %d cases into %s ...\n", cfg.cases, cfg.dir)
	seedTook, err := prepareStore(ctx, portalBin, cfg)
	if err != nil {
		return err
	}
	fmt.Printf("Seeded in %s.\n", seedTook.Round(time.Millisecond))
	if cfg.profileDir != "" {
		if b.pprof, err = freePort(); err != nil {
			return err
		}
	}
	if err := b.startServers(ctx, portalBin, bareBin); err != nil {
		return err
	}
	defer b.portal.stop()
	defer b.bare.stop()
	if b.people, err = preparePeople(ctx, b.portal, cfg); err != nil {
		return fmt.Errorf("preparing people: %w", err)
	}
	b.pageLoads(ctx)
	if err := b.racingSaves(ctx); err != nil {
		return err
	}
	if err := b.failedSignIns(ctx); err != nil {
		return err
	}
	if err := b.upload(ctx); err != nil {
		return err
	}
	b.report(os.Stdout)
	return nil
}

// startServers starts the portal (timing its cold start and reading its
// idle memory) and the bare Echo server.
func (b *bench) startServers(ctx context.Context, portalBin, bareBin string) error {
	var (
		cold time.Duration
		err  error
	)
	if b.portal, cold, err = startPortal(portalBin, b.cfg, b.pprof); err != nil {
		return err
	}
	b.figs = append(b.figs, figure{name: fmt.Sprintf("cold start, %d cases (exec to first 200 on /healthz)", b.cfg.cases),
		value: ms(cold), goal: "< 300 ms", pass: cold < 300*time.Millisecond})
	select { // idle: started, nothing asked of it yet
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(2 * time.Second):
	}
	idle, _, err := memory(b.portal.cmd.Process.Pid)
	if err != nil {
		return err
	}
	b.figs = append(b.figs, figure{name: "idle RSS (2 s after start)", value: mib(idle), goal: "< 40 MiB", pass: idle < 40<<20})
	b.bare, _, err = start(bareBin, func(port int) []string { return []string{"-port", fmt.Sprint(port)} }, "/")
	return err
}

// measure runs l, with a CPU profile of the portal taken meanwhile when
// profiles are asked for.
func (b *bench) measure(ctx context.Context, l load) result {
	fmt.Printf("  %s %s ...\n", time.Now().UTC().Format(time.TimeOnly), l.name)
	done := make(chan struct{})
	if b.pprof > 0 && l.duration > 2*time.Second {
		go func() {
			defer close(done)
			b.profile(ctx, l.name, l.duration-time.Second)
		}()
	} else {
		close(done)
	}
	res := l.run(ctx)
	<-done
	if res.firstErr != "" {
		fmt.Printf("    first error: %s\n", res.firstErr)
	}
	return res
}

// profile saves a CPU profile of the portal taken over d.
func (b *bench) profile(ctx context.Context, name string, d time.Duration) {
	url := fmt.Sprintf("http://127.0.0.1:%d/debug/pprof/profile?seconds=%d", b.pprof, int(d.Seconds()))
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Printf("    profile: %v\n", err)
		return
	}
	defer resp.Body.Close()
	if err := os.MkdirAll(b.cfg.profileDir, 0o755); err != nil {
		return
	}
	f, err := os.Create(filepath.Join(b.cfg.profileDir, fileName(name)+".pprof"))
	if err != nil {
		return
	}
	defer f.Close()
	_, _ = io.Copy(f, resp.Body)
}

// fileName turns a row's name into a safe file name.
func fileName(name string) string {
	out := []byte(name)
	for i, c := range out {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			out[i] = '-'
		}
	}
	return string(out)
}
