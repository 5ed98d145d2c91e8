// Package health answers the liveness and readiness probes that a process
// supervisor or load balancer asks: the portal is up, and it can store a
// filing now.
package health

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/handlers"
)

// Handlers answers the probes over the shared handlers' store and limits.
type Handlers struct {
	*handlers.Handlers
}

// Healthz is liveness: the process is up and answering. It touches neither
// the database nor the disk, so it answers at once even when they are slow.
func (h *Handlers) Healthz(c echo.Context) error {
	return c.String(http.StatusOK, "ok\n")
}

// DefaultReadyTimeout bounds each readiness check's wait for the database.
const DefaultReadyTimeout = 2 * time.Second

// Readyz is readiness: 200 only when the database has just committed a real
// write and the data folder has at least MinFreeDisk bytes free; 503 with
// the failing check otherwise. The body names each check's state, never a
// path or a figure; details go to the log.
func (h *Handlers) Readyz(c echo.Context) error {
	timeout := h.ReadyTimeout
	if timeout <= 0 {
		timeout = DefaultReadyTimeout
	}
	ctx, cancel := context.WithTimeout(c.Request().Context(), timeout)
	defer cancel()
	var lines []string
	ready := true
	if err := h.DB.CheckWritable(ctx); err != nil {
		ready = false
		lines = append(lines, "database: not writable")
		slog.Warn("not ready: database", slog.String("error", err.Error()))
	} else {
		lines = append(lines, "database: writable")
	}
	free, err := h.DB.FreeDiskBytes()
	switch {
	case err != nil:
		ready = false
		lines = append(lines, "disk: not checked")
		slog.Warn("not ready: disk", slog.String("error", err.Error()))
	case free < uint64(max(h.MinFreeDisk, 0)):
		ready = false
		lines = append(lines, "disk: below the minimum free space")
		slog.Warn("not ready: disk", slog.Uint64("free_bytes", free), slog.Int64("min_free_bytes", h.MinFreeDisk))
	default:
		lines = append(lines, "disk: enough free space")
	}
	status := http.StatusOK
	if !ready {
		status = http.StatusServiceUnavailable
	}
	return c.String(status, strings.Join(lines, "\n")+"\n")
}
