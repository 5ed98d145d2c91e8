package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/accounts"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/views"
)

// ShowStaffSetup shows the first-staff form behind the one-time link. A used,
// expired or unknown link answers 404, like any other missing page.
func (h *Handlers) ShowStaffSetup(c echo.Context) error {
	token := c.Param("token")
	ok, err := h.DB.StaffSetupTokenUsable(c.Request().Context(), token)
	if err != nil {
		return err
	}
	if !ok {
		return domain.Errorf(domain.ENotFound, "staffsetup.invalid_link")
	}
	return h.render(c, http.StatusOK, views.StaffSetupPage(token, views.NewForm()))
}

// StaffSetup spends the link and creates the first staff account.
func (h *Handlers) StaffSetup(c echo.Context) error {
	token := c.Param("token")
	f := views.Form{Values: map[string]string{
		"name":  c.FormValue("name"),
		"email": domain.NormaliseEmail(c.FormValue("email")),
	}}
	nu := domain.NewUser{Email: f.Values["email"], Name: f.Values["name"], Role: domain.RoleStaff, Password: c.FormValue("password")}
	if f.Errors = accounts.ValidateNewUser(nu); f.Errors.Any() {
		ok, err := h.DB.StaffSetupTokenUsable(c.Request().Context(), token)
		if err != nil {
			return err
		}
		if !ok {
			return domain.Errorf(domain.ENotFound, "staffsetup.invalid_link")
		}
		return h.render(c, http.StatusUnprocessableEntity, views.StaffSetupPage(token, f))
	}
	if _, err := h.DB.CreateFirstStaff(c.Request().Context(), token, nu, h.Passwords); err != nil {
		return err
	}
	if err := h.Sessions.Flash(c, "staffsetup.done"); err != nil {
		return err
	}
	return redirect(c, "/login")
}
