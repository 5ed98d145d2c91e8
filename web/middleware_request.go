package web

import (
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
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

const langCookie = "ccf_lang"

// locale chooses the language of the response: an explicit ?lang= choice
// (remembered in a cookie), else the cookie, else Accept-Language.
func (s *Server) locale(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		choice := r.URL.Query().Get("lang")
		if choice != "" && i18n.Get(choice).Tag == choice {
			http.SetCookie(c.Response(), &http.Cookie{Name: langCookie, Value: choice, Path: "/",
				HttpOnly: true, Secure: s.cfg.HTTPS, SameSite: http.SameSiteLaxMode, MaxAge: 365 * 24 * 3600})
		} else if ck, err := r.Cookie(langCookie); err == nil {
			choice = ck.Value
		}
		loc := i18n.Match(choice, r.Header.Get("Accept-Language"))
		c.Response().Header().Set("Content-Language", loc.Tag)
		c.SetRequest(r.WithContext(i18n.WithLocale(r.Context(), loc)))
		return next(c)
	}
}
