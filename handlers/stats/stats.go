// Package stats holds the handlers of the statistics pages: the public
// page at /statistics and its CSV download.
package stats

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	figures "github.com/ccf-portal/ccfportal/db/domain/stats"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
)

// CacheFor is how long the public figures are kept before they are
// counted again. The page is open to anyone and counting reads every
// year's filings; figures by year move slowly, so everyone shares one
// count for this long.
const CacheFor = 10 * time.Minute

// Handlers serves the statistics.
type Handlers struct {
	*handlers.Handlers
	// Threshold is the smallest count published as it is.
	Threshold int

	mu      sync.Mutex
	report  figures.Report
	counted time.Time
}

// New returns the statistics handlers over h; a threshold below 1 takes
// figures.DefaultThreshold.
func New(h *handlers.Handlers, threshold int) *Handlers {
	if threshold < 1 {
		threshold = figures.DefaultThreshold
	}
	return &Handlers{Handlers: h, Threshold: threshold}
}

// Public shows the public statistics page.
func (h *Handlers) Public(c echo.Context) error {
	rep, err := h.publicReport(c.Request().Context())
	if err != nil {
		return err
	}
	return h.Render(c, http.StatusOK, views.StatisticsPage(rep))
}

// PublicCSV sends the same figures as a CSV file.
func (h *Handlers) PublicCSV(c echo.Context) error {
	rep, err := h.publicReport(c.Request().Context())
	if err != nil {
		return err
	}
	body := views.StatisticsCSV(c.Request().Context(), rep)
	name := "ccf-statistics-" + rep.AsOf.Format(time.DateOnly) + ".csv"
	c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="`+name+`"`)
	return c.Blob(http.StatusOK, "text/csv; charset=utf-8", body)
}

// publicReport counts the figures at most once every CacheFor; requests
// arriving meanwhile wait for the one count in progress rather than
// starting their own.
func (h *Handlers) publicReport(ctx context.Context) (figures.Report, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	now := h.DB.Clock.Now()
	if !h.counted.IsZero() && now.Sub(h.counted) < CacheFor && now.Year() == h.counted.Year() {
		return h.report, nil
	}
	since := time.Date(now.Year()-figures.MaxYears+1, 1, 1, 0, 0, 0, 0, time.UTC)
	raw, err := h.DB.PublicFigures(ctx, since)
	if err != nil {
		return figures.Report{}, err
	}
	h.report, h.counted = figures.Build(raw, now, h.Threshold), now
	return h.report, nil
}
