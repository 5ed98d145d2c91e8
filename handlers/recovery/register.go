package recovery

import (
	"crypto/rand"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/accounts"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/outbox"
	"github.com/ccf-portal/ccfportal/views"
)

// Register creates a petitioner or counsel account and sends a link to
// confirm its address, in the same transaction. Staff can never be
// self-registered. Whether the email was already registered is not
// revealed: both cases lead to the same sign-in page, because knowing that
// someone has an account here can itself put them at risk.
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
		return h.Render(c, http.StatusUnprocessableEntity, views.RegisterPage(f))
	}
	token := rand.Text()
	_, err := h.DB.Register(c.Request().Context(), nu, h.Passwords, token, h.verifyMail(c, token))
	if err != nil && domain.ErrorCode(err) != domain.EConflict {
		return err
	}
	// The address is offered on the sign-in page whether or not it had an
	// account already: the person typed it, and it tells them nothing new.
	if err := h.Sessions.OfferEmail(c, nu.Email); err != nil {
		return err
	}
	if err := h.Sessions.Flash(c, "verify.register_done"); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/login")
}

// verifyMail composes the confirmation message carrying token, in the
// account's language.
func (h *Handlers) verifyMail(c echo.Context, token string) func(domain.User) outbox.Message {
	ctx := c.Request().Context()
	link := h.PublicURL + "/verify/" + token
	return func(u domain.User) outbox.Message {
		t := views.VerifyMail(views.MailLocale(ctx, u.Language), link)
		return outbox.Message{To: u.Email, Subject: t.Subject, Body: t.Body}
	}
}
