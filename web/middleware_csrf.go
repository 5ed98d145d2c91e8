package web

import (
	"errors"
	"mime"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// formBodyLimit caps ordinary (non-upload) form bodies.
const formBodyLimit = 256 << 10

const csrfDeferredKey = "ccf.csrf_deferred"

// csrf guards every state-changing request twice: Go's cross-origin
// protection (Sec-Fetch-Site / Origin) first, then the form token: the
// session's, or for a visitor the token bound to the visitor cookie.
// Multipart bodies are never parsed here -- that would buffer uploads --
// so on routes declared as streaming uploads (see streaming in routes.go) the check is deferred to the
// streaming parser, which must see the token before any file part; on every
// other route a multipart body is refused.
func (s *Server) csrf(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if r.Method == http.MethodGet || r.Method == http.MethodHead || r.Method == http.MethodOptions {
			return next(c)
		}
		if err := s.crossOrigin.Check(r); err != nil {
			return domain.Errorf(domain.EForbidden, "csrf.cross_origin")
		}
		rs := requestSessionOf(c)
		if mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mediaType == "multipart/form-data" {
			if !s.streamingRoutes[routeKey(r.Method, c.Path())] {
				return domain.Errorf(domain.EForbidden, "csrf.invalid")
			}
			c.Set(csrfDeferredKey, true)
			return next(c)
		}
		r.Body = http.MaxBytesReader(c.Response(), r.Body, formBodyLimit)
		if err := r.ParseForm(); err != nil {
			return formParseError(err)
		}
		got := r.Header.Get("X-CSRF-Token")
		if got == "" {
			got = r.PostForm.Get("_csrf")
		}
		if !rs.checkCSRF(got) {
			if rs.ended() && got != "" {
				// The form came from this portal but its session has ended
				// (idle or absolute limit): say so, and offer to sign in.
				return domain.Errorf(domain.EUnauthorized, "error.sign_in_required")
			}
			return domain.Errorf(domain.EForbidden, "csrf.invalid")
		}
		return next(c)
	}
}

func formParseError(err error) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return &domain.Error{Code: domain.ETooLarge, Message: "error.form_too_large", Err: err}
	}
	return &domain.Error{Code: domain.EInvalid, Message: "error.bad_request", Err: err}
}
