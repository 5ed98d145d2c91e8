// Package recovery serves the pages that give a person their account back
// by e-mail: asking for a password reset link, and setting a new password
// from it. What they answer never says whether an address has an account.
package recovery

import (
	"crypto/rand"
	"net/http"
	"net/mail"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/outbox"
	"github.com/ccf-portal/ccfportal/db/password"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
)

// Handlers serves the recovery pages.
type Handlers struct {
	*handlers.Handlers
	// PublicURL is the portal's address as people reach it, from the
	// configuration: links in e-mail are never built from a request's
	// Host header, which a sender of the request chooses.
	PublicURL string
}

// New returns the recovery handlers over the shared ones.
func New(h *handlers.Handlers, publicURL string) *Handlers {
	return &Handlers{Handlers: h, PublicURL: publicURL}
}

// ShowForgot asks for the address of the account.
func (h *Handlers) ShowForgot(c echo.Context) error {
	return h.Render(c, http.StatusOK, views.ForgotPasswordPage(views.NewForm()))
}

// Forgot queues a reset link for the account that uses the address, if
// any, and answers the same page either way, after the same work: the
// store records the request for any address and only the last step --
// storing the link and queueing the message -- depends on the account.
func (h *Handlers) Forgot(c echo.Context) error {
	email := domain.NormaliseEmail(c.FormValue("email"))
	f := views.Form{Values: map[string]string{"email": email}}
	if addr, err := mail.ParseAddress(email); err != nil || addr.Address != email || len(email) > 254 {
		f.Errors.Add("email", "field.email.invalid")
		return h.Render(c, http.StatusUnprocessableEntity, views.ForgotPasswordPage(f))
	}
	ctx := c.Request().Context()
	token := rand.Text()
	link := h.PublicURL + "/password/reset/" + token
	err := h.DB.RequestPasswordReset(ctx, email, token, func(u domain.User) outbox.Message {
		t := views.ResetMail(views.MailLocale(ctx, u.Language), link)
		return outbox.Message{To: u.Email, Subject: t.Subject, Body: t.Body}
	})
	if err != nil {
		return err
	}
	return h.Render(c, http.StatusOK, views.ResetLinkSentPage())
}

// ShowReset shows the new-password form for a link that can still be
// used.
func (h *Handlers) ShowReset(c echo.Context) error {
	token := c.Param("token")
	if err := h.DB.CheckResetLink(c.Request().Context(), token); err != nil {
		return h.invalid(c, err)
	}
	return h.Render(c, http.StatusOK, views.ResetPasswordPage(views.NewForm(), token))
}

// Reset sets the new password, which ends every session of the account;
// the person then signs in again.
func (h *Handlers) Reset(c echo.Context) error {
	token, next := c.Param("token"), c.FormValue("new_password")
	if err := password.CheckRules(next); err != nil {
		f := views.NewForm()
		f.Errors.Add("new_password", domain.ErrorMessage(err), handlers.ErrArgs(err)...)
		return h.Render(c, http.StatusUnprocessableEntity, views.ResetPasswordPage(f, token))
	}
	if err := h.DB.ResetPassword(c.Request().Context(), token, next, h.Passwords); err != nil {
		return h.invalid(c, err)
	}
	// This browser's own session, signed in or not, starts afresh too.
	if err := h.Sessions.Logout(c); err != nil {
		return err
	}
	if err := h.Sessions.Flash(c, "recovery.reset.done"); err != nil {
		return err
	}
	return handlers.Redirect(c, "/login")
}

// invalid answers a dead link with its own page; other errors go on.
func (h *Handlers) invalid(c echo.Context, err error) error {
	if domain.ErrorCode(err) != domain.ENotFound {
		return err
	}
	return h.Render(c, http.StatusNotFound, views.ResetLinkInvalidPage())
}
