package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// load is one closed-loop run: conns workers each send a request, wait for
// its answer, and send the next, until the duration is over or maxRequests
// have been sent, whichever comes first.
type load struct {
	name        string
	conns       int
	duration    time.Duration
	maxRequests int64
	// do sends one request with worker w's client; it returns an error for
	// a failed request (a transport error or an unexpected status).
	do func(ctx context.Context, w int) error
}

// run drives the load and gathers what it measured.
func (l load) run(ctx context.Context) result {
	ctx, cancel := context.WithTimeout(ctx, l.duration+30*time.Second) // bounds a stuck request
	defer cancel()
	var (
		sent     atomic.Int64
		mu       sync.Mutex
		res      = result{name: l.name}
		wg       sync.WaitGroup
		deadline = time.Now().Add(l.duration)
	)
	start := time.Now()
	for w := 0; w < l.conns; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var lat []time.Duration
			var errs int
			var first string
			for time.Now().Before(deadline) && sent.Add(1) <= l.maxRequests && ctx.Err() == nil {
				t0 := time.Now()
				if err := l.do(ctx, w); err != nil {
					errs++
					if first == "" {
						first = err.Error()
					}
					continue
				}
				lat = append(lat, time.Since(t0))
			}
			mu.Lock()
			defer mu.Unlock()
			res.latencies = append(res.latencies, lat...)
			res.errors += errs
			res.requests += len(lat) + errs
			if res.firstErr == "" {
				res.firstErr = first
			}
		}()
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	return res
}

// getter is a load step that GETs url with client and wants status.
func getter(client func(w int) *http.Client, url string, status int) func(context.Context, int) error {
	return func(ctx context.Context, w int) error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return err
		}
		resp, err := client(w).Do(req)
		if err != nil {
			return err
		}
		_, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if err != nil {
			return err
		}
		if resp.StatusCode != status {
			return fmt.Errorf("GET %s: status %d", url, resp.StatusCode)
		}
		return nil
	}
}

// newTransport is a keep-alive transport for conns connections to one host.
func newTransport(conns int) *http.Transport {
	return &http.Transport{MaxIdleConns: conns, MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns,
		IdleConnTimeout: time.Minute, DisableCompression: true}
}
