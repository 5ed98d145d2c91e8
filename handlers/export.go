package handlers

import (
	"github.com/a-h/templ"
	"github.com/ccf-portal/ccfportal/db/domain/throttle"
	"github.com/labstack/echo/v4"
)

// Render renders page like every handler here does (buffered, then the
// session committed, then written), for the handler packages beside this
// one (handlers/...), which embed *Handlers.
func (h *Handlers) Render(c echo.Context, status int, page templ.Component) error {
	return h.render(c, status, page)
}

// Redirect answers a form post with 303 See Other, for the handler packages
// beside this one.
func Redirect(c echo.Context, path string) error { return redirect(c, path) }

// SafeNext keeps a post-sign-in destination only if it stays on this site,
// for the handler packages beside this one.
func SafeNext(next string) string { return safeNext(next) }

// LoginClient is the throttle's name for the client of a request: a hash
// of its address, never the address itself.
func LoginClient(c echo.Context) string { return throttle.LoginClient(clientAddr(c.Request())) }

// ErrArgs are the arguments of a coded error's message.
func ErrArgs(err error) []any { return errArgs(err) }
