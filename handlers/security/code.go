package security

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
)

// ShowCode asks for the second factor after a right password.
func (h *Handlers) ShowCode(c echo.Context) error {
	user, _, ok, err := h.pendingUser(c)
	if err != nil || !ok {
		return restart(c, err)
	}
	enrolled, err := h.DB.HasTOTP(c.Request().Context(), user.ID)
	if err != nil {
		return err
	}
	if !enrolled {
		return handlers.Redirect(c, "/login/enrol")
	}
	return h.Render(c, http.StatusOK, views.SecondFactorPage(views.NewForm()))
}

// AnswerCode checks a code from the app, or a recovery code, and only then
// signs the person in. Each attempt is counted before the code is checked,
// in the second factor's own throttle and in the sign-in throttle.
func (h *Handlers) AnswerCode(c echo.Context) error {
	user, next, ok, err := h.pendingUser(c)
	if err != nil || !ok {
		return restart(c, err)
	}
	f := views.NewForm()
	status, err := h.checkCode(c, user, c.FormValue("code"), &f, func(code string) error {
		return h.DB.VerifySecondFactor(c.Request().Context(), user.ID, code)
	})
	if err != nil {
		return err
	}
	if status != 0 {
		return h.Render(c, status, views.SecondFactorPage(f))
	}
	return h.signIn(c, user, next)
}

// checkCode runs verify on code within the throttles. A refused or
// throttled code is a form error and the status to answer with; a code
// that passed clears the counts and returns status 0.
func (h *Handlers) checkCode(c echo.Context, user domain.User, code string, f *views.Form, verify func(string) error) (int, error) {
	ctx := c.Request().Context()
	if code == "" {
		f.Errors.Add("code", "security.code.missing")
		return http.StatusUnprocessableEntity, nil
	}
	client := handlers.LoginClient(c)
	err := h.DB.ReserveSecondFactorAttempt(ctx, user, client)
	if err == nil {
		err = verify(code)
	}
	switch domain.ErrorCode(err) {
	case "":
		return 0, h.DB.ReleaseSecondFactorAttempt(ctx, user, client)
	case domain.EUnauthorized:
		f.Errors.Add("code", "security.code.invalid")
		return http.StatusUnauthorized, nil
	case domain.ETooMany:
		f.Errors.Add("code", domain.ErrorMessage(err), handlers.ErrArgs(err)...)
		return http.StatusTooManyRequests, nil
	case domain.EConflict:
		// Enrolled meanwhile in another tab: no code was wrong.
		if rerr := h.DB.ReleaseSecondFactorAttempt(ctx, user, client); rerr != nil {
			return 0, rerr
		}
		return 0, err
	default:
		return 0, err
	}
}

// restart sends a person without a password step in progress back to the
// sign-in form, with a word on why when it is a form they sent.
func restart(c echo.Context, err error) error {
	if err != nil {
		return err
	}
	return handlers.Redirect(c, "/login")
}
