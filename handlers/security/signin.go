package security

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
)

// Login is the password step. A wrong password and an unknown email give
// the same answer; repeated failures are throttled per account and client.
// An account with a second factor, and every staff account (which must
// enrol one first), is not signed in yet: it is sent to the code step.
func (h *Handlers) Login(c echo.Context) error {
	f := views.Form{Values: map[string]string{
		"email": strings.TrimSpace(c.FormValue("email")),
		"next":  handlers.SafeNext(c.FormValue("next")),
	}}
	password := c.FormValue("password")
	if f.Values["email"] == "" || password == "" {
		f.Errors.Add("email", "login.missing")
		return h.Render(c, http.StatusUnprocessableEntity, views.LoginPage(f))
	}
	user, err := h.DB.Authenticate(c.Request().Context(), f.Values["email"], handlers.LoginClient(c), password, h.Passwords)
	switch domain.ErrorCode(err) {
	case "":
	case domain.EUnauthorized:
		f.Errors.Add("email", "login.invalid")
		return h.Render(c, http.StatusUnauthorized, views.LoginPage(f))
	case domain.ETooMany:
		f.Errors.Add("email", domain.ErrorMessage(err), handlers.ErrArgs(err)...)
		return h.Render(c, http.StatusTooManyRequests, views.LoginPage(f))
	default:
		return err
	}
	enrolled, err := h.DB.HasTOTP(c.Request().Context(), user.ID)
	if err != nil {
		return err
	}
	if enrolled || user.Role == domain.RoleStaff {
		if err := h.Steps.BeginSecondFactor(c, user.ID, passwordStamp(user), f.Values["next"]); err != nil {
			return err
		}
		if enrolled {
			return handlers.Redirect(c, "/login/code")
		}
		return handlers.Redirect(c, "/login/enrol")
	}
	return h.signIn(c, user, f.Values["next"])
}

// signIn binds the session to user and goes on to next, or home.
func (h *Handlers) signIn(c echo.Context, user domain.User, next string) error {
	if err := h.Sessions.Login(c, user); err != nil {
		return err
	}
	if next != "" {
		return handlers.Redirect(c, next)
	}
	return handlers.Redirect(c, views.HomePathFor(user.Role))
}

// pendingUser is the account waiting for its second factor in this
// session; ok is false when there is none (or the wait is over), and the
// person must give their password again.
func (h *Handlers) pendingUser(c echo.Context) (domain.User, string, bool, error) {
	id, stamp, next, ok := h.Steps.PendingSecondFactor(c)
	if !ok {
		return domain.User{}, "", false, nil
	}
	user, err := h.DB.UserByID(c.Request().Context(), id)
	if domain.ErrorCode(err) == domain.ENotFound || (err == nil && passwordStamp(user) != stamp) {
		// Gone, or its password changed since: the step given is void.
		return domain.User{}, "", false, nil
	}
	if err != nil {
		return domain.User{}, "", false, err
	}
	disabled, err := h.DB.UserDisabled(c.Request().Context(), user.ID)
	if err != nil || disabled {
		// Disabled since the password was given: the step is void too.
		return domain.User{}, "", false, err
	}
	return user, next, true, nil
}

// passwordStamp names the account's current password hash without
// holding it, so that a password step made with a password since changed
// cannot be finished.
func passwordStamp(u domain.User) string {
	sum := sha256.Sum256([]byte("password-stamp:" + u.PasswordHash))
	return hex.EncodeToString(sum[:8])
}
