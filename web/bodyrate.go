package web

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"sync/atomic"
	"time"
)

// BodyRate is the slowest a request body may arrive. A body gets Window of
// credit when it starts (the grace period) and earns one second more for
// every Min bytes, up to Window in hand: so it must average at least Min
// bytes a second over any stretch longer than Window, and may stall for at
// most Window. The limit is enforced with the connection's read deadline,
// so a client that sends nothing at all is cut as surely as one that
// trickles.
type BodyRate struct {
	Min    int // bytes per second
	Window time.Duration
}

// DefaultBodyRate lets a poor mobile or Tor link pause for half a minute
// while refusing bodies slower than 1 KB/s, which would hold a connection
// for hours to send one upload.
var DefaultBodyRate = BodyRate{Min: 1024, Window: 30 * time.Second}

// ErrBodyTooSlow is the cause of a body cut for arriving too slowly.
var ErrBodyTooSlow = errors.New("request body arrived too slowly")

// slowBodyError wraps the read error of a body cut by the rate limit. It
// reports Timeout, as the network error it replaces did.
type slowBodyError struct{ err error }

func (e *slowBodyError) Error() string   { return fmt.Sprintf("%v: %v", ErrBodyTooSlow, e.err) }
func (e *slowBodyError) Unwrap() []error { return []error{ErrBodyTooSlow, e.err} }
func (e *slowBodyError) Timeout() bool   { return true }

// rateBody is a request body that keeps the connection's read deadline at
// the point where the body's credit runs out.
type rateBody struct {
	body     io.ReadCloser
	rc       *http.ResponseController
	rate     float64 // bytes per second
	window   time.Duration
	limit    time.Time // the server's own deadline for the whole request, if any
	deadline time.Time
	eof      bool
	n        atomic.Int64
}

// limitBodyRate wraps every request body in a rateBody. readTimeout is the
// server's ReadTimeout, which the rate limit never extends.
func limitBodyRate(rate BodyRate, readTimeout time.Duration, next http.Handler) http.Handler {
	if rate.Min <= 0 || rate.Window <= 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body == nil || r.Body == http.NoBody {
			next.ServeHTTP(w, r)
			return
		}
		now := time.Now()
		b := &rateBody{body: r.Body, rc: http.NewResponseController(w), rate: float64(rate.Min),
			window: rate.Window, deadline: now.Add(rate.Window)}
		if readTimeout > 0 {
			b.limit = now.Add(readTimeout)
		}
		b.setDeadline()
		r.Body = b
		next.ServeHTTP(w, r)
	})
}

func (b *rateBody) Read(p []byte) (int, error) {
	n, err := b.body.Read(p)
	b.n.Add(int64(n))
	if err == io.EOF {
		// The server now reads in the background to notice a closed
		// connection, and clears the deadline itself; leave it alone.
		b.eof = true
		return n, err
	}
	if err != nil {
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() && !time.Now().Before(b.deadline) {
			return n, &slowBodyError{err: err}
		}
		return n, err
	}
	if n > 0 && !b.eof {
		now := time.Now()
		b.deadline = b.deadline.Add(time.Duration(float64(n) / b.rate * float64(time.Second)))
		if most := now.Add(b.window); b.deadline.After(most) {
			b.deadline = most
		}
		b.setDeadline()
	}
	return n, nil
}

// setDeadline moves the connection's read deadline to the body's, never past
// the server's own. Where the connection has no deadlines (a recorder in a
// test), only the accounting remains.
func (b *rateBody) setDeadline() {
	d := b.deadline
	if !b.limit.IsZero() && d.After(b.limit) {
		d = b.limit
	}
	_ = b.rc.SetReadDeadline(d)
}

func (b *rateBody) Close() error { return b.body.Close() }

func (b *rateBody) bytesRead() int64 { return b.n.Load() }

func isMultipart(r *http.Request) bool {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return mt == "multipart/form-data"
}
