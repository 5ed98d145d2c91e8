package web

import (
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/views/i18n"
)

const requestIDKey = "ccf.request_id"

// requestID gives every request a random id, returned in a header and
// written with every log line, so a person can quote it to support.
func requestID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		b := make([]byte, 8)
		rand.Read(b)
		id := hex.EncodeToString(b)
		c.Set(requestIDKey, id)
		c.Response().Header().Set("X-Request-Id", id)
		return next(c)
	}
}

// requestLogger logs one line per request with the route pattern, never the
// raw URL (which can hold tokens), the body or the client's address.
func (s *Server) requestLogger(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		s.log.Info("request",
			slog.String("request_id", requestIDOf(c)),
			slog.String("method", c.Request().Method),
			slog.String("route", c.Path()),
			slog.Int("status", c.Response().Status),
			slog.Int64("duration_ms", time.Since(start).Milliseconds()))
		return nil
	}
}

func requestIDOf(c echo.Context) string {
	id, _ := c.Get(requestIDKey).(string)
	return id
}

// locale gives every response a language from the Accept-Language header
// alone. Pages refine it in loadSession, which knows the browser session's
// choice and the account's preference; this first pass covers what is
// served without a session (static files, health checks).
func (s *Server) locale(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		setLocale(c)
		return next(c)
	}
}

// setLocale chooses the language of the response: the first of choices
// that the portal speaks (the caller ranks them), else the best match for
// Accept-Language, else English. The URL never carries the language, so a
// page keeps its address whatever language it is read in.
func setLocale(c echo.Context, choices ...string) {
	r := c.Request()
	loc := i18n.Choose(r.Header.Get("Accept-Language"), choices...)
	h := c.Response().Header()
	h.Set("Content-Language", loc.Tag)
	h.Set("Vary", "Accept-Language, Cookie")
	c.SetRequest(r.WithContext(i18n.WithLocale(r.Context(), loc)))
}
