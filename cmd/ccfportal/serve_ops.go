package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/ccf-portal/ccfportal/web"
)

// opsFlags are the serve flags for running the portal for years: how it
// stops, how many connections it takes, and what it tells the operator.
type opsFlags struct {
	shutdownTimeout time.Duration
	metricsAddr     string
	pprofAddr       string
	logFormat       string
	maxConns        int
}

func (o *opsFlags) register(fs *flag.FlagSet) {
	fs.DurationVar(&o.shutdownTimeout, "shutdown-timeout", envDuration("CCF_SHUTDOWN_TIMEOUT", web.LongestRequest),
		"on SIGTERM or Ctrl+C, how long requests in progress may take to finish before they are cut (env CCF_SHUTDOWN_TIMEOUT)")
	fs.StringVar(&o.metricsAddr, "metrics-addr", env("CCF_METRICS_ADDR", ""),
		"address for Prometheus metrics at /metrics, e.g. 127.0.0.1:9090; off when empty (env CCF_METRICS_ADDR)")
	fs.StringVar(&o.pprofAddr, "pprof", env("CCF_PPROF", ""),
		"loopback address for Go's profiler at /debug/pprof/, e.g. 127.0.0.1:6060; off when empty (env CCF_PPROF)")
	fs.StringVar(&o.logFormat, "log-format", env("CCF_LOG_FORMAT", "text"), "log format: text or json (env CCF_LOG_FORMAT)")
	fs.IntVar(&o.maxConns, "max-conns", int(envInt("CCF_MAX_CONNS", 0)),
		"most connections served at once; 0 sizes it from the open-file limit (env CCF_MAX_CONNS)")
}

func (o *opsFlags) check() error {
	if o.logFormat != "text" && o.logFormat != "json" {
		return fmt.Errorf("-log-format must be text or json, not %q", o.logFormat)
	}
	if o.shutdownTimeout <= 0 {
		return fmt.Errorf("-shutdown-timeout must be positive")
	}
	if o.pprofAddr != "" {
		if err := checkLoopback(o.pprofAddr); err != nil {
			return err
		}
	}
	if o.maxConns < 0 {
		return fmt.Errorf("-max-conns must not be negative")
	}
	return nil
}

// newLogger writes structured logs to w. Nothing personal goes in them: the
// server logs route patterns, statuses and timings, never URLs with ids or
// form values.
func newLogger(format string, w io.Writer) *slog.Logger {
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}

// connectionLimit raises the open-file limit as far as allowed and returns
// how many connections to serve at once.
func connectionLimit(o opsFlags, logger *slog.Logger) int {
	limit, err := raiseOpenFileLimit()
	if err != nil {
		logger.Warn("open-file limit unknown", slog.String("error", err.Error()))
	}
	n := o.maxConns
	if n == 0 {
		n = connectionCap(limit)
	}
	logger.Info("connections bounded", slog.Uint64("open_file_limit", limit), slog.Int("max_conns", n))
	return n
}

// serveMetrics starts the metrics listener, if one is asked for, and
// returns the function that stops it.
func serveMetrics(addr string, h http.Handler, logger *slog.Logger) (stop func(), err error) {
	if addr == "" {
		return func() {}, nil
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("metrics listener: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", h)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute}
	go func() {
		if err := srv.Serve(ln); err != nil && err != http.ErrServerClosed {
			logger.Error("metrics listener", slog.String("error", err.Error()))
		}
	}()
	logger.Info("metrics", slog.String("addr", ln.Addr().String()))
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	}, nil
}

// envDuration reads a duration such as "90s" from the environment, or def
// when unset or unparsable.
func envDuration(key string, def time.Duration) time.Duration {
	v, err := time.ParseDuration(os.Getenv(key))
	if err != nil {
		return def
	}
	return v
}
