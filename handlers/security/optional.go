package security

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
)

// accountEnrolPath is where a signed-in applicant adds a second factor.
const accountEnrolPath = "/account/security-code"

// ShowAccountEnrol lets a signed-in petitioner or counsel add a second
// factor of their own choice. Staff have one already (they cannot sign in
// without it), as has anyone who enrolled: both go back to the account.
func (h *Handlers) ShowAccountEnrol(c echo.Context) error {
	user := handlers.CurrentUser(c)
	return h.showAccountEnrol(c, *user, http.StatusOK, views.NewForm())
}

func (h *Handlers) showAccountEnrol(c echo.Context, user domain.User, status int, f views.Form) error {
	e, err := h.DB.StartTOTPEnrolment(c.Request().Context(), user.ID, user.Email)
	if domain.ErrorCode(err) == domain.EConflict {
		return handlers.Redirect(c, "/account")
	}
	if err != nil {
		return err
	}
	return h.Render(c, status, views.EnrolPage(views.Enrolment{Secret: e.Secret, Address: e.Address,
		Action: accountEnrolPath, Optional: true}, f))
}

// AccountEnrol confirms the chosen second factor with a first code and
// shows the recovery codes, once. From now on signing in asks for a code.
func (h *Handlers) AccountEnrol(c echo.Context) error {
	user := *handlers.CurrentUser(c)
	f := views.NewForm()
	var codes []string
	status, err := h.checkCode(c, user, c.FormValue("code"), &f, func(code string) error {
		var err error
		codes, err = h.DB.ConfirmTOTPEnrolment(c.Request().Context(), user.ID, code)
		return err
	})
	if domain.ErrorCode(err) == domain.EConflict {
		return handlers.Redirect(c, "/account")
	}
	if err != nil {
		return err
	}
	if status != 0 {
		return h.showAccountEnrol(c, user, status, f)
	}
	return h.Render(c, http.StatusOK, views.RecoveryCodesPage(codes, "/account"))
}

// ShowRemoveFactor asks for the password before an applicant turns off
// their second factor. Staff cannot (the route is not theirs): theirs is
// required.
func (h *Handlers) ShowRemoveFactor(c echo.Context) error {
	return h.Render(c, http.StatusOK, views.RemoveFactorPage(views.NewForm()))
}

// RemoveFactor turns off an applicant's second factor once their current
// password is confirmed.
func (h *Handlers) RemoveFactor(c echo.Context) error {
	user := handlers.CurrentUser(c)
	f := views.NewForm()
	current := c.FormValue("current_password")
	if current == "" {
		f.Errors.Add("current_password", "security.password.current_missing")
		return h.Render(c, http.StatusUnprocessableEntity, views.RemoveFactorPage(f))
	}
	err := h.DB.ConfirmPassword(c.Request().Context(), user.ID, handlers.LoginClient(c), current)
	switch domain.ErrorCode(err) {
	case "":
	case domain.EUnauthorized:
		f.Errors.Add("current_password", "security.password.current_wrong")
		return h.Render(c, http.StatusUnauthorized, views.RemoveFactorPage(f))
	case domain.ETooMany:
		f.Errors.Add("current_password", domain.ErrorMessage(err), handlers.ErrArgs(err)...)
		return h.Render(c, http.StatusTooManyRequests, views.RemoveFactorPage(f))
	default:
		return err
	}
	if err := h.DB.RemoveTOTP(c.Request().Context(), user.ID); err != nil {
		return err
	}
	if err := h.Sessions.Flash(c, "security.remove.done"); err != nil {
		return err
	}
	return handlers.Redirect(c, "/account")
}
