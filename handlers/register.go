package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/accounts"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/views"
)

// ShowRegister shows the account creation form.
func (h *Handlers) ShowRegister(c echo.Context) error {
	if u := CurrentUser(c); u != nil {
		return redirect(c, views.HomePathFor(u.Role))
	}
	return h.render(c, http.StatusOK, views.RegisterPage(views.NewForm()))
}

// Register creates a petitioner or counsel account. Staff can never be
// self-registered. Whether the email was already registered is not revealed:
// both cases lead to the same sign-in page, because knowing that someone has
// an account here can itself put them at risk.
func (h *Handlers) Register(c echo.Context) error {
	f := views.Form{Values: map[string]string{
		"role":         c.FormValue("role"),
		"name":         c.FormValue("name"),
		"organisation": c.FormValue("organisation"),
		"email":        domain.NormaliseEmail(c.FormValue("email")),
	}}
	role := domain.Role(f.Values["role"])
	if role != domain.RolePetitioner && role != domain.RoleCounsel {
		role = ""
	}
	nu := domain.NewUser{Email: f.Values["email"], Name: f.Values["name"], Organisation: f.Values["organisation"],
		Role: role, Password: c.FormValue("password")}
	if f.Errors = accounts.ValidateNewUser(nu); f.Errors.Any() {
		return h.render(c, http.StatusUnprocessableEntity, views.RegisterPage(f))
	}
	_, err := h.DB.CreateUser(c.Request().Context(), nu, h.Passwords)
	if err != nil && domain.ErrorCode(err) != domain.EConflict {
		return err
	}
	if err := h.Sessions.Flash(c, "register.done"); err != nil {
		return err
	}
	return redirect(c, "/login")
}
