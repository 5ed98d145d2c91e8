package main

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
	_ "modernc.org/sqlite" // the store's own driver, for the write ceiling
)

// writer is one racing client: a signed-in browser (shared by the clients
// of one account) and a draft of its own.
type writer struct {
	b     *browser
	draft string
}

// prepareWriters signs in accounts petitioners (registering them) and
// starts one draft per client, clients in all, spread over the accounts.
// Each account costs two password hashes, so there are fewer accounts than
// clients; each client still saves its own draft with its session's token.
func prepareWriters(ctx context.Context, base string, tr http.RoundTripper, accounts, clients int, tag string) ([]writer, error) {
	browsers := make([]*browser, accounts)
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(8)
	for i := range browsers {
		g.Go(func() error {
			b := newBrowser(base, tr)
			email := fmt.Sprintf("bench-%s-%d@example.org", tag, i)
			if err := retryBusy(func() error { return b.register(gctx, email) }); err != nil {
				return fmt.Errorf("register %s: %w", email, err)
			}
			if err := retryBusy(func() error { _, err := b.login(gctx, email); return err }); err != nil {
				return fmt.Errorf("login %s: %w", email, err)
			}
			browsers[i] = b
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	ws := make([]writer, clients)
	g, gctx = errgroup.WithContext(ctx)
	g.SetLimit(16)
	for i := range ws {
		g.Go(func() error {
			b := browsers[i%accounts]
			d, err := b.startDraft(gctx)
			ws[i] = writer{b: b, draft: d}
			return err
		})
	}
	return ws, g.Wait()
}

// retryBusy repeats a sign-in step (at most 20 times) while the server
// answers 503: it holds password checks back while its hashing memory is
// spent, and asks to try again.
func retryBusy(step func() error) error {
	var err error
	for i := 0; i < 20; i++ {
		if err = step(); err == nil || !strings.Contains(err.Error(), "status 503") {
			return err
		}
	}
	return err
}

// saveLoad is the racing-saves run: every client opens its draft's
// applicant section and saves it, again and again, with the token and
// versions the form showed. Only the POST is timed.
func saveLoad(ws []writer, duration time.Duration, maxSaves int64) load {
	var mu sync.Mutex
	seq := make([]int, len(ws))
	return load{name: fmt.Sprintf("section save, %d clients", len(ws)), conns: len(ws), duration: duration,
		maxRequests: maxSaves, do: func(ctx context.Context, i int) error {
			w := ws[i]
			path := w.draft + "/section/applicant"
			v, err := w.b.form(ctx, path)
			if err != nil {
				return err
			}
			mu.Lock()
			seq[i]++
			n := seq[i]
			mu.Unlock()
			for k, vs := range accessAnswers()["applicant"] {
				v[k] = vs
			}
			v.Set("full_name", fmt.Sprintf("Amal Haddad %d %d", i, n))
			p, err := w.b.post(ctx, path, v)
			if err == nil && p.status != http.StatusSeeOther {
				err = fmt.Errorf("save: status %d", p.status)
			}
			return err
		}}
}

// ceiling commits, one after another on one connection with the store's
// pragmas (WAL, synchronous=FULL), transactions the size of a section
// save: the section's six answers and an event row. It runs in dir, on the
// same disk as the store, and returns commits per second.
func ceiling(ctx context.Context, dir string, duration time.Duration, maxCommits int) (result, error) {
	path := filepath.Join(dir, "ceiling.db")
	defer os.Remove(path)
	defer os.Remove(path + "-wal")
	defer os.Remove(path + "-shm")
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_txlock=immediate")
	if err != nil {
		return result{}, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, q := range []string{
		`CREATE TABLE answers (request_id INTEGER, field TEXT, value TEXT, version INTEGER, PRIMARY KEY (request_id, field))`,
		`CREATE TABLE events (id INTEGER PRIMARY KEY, request_id INTEGER, kind TEXT, at TEXT)`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return result{}, err
		}
	}
	res := result{name: "bare SQLite commit (synchronous=FULL)"}
	fields := []string{"full_name", "birth_date", "birth_place", "nationality", "alias", "gender"}
	t0 := time.Now()
	for i := 0; i < maxCommits && time.Since(t0) < duration && ctx.Err() == nil; i++ {
		c0 := time.Now()
		if err := commitOne(ctx, db, i, fields); err != nil {
			return res, err
		}
		res.latencies = append(res.latencies, time.Since(c0))
		res.requests++
	}
	res.elapsed = time.Since(t0)
	return res, nil
}

func commitOne(ctx context.Context, db *sql.DB, i int, fields []string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	req := i % 1000
	for _, f := range fields {
		if _, err := tx.ExecContext(ctx, `INSERT INTO answers VALUES (?, ?, ?, 1)
			ON CONFLICT (request_id, field) DO UPDATE SET value = excluded.value, version = version + 1`,
			req, f, fmt.Sprintf("Amal Haddad %d %s", i, f)); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO events (request_id, kind, at) VALUES (?, 'answers_saved', ?)`,
		req, time.Now().UTC().Format(time.RFC3339Nano)); err != nil {
		return err
	}
	return tx.Commit()
}
