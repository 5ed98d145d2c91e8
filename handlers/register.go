package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/views"
)

// ShowRegister shows the account creation form; handlers/recovery answers
// it, since creating an account sends the link that confirms its address.
func (h *Handlers) ShowRegister(c echo.Context) error {
	if u := CurrentUser(c); u != nil {
		return redirect(c, views.HomePathFor(u.Role))
	}
	return h.render(c, http.StatusOK, views.RegisterPage(views.NewForm()))
}
