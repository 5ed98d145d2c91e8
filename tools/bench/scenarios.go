package main

import (
	"context"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
)

// pageLoads loads bare Echo, then each page, with the same connections and
// duration, and adds a row for each against bare Echo's rate.
func (b *bench) pageLoads(ctx context.Context) {
	cfg := b.cfg
	anon := &http.Client{Transport: newTransport(cfg.conns), Timeout: time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	anyone := func(int) *http.Client { return anon }
	petitioner := func(int) *http.Client { return b.people.petitioner.client }
	staff := func(int) *http.Client { return b.people.staff.client }
	page := func(name string, client func(int) *http.Client, url string) load {
		return load{name: name, conns: cfg.conns, duration: cfg.duration, maxRequests: cfg.maxRequests,
			do: getter(client, url, http.StatusOK)}
	}
	bare := b.measure(ctx, page("bare Echo (fixed page)", anyone, b.bare.base+"/"))
	b.bareRate = bare.rate()
	b.rows = append(b.rows, row{res: bare})
	base := b.portal.base
	for _, p := range []struct {
		name, path string
		client     func(int) *http.Client
		goal       float64
		p99        time.Duration
	}{
		{"/", "/", anyone, 0.70, 0},
		{"/login", "/login", anyone, 0.70, 0},
		{"/register", "/register", anyone, 0.70, 0},
		{"/statistics", "/statistics", anyone, 0.70, 0},
		{"petitioner: filed request", b.people.filed, petitioner, 0.40, 0},
		{"petitioner: draft", b.people.draft, petitioner, 0.40, 0},
		{fmt.Sprintf("staff queue, default filters, %d cases", cfg.cases), "/staff", staff, 0.25, 20 * time.Millisecond},
		{"staff case page", b.people.staffCase, staff, 0, 20 * time.Millisecond},
	} {
		res := b.measure(ctx, page(p.name, p.client, base+p.path))
		r := row{res: res, bare: b.bareRate, pass: res.errors == 0}
		var goals []string
		if p.goal > 0 {
			goals = append(goals, fmt.Sprintf(">= %.0f%%", 100*p.goal))
			r.pass = r.pass && r.share() >= p.goal
		}
		if p.p99 > 0 {
			goals = append(goals, "p99 < "+ms(p.p99))
			r.pass = r.pass && percentile(res.latencies, 0.99) < p.p99
		}
		r.goal = strings.Join(goals, ", ")
		b.rows = append(b.rows, r)
	}
}

// racingSaves measures the write ceiling in the data folder, then races
// section saves at each client count against it.
func (b *bench) racingSaves(ctx context.Context) error {
	fmt.Println("  bare SQLite commits ...")
	ceil, err := ceiling(ctx, b.cfg.dir, b.cfg.saveDuration, 1_000_000)
	if err != nil {
		return fmt.Errorf("write ceiling: %w", err)
	}
	b.rows = append(b.rows, row{res: ceil, bare: b.bareRate})
	for _, n := range b.cfg.saveClients {
		fmt.Printf("  preparing %d writers ...\n", n)
		ws, err := prepareWriters(ctx, b.portal.base, newTransport(n), min(b.cfg.accounts, n), n, fmt.Sprint(n))
		if err != nil {
			return fmt.Errorf("preparing %d writers: %w", n, err)
		}
		res := b.measure(ctx, saveLoad(ws, b.cfg.saveDuration, int64(n)*500))
		limit := time.Second
		if n > 200 {
			limit = 3 * time.Second
		}
		share := res.rate() / ceil.rate()
		b.rows = append(b.rows, row{res: res, bare: b.bareRate,
			goal: fmt.Sprintf(">= 70%% of bare SQLite (%.0f%%), p99 < %s", 100*share, ms(limit)),
			pass: res.errors == 0 && share >= 0.70 && percentile(res.latencies, 0.99) < limit})
	}
	return nil
}

// failedSignIns sends that many wrong passwords at once, each to an account
// of its own, and records the server's peak resident set.
func (b *bench) failedSignIns(ctx context.Context) error {
	n := b.cfg.signIns
	fmt.Printf("  %d parallel failed sign-ins ...\n", n)
	tr := newTransport(n)
	browsers := make([]*browser, n)
	forms := make([]url.Values, n)
	for i := range browsers {
		browsers[i] = newBrowser(b.portal.base, tr)
		v, err := browsers[i].form(ctx, "/login")
		if err != nil {
			return err
		}
		v.Set("email", fmt.Sprintf("bench-%d-%d@example.org", b.cfg.saveClients[0], i%b.cfg.accounts))
		v.Set("password", "not the password at all")
		forms[i] = v
	}
	statuses := make([]int, n)
	peak, hwm, err := peakRSS(ctx, b.portal.cmd.Process.Pid, func() error {
		var wg sync.WaitGroup
		for i := range browsers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if p, err := browsers[i].post(ctx, "/login", forms[i]); err == nil {
					statuses[i] = p.status
				}
			}()
		}
		wg.Wait()
		return nil
	})
	if err != nil {
		return err
	}
	b.figs = append(b.figs, figure{name: fmt.Sprintf("%d parallel failed sign-ins: peak RSS (statuses %s)", n, countStatuses(statuses)),
		value: fmt.Sprintf("%s (VmHWM %s)", mib(peak), mib(hwm)), goal: "< 600 MiB", pass: peak < 600<<20})
	return nil
}

// countStatuses summarises answers as "N×STATUS", in status order; 0 is
// a request that got no answer.
func countStatuses(s []int) string {
	counts := map[int]int{}
	for _, c := range s {
		counts[c]++
	}
	keys := slices.Sorted(maps.Keys(counts))
	parts := make([]string, 0, len(keys))
	for _, c := range keys {
		parts = append(parts, fmt.Sprintf("%d×%d", counts[c], c))
	}
	return strings.Join(parts, " ")
}

// upload measures the big upload against dd in the same folder.
func (b *bench) upload(ctx context.Context) error {
	n := b.cfg.uploadMB << 20
	fmt.Printf("  %d MiB upload and dd ...\n", b.cfg.uploadMB)
	done := make(chan struct{})
	go func() { // the upload takes a second or more; profile its first
		defer close(done)
		if b.pprof > 0 {
			b.profile(ctx, "upload", time.Second)
		}
	}()
	f, err := bigUpload(ctx, b.people.petitioner, b.portal.cmd.Process.Pid, b.cfg.dir, n)
	<-done
	if err != nil {
		return err
	}
	up, dd := mbps(f.bytes, f.took), mbps(f.bytes, f.ddTook)
	b.figs = append(b.figs,
		figure{name: fmt.Sprintf("%d MiB upload vs dd conv=fsync (%.0f MB/s)", b.cfg.uploadMB, dd),
			value: fmt.Sprintf("%.0f MB/s (%.0f%%)", up, 100*up/dd), goal: ">= 70% of dd", pass: up >= 0.7*dd},
		figure{name: "RSS growth during the upload", value: mib(f.peakRSS - f.rssBefore), goal: "< 16 MiB",
			pass: f.peakRSS-f.rssBefore < 16<<20})
	return nil
}

// report prints the tables and the portal's error lines, if any.
func (b *bench) report(w io.Writer) {
	fmt.Fprintf(w, "\n%d connections, %s per page, %s per racing-saves run, %d cases.\n\n",
		b.cfg.conns, b.cfg.duration, b.cfg.saveDuration, b.cfg.cases)
	writeTable(w, b.rows)
	fmt.Fprintln(w)
	writeFigures(w, b.figs)
	if lines := b.portal.errorLines(); len(lines) > 0 {
		fmt.Fprintf(w, "\nThe portal logged %d errors; the first: %s\n", len(lines), lines[0])
	}
}
