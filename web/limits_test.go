package web_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/password"
	"github.com/ccf-portal/ccfportal/web"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

// serving starts the portal the way `serve` does -- its own http.Server
// with its timeouts and connection cap, on a loopback listener -- and
// returns its address.
func serving(t *testing.T, adjust func(*web.Config)) string {
	t.Helper()
	dir := t.TempDir()
	store, err := db.Open(context.Background(), filepath.Join(dir, "ccf.db"), domain.SystemClock{})
	require.NoError(t, err)
	blobs, err := blob.NewStore(filepath.Join(dir, "evidence"), bytes.Repeat([]byte{9}, 32))
	require.NoError(t, err)
	cfg := web.Config{SessionKey: bytes.Repeat([]byte{7}, 32), Passwords: password.FastParams,
		Sessions: web.DefaultSessionPolicy, Logger: slog.New(slog.DiscardHandler), Blobs: blobs, DataDir: dir}
	if adjust != nil {
		adjust(&cfg)
	}
	srv := web.New(cfg, store)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
		<-done
		store.Close()
	})
	return ln.Addr().String()
}

// timedHealthz asks /healthz on a fresh connection and returns how long the
// answer took.
func timedHealthz(addr string) (time.Duration, error) {
	client := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	start := time.Now()
	resp, err := client.Get("http://" + addr + "/healthz")
	if err != nil {
		return time.Since(start), err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusOK {
		return time.Since(start), fmt.Errorf("healthz answered %d", resp.StatusCode)
	}
	return time.Since(start), nil
}

// trickle opens a connection, sends head at once, then one byte of body
// every interval until stop is closed. Half the callers trickle their
// headers instead, never finishing them.
func trickle(addr string, headersOnly bool, interval time.Duration, stop <-chan struct{}) error {
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return err
	}
	defer conn.Close()
	head := "POST /login HTTP/1.1\r\nHost: portal\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n"
	if headersOnly {
		head = "GET /healthz HTTP/1.1\r\nHost: portal\r\nX-Slow: "
	} else if _, err := io.WriteString(conn, head); err != nil {
		return err
	}
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for i := 0; ; i++ {
		select {
		case <-stop:
			return nil
		case <-tick.C:
		}
		b := []byte{'a'}
		if headersOnly && i < len(head) {
			b[0] = head[i]
		}
		if _, err := conn.Write(b); err != nil {
			return nil // cut by the server: also fine
		}
	}
}

func TestManySlowClientsDoNotStopHealthz(t *testing.T) {
	addr := serving(t, func(cfg *web.Config) { cfg.MaxConns = 1000 })
	const clients = 300
	stop := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, clients)
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- trickle(addr, i%2 == 0, 100*time.Millisecond, stop)
		}()
	}
	// Let every slow client connect and start, then ask for health
	// throughout a bounded stretch of their trickling.
	var worst time.Duration
	asked := 0
	pace := time.NewTicker(50 * time.Millisecond)
	defer pace.Stop()
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); <-pace.C {
		took, err := timedHealthz(addr)
		require.NoError(t, err)
		worst = max(worst, took)
		asked++
	}
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err, "every slow client could connect")
	}
	// Every check answered 200 within the client's timeout: the slow
	// clients do not hold the server. How fast is measured, not asserted
	// (a loaded machine stretches it): the log line carries the figure.
	t.Logf("%d slow clients: /healthz asked %d times, slowest answer %s", clients, asked, worst)
	assert.Positive(t, asked)
}

func TestConnectionsBeyondTheCapWaitToBeAccepted(t *testing.T) {
	addr := serving(t, func(cfg *web.Config) { cfg.MaxConns = 2 })
	var held []net.Conn
	for range 2 {
		c, err := net.Dial("tcp", addr)
		require.NoError(t, err)
		held = append(held, c)
		// A request in progress holds its slot.
		_, err = io.WriteString(c, "GET /healthz HTTP/1.1\r\nHost: portal\r\n")
		require.NoError(t, err)
	}
	client := &http.Client{Timeout: 300 * time.Millisecond, Transport: &http.Transport{DisableKeepAlives: true}}
	_, err := client.Get("http://" + addr + "/healthz")
	require.Error(t, err, "a third connection is not served while two hold their slots")
	held[0].Close()
	took, err := timedHealthz(addr)
	require.NoError(t, err, "once a slot frees, the next connection is served")
	assert.Less(t, took, time.Second)
	held[1].Close()
}

// readStatus reads the status of the response on conn, or fails after limit.
func readStatus(conn net.Conn, limit time.Duration) (int, error) {
	_ = conn.SetReadDeadline(time.Now().Add(limit))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

func TestABodyTrickledTooSlowlyIsCut(t *testing.T) {
	addr := serving(t, func(cfg *web.Config) { cfg.BodyRate = web.BodyRate{Min: 1024, Window: 300 * time.Millisecond} })
	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer conn.Close()
	_, err = io.WriteString(conn, "POST /login HTTP/1.1\r\nHost: portal\r\n"+
		"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000\r\n\r\nemail=")
	require.NoError(t, err)
	stop := make(chan struct{})
	go func() {
		tick := time.NewTicker(20 * time.Millisecond) // 50 bytes a second
		defer tick.Stop()
		for range 250 {
			select {
			case <-stop:
				return
			case <-tick.C:
			}
			if _, err := conn.Write([]byte{'a'}); err != nil {
				return
			}
		}
	}()
	start := time.Now()
	status, err := readStatus(conn, 5*time.Second)
	close(stop)
	require.NoError(t, err)
	assert.Equal(t, http.StatusRequestTimeout, status)
	assert.Less(t, time.Since(start), 3*time.Second, "cut soon after its credit ran out, not at the request timeout")
	took, err := timedHealthz(addr)
	require.NoError(t, err)
	assert.Less(t, took, time.Second)
}

func TestABodyThatStopsIsCut(t *testing.T) {
	addr := serving(t, func(cfg *web.Config) { cfg.BodyRate = web.BodyRate{Min: 1024, Window: 200 * time.Millisecond} })
	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer conn.Close()
	_, err = io.WriteString(conn, "POST /login HTTP/1.1\r\nHost: portal\r\n"+
		"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nemail=")
	require.NoError(t, err)
	status, err := readStatus(conn, 5*time.Second)
	require.NoError(t, err)
	assert.Equal(t, http.StatusRequestTimeout, status, "a body that stops arriving is cut like one that trickles")
}

func TestAnUploadTrickledTooSlowlyIsCutAndLeavesNoTempFile(t *testing.T) {
	app := webtest.New(t, func(cfg *web.Config) { cfg.BodyRate = web.BodyRate{Min: 1024, Window: 400 * time.Millisecond} })
	c := app.Petitioner("slow@example.org")
	req := c.StartAccessRequest()
	token := webtest.CSRFFrom(t, c.Get(req+"/documents").Body)

	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		// The form and the head of the file arrive at once; the rest
		// trickles at 50 bytes a second.
		_ = mw.WriteField("_csrf", token)
		_ = mw.WriteField("doc_type", "identity")
		part, _ := mw.CreateFormFile("file", "passport.pdf")
		_, _ = io.WriteString(part, "%PDF-1.4\n"+strings.Repeat("%", 2000)+"\n")
		pace := time.NewTicker(20 * time.Millisecond)
		defer pace.Stop()
		for range 500 {
			if _, err := part.Write([]byte{'%'}); err != nil {
				return
			}
			<-pace.C
		}
		pw.CloseWithError(mw.Close())
	}()
	r, err := http.NewRequest(http.MethodPost, app.Server.URL+req+"/documents", pr)
	require.NoError(t, err)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := c.HTTP.Do(r)
	pr.CloseWithError(io.ErrClosedPipe) // stops the writer
	if err == nil {
		resp.Body.Close()
		assert.Equal(t, http.StatusRequestTimeout, resp.StatusCode)
	}
	// Whether or not the client read the answer, the upload must be gone.
	id, _ := strconv.ParseInt(strings.TrimPrefix(req, "/requests/"), 10, 64)
	require.Eventually(t, func() bool {
		entries, err := os.ReadDir(filepath.Join(app.DataDir, "evidence", "tmp"))
		return err == nil && len(entries) == 0
	}, 5*time.Second, 20*time.Millisecond, "the cut upload's temp file is discarded")
	docs, err := app.DB.Documents(context.Background(), id)
	require.NoError(t, err)
	assert.Empty(t, docs)
	assert.NotContains(t, app.Logs.String(), "level=ERROR", "a slow client is not a server error")
}
