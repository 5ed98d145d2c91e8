package handlers

import (
	"github.com/a-h/templ"
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
