package security

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/password"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
)

// ShowPasswordChange shows the form to change one's password.
func (h *Handlers) ShowPasswordChange(c echo.Context) error {
	return h.Render(c, http.StatusOK, views.PasswordPage(views.NewForm()))
}

// ChangePassword checks the current password, sets the new one (under the
// same rules as at registration) and ends every other session.
func (h *Handlers) ChangePassword(c echo.Context) error {
	user := handlers.CurrentUser(c)
	current, next := c.FormValue("current_password"), c.FormValue("new_password")
	f := views.NewForm()
	if current == "" {
		f.Errors.Add("current_password", "security.password.current_missing")
	}
	if err := password.CheckRules(next); err != nil {
		f.Errors.Add("new_password", domain.ErrorMessage(err), handlers.ErrArgs(err)...)
	}
	if f.Errors.Any() {
		return h.Render(c, http.StatusUnprocessableEntity, views.PasswordPage(f))
	}
	err := h.DB.ChangePassword(c.Request().Context(), user.ID, handlers.LoginClient(c), current, next,
		h.Steps.SessionToken(c), h.Passwords)
	switch domain.ErrorCode(err) {
	case "":
	case domain.EUnauthorized:
		f.Errors.Add("current_password", "security.password.current_wrong")
		return h.Render(c, http.StatusUnauthorized, views.PasswordPage(f))
	case domain.ETooMany:
		f.Errors.Add("current_password", domain.ErrorMessage(err), handlers.ErrArgs(err)...)
		return h.Render(c, http.StatusTooManyRequests, views.PasswordPage(f))
	default:
		return err
	}
	if err := h.Sessions.Flash(c, "security.password.changed"); err != nil {
		return err
	}
	return handlers.Redirect(c, "/account")
}
