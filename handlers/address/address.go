// Package address serves the change of an account's e-mail address: asked
// on the account page with the current password, made only when the link
// sent to the new address is followed. What it answers never says whether
// another account uses an address.
package address

import (
	"context"
	"crypto/rand"
	"net/http"
	"net/mail"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/outbox"
	"github.com/ccf-portal/ccfportal/db/recovery"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
)

// Handlers serves the address change.
type Handlers struct {
	*handlers.Handlers
	// PublicURL is the portal's configured address: links in e-mail are
	// never built from a request's Host header.
	PublicURL string
	// SessionToken is the token of this request's session, the one
	// session a change of address leaves signed in.
	SessionToken func(echo.Context) string
}

// New returns the address handlers over the shared ones.
func New(h *handlers.Handlers, publicURL string, sessionToken func(echo.Context) string) *Handlers {
	return &Handlers{Handlers: h, PublicURL: publicURL, SessionToken: sessionToken}
}

// Show asks for the current password and the new address.
func (h *Handlers) Show(c echo.Context) error {
	return h.Render(c, http.StatusOK, views.AddressPage(views.NewForm(), handlers.CurrentUser(c).Email))
}

// Ask checks the form and asks the store for the change, which sends the
// link to the new address and a notice to the current one. The answer is
// the same whether or not another account uses the new address.
func (h *Handlers) Ask(c echo.Context) error {
	user := handlers.CurrentUser(c)
	email := domain.NormaliseEmail(c.FormValue("email"))
	current := c.FormValue("current_password")
	f := views.Form{Values: map[string]string{"email": email}}
	if current == "" {
		f.Errors.Add("current_password", "security.password.current_missing")
	}
	if addr, err := mail.ParseAddress(email); err != nil || addr.Address != email || len(email) > 254 {
		f.Errors.Add("email", "field.email.invalid")
	} else if email == user.Email {
		f.Errors.Add("email", "address.same")
	}
	if f.Errors.Any() {
		return h.Render(c, http.StatusUnprocessableEntity, views.AddressPage(f, user.Email))
	}
	token := rand.Text()
	err := h.DB.RequestEmailChange(c.Request().Context(), user.ID, handlers.LoginClient(c), current, email, token,
		h.changeMail(c, token))
	switch domain.ErrorCode(err) {
	case "":
	case domain.EUnauthorized:
		f.Errors.Add("current_password", "security.password.current_wrong")
		return h.Render(c, http.StatusUnauthorized, views.AddressPage(f, user.Email))
	case domain.ETooMany:
		f.Errors.Add("email", domain.ErrorMessage(err), handlers.ErrArgs(err)...)
		return h.Render(c, http.StatusTooManyRequests, views.AddressPage(f, user.Email))
	default:
		return err
	}
	if err := h.Sessions.Flash(c, "address.sent"); err != nil {
		return err
	}
	return handlers.Redirect(c, "/account")
}

// changeMail composes the link to the new address and the notice to the
// current one, in the account's language.
func (h *Handlers) changeMail(c echo.Context, token string) recovery.ChangeMail {
	ctx := c.Request().Context()
	link := h.PublicURL + "/account/email/confirm/" + token
	return recovery.ChangeMail{
		Link: func(u domain.User) outbox.Message {
			return message(u, views.AddressLinkMail(views.MailLocale(ctx, u.Language), link))
		},
		Asked: func(u domain.User) outbox.Message {
			return message(u, views.AddressAskedMail(views.MailLocale(ctx, u.Language), h.PublicURL))
		},
	}
}

// message addresses t to u's current address.
func message(u domain.User, t views.MailText) outbox.Message {
	return outbox.Message{To: u.Email, Subject: t.Subject, Body: t.Body}
}

// ShowConfirm shows the confirmation button of a change link.
func (h *Handlers) ShowConfirm(c echo.Context) error {
	return h.Render(c, http.StatusOK, views.AddressConfirmPage(c.Param("token")))
}

// Confirm spends the link and changes the address; every session of the
// account but this browser's ends, and the old address is told. The link
// is the proof: the person need not be signed in on this browser.
func (h *Handlers) Confirm(c echo.Context) error {
	ctx := c.Request().Context()
	err := h.DB.ConfirmEmailChange(ctx, c.Param("token"), h.SessionToken(c), changedMail(ctx, h.PublicURL))
	if domain.ErrorCode(err) == domain.ENotFound {
		return h.Render(c, http.StatusNotFound, views.AddressInvalidPage())
	} else if err != nil {
		return err
	}
	if err := h.Sessions.Flash(c, "address.done"); err != nil {
		return err
	}
	if handlers.CurrentUser(c) != nil {
		return handlers.Redirect(c, "/account")
	}
	return handlers.Redirect(c, "/login")
}

// changedMail composes the notice to the old address.
func changedMail(ctx context.Context, portal string) recovery.Compose {
	return func(u domain.User) outbox.Message {
		return message(u, views.AddressChangedMail(views.MailLocale(ctx, u.Language), portal))
	}
}
