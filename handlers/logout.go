package handlers

import "github.com/labstack/echo/v4"

// Logout ends the session: the row is deleted, not just the cookie.
func (h *Handlers) Logout(c echo.Context) error {
	if err := h.Sessions.Logout(c); err != nil {
		return err
	}
	if err := h.Sessions.Flash(c, "logout.done"); err != nil {
		return err
	}
	return redirect(c, "/")
}
