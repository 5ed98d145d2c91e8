package security

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/views"
)

// ShowEnrol sets up the second factor of an account that has none, after
// its password step: the secret as text and as a QR code.
func (h *Handlers) ShowEnrol(c echo.Context) error {
	user, _, ok, err := h.pendingUser(c)
	if err != nil || !ok {
		return restart(c, err)
	}
	return h.showEnrol(c, user, http.StatusOK, views.NewForm())
}

func (h *Handlers) showEnrol(c echo.Context, user domain.User, status int, f views.Form) error {
	e, err := h.DB.StartTOTPEnrolment(c.Request().Context(), user.ID, user.Email)
	if domain.ErrorCode(err) == domain.EConflict {
		// Enrolled meanwhile (in another tab): the code is what is asked.
		return restartAt(c, "/login/code")
	}
	if err != nil {
		return err
	}
	return h.Render(c, status, views.EnrolPage(views.Enrolment{Secret: e.Secret, Address: e.Address, Action: "/login/enrol"}, f))
}

// Enrol confirms the secret with a first code, then signs the person in
// and shows the recovery codes, once.
func (h *Handlers) Enrol(c echo.Context) error {
	user, next, ok, err := h.pendingUser(c)
	if err != nil || !ok {
		return restart(c, err)
	}
	f := views.NewForm()
	var codes []string
	status, err := h.checkCode(c, user, c.FormValue("code"), &f, func(code string) error {
		var err error
		codes, err = h.DB.ConfirmTOTPEnrolment(c.Request().Context(), user.ID, code)
		return err
	})
	if domain.ErrorCode(err) == domain.EConflict {
		return restartAt(c, "/login/code")
	}
	if err != nil {
		return err
	}
	if status != 0 {
		return h.showEnrol(c, user, status, f)
	}
	if err := h.Sessions.Login(c, user); err != nil {
		return err
	}
	if next == "" {
		next = views.HomePathFor(user.Role)
	}
	return h.Render(c, http.StatusOK, views.RecoveryCodesPage(codes, next))
}

func restartAt(c echo.Context, path string) error {
	return c.Redirect(http.StatusSeeOther, path)
}
