package handlers

import (
	"net/http"
	"net/url"
	"strings"
	"unicode"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/views"
)

// ShowLogin shows the sign-in form.
func (h *Handlers) ShowLogin(c echo.Context) error {
	if u := CurrentUser(c); u != nil {
		return redirect(c, views.HomePathFor(u.Role))
	}
	f := views.NewForm()
	f.Values["next"] = safeNext(c.QueryParam("next"))
	return h.render(c, http.StatusOK, views.LoginPage(f))
}

// Login signs a person in. A wrong password and an unknown email give the
// same answer; repeated failures are throttled per account and client.
func (h *Handlers) Login(c echo.Context) error {
	f := views.Form{Values: map[string]string{
		"email": strings.TrimSpace(c.FormValue("email")),
		"next":  safeNext(c.FormValue("next")),
	}}
	password := c.FormValue("password")
	if f.Values["email"] == "" || password == "" {
		f.Errors.Add("email", "login.missing")
		return h.render(c, http.StatusUnprocessableEntity, views.LoginPage(f))
	}
	client := domain.LoginClient(clientAddr(c.Request()))
	user, err := h.DB.Authenticate(c.Request().Context(), f.Values["email"], client, password, h.Passwords)
	switch domain.ErrorCode(err) {
	case "":
	case domain.EUnauthorized:
		f.Errors.Add("email", "login.invalid")
		return h.render(c, http.StatusUnauthorized, views.LoginPage(f))
	case domain.ETooMany:
		f.Errors.Add("email", domain.ErrorMessage(err), errArgs(err)...)
		return h.render(c, http.StatusTooManyRequests, views.LoginPage(f))
	default:
		return err
	}
	if err := h.Sessions.Login(c, user); err != nil {
		return err
	}
	if next := f.Values["next"]; next != "" {
		return redirect(c, next)
	}
	return redirect(c, views.HomePathFor(user.Role))
}

// clientAddr is the address a sign-in comes from: the connection's peer,
// or, when that peer is the local TLS proxy (loopback or a private
// network), the nearest untrusted address the proxy put in
// X-Forwarded-For. A client cannot choose its key by sending the header
// itself straight to the portal.
var clientAddr = echo.ExtractIPFromXFFHeader()

// safeNext keeps a post-login destination only if it is a path on this
// site, so the login form cannot be used to send people elsewhere.
// Browsers drop tabs and newlines and read a backslash as a slash, so
// "/\tevil.example" or "/\\evil.example" would leave the site: any
// control character or backslash, a second leading slash or anything that
// parses with a scheme or host drops the value.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || len(next) > 512 ||
		strings.ContainsRune(next, '\\') || strings.ContainsFunc(next, unicode.IsControl) {
		return ""
	}
	if u, err := url.Parse(next); err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return ""
	}
	return next
}
