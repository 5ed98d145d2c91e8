package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"golang.org/x/net/netutil"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/handlers"
)

// Server is the portal's HTTP server.
type Server struct {
	cfg         Config
	db          *db.DB
	echo        *echo.Echo
	http        *http.Server
	store       *dbStore
	visitors    *visitorCookies
	sessions    *sessionManager
	handlers    *handlers.Handlers
	crossOrigin *http.CrossOriginProtection
	log         *slog.Logger
	// streamingRoutes are the routes (by routeKey) declared as streaming
	// uploads in routes.go, whose handlers check the CSRF token themselves.
	streamingRoutes map[string]bool
	metrics         *metrics
	// root is the whole handler chain: in-flight tracking, the body rate
	// limit, then Echo.
	root     http.Handler
	inFlight inFlight
}

// The server's timeouts. They are generous on purpose: people upload
// evidence over Tor and poor mobile links. The header timeout stops
// slow-loris clients; the body rate limit (BodyRate) stops slow bodies long
// before the request timeout.
const (
	ReadHeaderTimeout = 10 * time.Second
	RequestTimeout    = 15 * time.Minute
	// LongestRequest is the longest a request can take, from its first
	// byte to its last: the default time a shutdown waits for requests.
	LongestRequest = ReadHeaderTimeout + RequestTimeout
)

// New builds the server over an open store.
func New(cfg Config, store *db.DB) *Server {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	s := &Server{cfg: cfg, db: store, log: cfg.Logger, crossOrigin: http.NewCrossOriginProtection(),
		streamingRoutes: map[string]bool{}}
	s.store = newDBStore(store, cfg.SessionKey, cfg.Sessions, cfg.HTTPS)
	s.visitors = newVisitorCookies(cfg.SessionKey, cfg.HTTPS)
	s.sessions = &sessionManager{store: s.store}
	if cfg.MaxUpload <= 0 {
		cfg.MaxUpload = DefaultMaxUpload
	}
	if cfg.Limits.MaxAppendices <= 0 {
		cfg.Limits.MaxAppendices = domain.DefaultLimits.MaxAppendices
	}
	if cfg.Limits.MaxSummaryPages <= 0 {
		cfg.Limits.MaxSummaryPages = domain.DefaultLimits.MaxSummaryPages
	}
	store.SetAdmissibilityMonths(cfg.AdmissibilityMonths)
	s.handlers = &handlers.Handlers{DB: store, Sessions: s.sessions, Passwords: cfg.Passwords,
		Blobs: cfg.Blobs, MaxUpload: cfg.MaxUpload, Limits: cfg.Limits, MinFreeDisk: cfg.MinFreeDisk,
		ReadyTimeout: cfg.ReadyTimeout, PublicURL: strings.TrimRight(cfg.PublicURL, "/")}
	s.echo = echo.New()
	s.echo.HideBanner, s.echo.HidePort = true, true
	s.echo.HTTPErrorHandler = s.handleError
	s.metrics = newMetrics(store, cfg.DataDir, s.log)
	s.echo.Use(requestID, s.securityHeaders, s.observe, s.requestLogger)
	s.echo.Use(middleware.RecoverWithConfig(middleware.RecoverConfig{
		LogErrorFunc: func(c echo.Context, err error, stack []byte) error {
			s.log.Error("panic", slog.String("request_id", requestIDOf(c)), slog.String("error", err.Error()),
				slog.String("stack", string(stack)))
			return err
		},
	}))
	s.echo.Use(s.locale)
	s.routes()
	if cfg.BodyRate == (BodyRate{}) {
		cfg.BodyRate = DefaultBodyRate
	}
	s.root = s.track(limitBodyRate(cfg.BodyRate, RequestTimeout, s.echo))
	s.http = &http.Server{
		Addr:              cfg.Addr,
		Handler:           s.root,
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       RequestTimeout,
		WriteTimeout:      RequestTimeout,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	return s
}

// Handler is the whole app as an http.Handler, for tests and embedding.
func (s *Server) Handler() http.Handler { return s.root }

// Routes lists every route the server answers, for tests that must cover
// them all (the authorisation matrix).
func (s *Server) Routes() []*echo.Route { return s.echo.Routes() }

// MetricsHandler serves the metrics in the Prometheus text format. It is
// meant for a listener of its own, reachable by the monitoring only.
func (s *Server) MetricsHandler() http.Handler { return s.metrics.handler() }

// Serve accepts connections on ln until Shutdown, at most MaxConns at once.
func (s *Server) Serve(ln net.Listener) error {
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	s.inFlight.begin()
	go func() {
		defer s.inFlight.end()
		s.purgeSessions(ctx)
	}()
	if s.cfg.MaxConns > 0 {
		ln = netutil.LimitListener(ln, s.cfg.MaxConns)
	}
	if err := s.http.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// track counts the requests being handled, so that Shutdown can wait for
// their handlers to return even after their connections are gone.
func (s *Server) track(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.inFlight.begin()
		defer s.inFlight.end()
		next.ServeHTTP(w, r)
	})
}

// CutError reports a shutdown whose deadline passed with requests still in
// progress: their connections were closed, and their handlers returned.
type CutError struct{ Deadline error }

func (e *CutError) Error() string {
	return "shutdown deadline passed: requests still in progress were cut: " + e.Deadline.Error()
}
func (e *CutError) Unwrap() error { return e.Deadline }

// handlerGrace bounds the wait for handlers whose connections were closed
// at the shutdown deadline; they fail at their next read or write.
const handlerGrace = 10 * time.Second

// Shutdown stops accepting connections and waits for in-flight requests
// until ctx ends. If it ends first, the remaining connections are closed
// and Shutdown still waits (briefly) for their handlers to return, so that
// an upload cut mid-way has discarded its temp file and no handler touches
// the store after the caller closes it; it then returns a *CutError.
func (s *Server) Shutdown(ctx context.Context) error {
	err := s.http.Shutdown(ctx)
	if err != nil {
		_ = s.http.Close()
		err = &CutError{Deadline: err}
	}
	select {
	case <-s.inFlight.idle():
	case <-time.After(handlerGrace):
		return fmt.Errorf("shutdown: handlers still running %s after their connections were closed", handlerGrace)
	}
	return err
}

// purgeSessions removes dead sessions now and then, so the table holds only
// live ones.
func (s *Server) purgeSessions(ctx context.Context) {
	tick := time.NewTicker(10 * time.Minute)
	defer tick.Stop()
	for {
		if _, err := s.db.DeleteExpiredSessions(ctx, s.cfg.Sessions.longestIdle()); err != nil && ctx.Err() == nil {
			s.log.Error("purge sessions", slog.String("error", err.Error()))
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
