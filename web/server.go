package web

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

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
	sessions    *sessionManager
	handlers    *handlers.Handlers
	crossOrigin *http.CrossOriginProtection
	log         *slog.Logger
	// streamingRoutes are the routes (by routeKey) declared as streaming
	// uploads in routes.go, whose handlers check the CSRF token themselves.
	streamingRoutes map[string]bool
}

// New builds the server over an open store.
func New(cfg Config, store *db.DB) *Server {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	s := &Server{cfg: cfg, db: store, log: cfg.Logger, crossOrigin: http.NewCrossOriginProtection(),
		streamingRoutes: map[string]bool{}}
	s.store = newDBStore(store, cfg.SessionKey, cfg.Sessions, cfg.HTTPS)
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
	s.handlers = &handlers.Handlers{DB: store, Sessions: s.sessions, Passwords: cfg.Passwords,
		Blobs: cfg.Blobs, MaxUpload: cfg.MaxUpload, Limits: cfg.Limits, MinFreeDisk: cfg.MinFreeDisk,
		ReadyTimeout: cfg.ReadyTimeout}
	s.echo = echo.New()
	s.echo.HideBanner, s.echo.HidePort = true, true
	s.echo.HTTPErrorHandler = s.handleError
	s.echo.Use(requestID, s.securityHeaders, s.requestLogger)
	s.echo.Use(middleware.RecoverWithConfig(middleware.RecoverConfig{
		LogErrorFunc: func(c echo.Context, err error, stack []byte) error {
			s.log.Error("panic", slog.String("request_id", requestIDOf(c)), slog.String("error", err.Error()),
				slog.String("stack", string(stack)))
			return err
		},
	}))
	s.echo.Use(s.locale)
	s.routes()
	// Timeouts are generous on purpose: people upload evidence over Tor and
	// poor mobile links. The header timeout stops slow-loris clients.
	s.http = &http.Server{
		Addr:              cfg.Addr,
		Handler:           s.echo,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       15 * time.Minute,
		WriteTimeout:      15 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	return s
}

// Handler is the whole app as an http.Handler, for tests and embedding.
func (s *Server) Handler() http.Handler { return s.echo }

// Routes lists every route the server answers, for tests that must cover
// them all (the authorisation matrix).
func (s *Server) Routes() []*echo.Route { return s.echo.Routes() }

// Serve accepts connections on ln until Shutdown.
func (s *Server) Serve(ln net.Listener) error {
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	go s.purgeSessions(ctx)
	if err := s.http.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Shutdown stops accepting connections and waits for in-flight requests.
func (s *Server) Shutdown(ctx context.Context) error {
	return s.http.Shutdown(ctx)
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
