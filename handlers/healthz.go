package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// Healthz answers 200 while the database answers, 503 otherwise.
func (h *Handlers) Healthz(c echo.Context) error {
	if err := h.DB.Ping(c.Request().Context()); err != nil {
		return c.String(http.StatusServiceUnavailable, "unavailable\n")
	}
	return c.String(http.StatusOK, "ok\n")
}
