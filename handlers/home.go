package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/views"
)

// Home shows what the portal is for.
func (h *Handlers) Home(c echo.Context) error {
	return h.render(c, http.StatusOK, views.HomePage())
}
