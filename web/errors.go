package web

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/views"
)

// statusOf is the one place where application error codes become HTTP
// statuses.
var statusOf = map[domain.Code]int{
	domain.EInvalid:      http.StatusBadRequest,
	domain.ENotFound:     http.StatusNotFound,
	domain.EForbidden:    http.StatusForbidden,
	domain.EUnauthorized: http.StatusUnauthorized,
	domain.EConflict:     http.StatusConflict,
	domain.ETooLarge:     http.StatusRequestEntityTooLarge,
	domain.ETooMany:      http.StatusTooManyRequests,
	// Busy is passing: 503 tells people and proxies to come back shortly.
	domain.EUnavailable: http.StatusServiceUnavailable,
	// A full disk is not passing and only the operator can fix it. 507 says
	// exactly that (RFC 4918: the server cannot store what the request
	// needs), keeps it apart from a busy moment in the logs and monitoring,
	// and is true of writes only: reading still works.
	domain.EStorageFull: http.StatusInsufficientStorage,
	domain.EInternal:    http.StatusInternalServerError,
	domain.EDamaged:     http.StatusInternalServerError,
}

// retryAfterBusy is the Retry-After of a 503, in seconds: about the
// longest a request waits for the store or a password check.
const retryAfterBusy = "2"

// classify turns any error into a status and a safe message key.
func classify(err error) (int, string, []any) {
	var appErr *domain.Error
	var httpErr *echo.HTTPError
	var tooLarge *http.MaxBytesError
	switch {
	case errors.Is(err, ErrBodyTooSlow):
		return http.StatusRequestTimeout, "error.body_too_slow", nil
	case errors.Is(err, net.ErrClosed):
		// The connection was closed under the request (a shutdown's
		// deadline cut it): nobody is left to answer, and it is no fault.
		return http.StatusBadRequest, "error.bad_request", nil
	case errors.As(err, &appErr) && appErr.Code != domain.EInternal:
		return statusOf[appErr.Code], appErr.Message, appErr.Args
	case errors.As(err, &tooLarge):
		return http.StatusRequestEntityTooLarge, "error.form_too_large", nil
	case errors.As(err, &httpErr):
		switch httpErr.Code {
		case http.StatusNotFound:
			return http.StatusNotFound, "error.not_found", nil
		case http.StatusMethodNotAllowed:
			return http.StatusMethodNotAllowed, "error.method_not_allowed", nil
		case http.StatusRequestEntityTooLarge:
			return http.StatusRequestEntityTooLarge, "error.form_too_large", nil
		case http.StatusBadRequest:
			return http.StatusBadRequest, "error.bad_request", nil
		}
	}
	return http.StatusInternalServerError, "error.internal", nil
}

// handleError is Echo's one error handler: it logs internal failures with
// the request id and renders a safe error page in the request's language.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	status, key, args := classify(err)
	switch {
	case status == http.StatusServiceUnavailable:
		// Busy is passing and already answered with a time to come back:
		// worth watching in bulk, not a fault to wake anybody for.
		s.log.Warn("busy", slog.String("request_id", requestIDOf(c)),
			slog.String("route", c.Path()), slog.String("error", err.Error()))
	case status >= 500:
		s.log.Error("internal error", slog.String("request_id", requestIDOf(c)),
			slog.String("route", c.Path()), slog.String("error", err.Error()))
	case errors.Unwrap(err) != nil:
		// A fault of the client's with a cause worth knowing (a body cut
		// off, a malformed form): a warning, not a server fault.
		s.log.Warn("client error", slog.String("request_id", requestIDOf(c)), slog.String("route", c.Path()),
			slog.Int("status", status), slog.String("error", err.Error()))
	}
	if rs := requestSessionOf(c); rs != nil {
		if !rs.stored() {
			// The error page's forms (the language switch) need the
			// visitor's token, whose cookie must go out with the headers.
			rs.csrfToken()
		}
		if err := s.sessions.Commit(c); err != nil {
			s.log.Error("session commit on error page", slog.String("request_id", requestIDOf(c)), slog.String("error", err.Error()))
		}
	}
	if status == http.StatusServiceUnavailable {
		// Busy is passing (RFC 9110, 10.2.3): say when to come back.
		c.Response().Header().Set("Retry-After", retryAfterBusy)
	}
	var buf bytes.Buffer
	// Rendered even when the request's context has ended (a body cut for
	// its rate, a client gone): the page still goes out if it can.
	ctx := context.WithoutCancel(c.Request().Context())
	if p := views.PageFrom(ctx); p.ExitURL == "" {
		// Pages that never loaded a session still leave for the
		// operator's neutral site.
		p.ExitURL = s.cfg.ExitURL
		ctx = views.WithPage(ctx, p)
	}
	if rerr := views.ErrorPage(status, key, args, requestIDOf(c)).Render(ctx, &buf); rerr != nil {
		s.log.Error("render error page", slog.String("request_id", requestIDOf(c)), slog.String("error", rerr.Error()))
		_ = c.String(status, http.StatusText(status))
		return
	}
	if c.Request().Method == http.MethodHead {
		_ = c.NoContent(status)
		return
	}
	_ = c.HTMLBlob(status, buf.Bytes())
}
