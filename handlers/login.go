package handlers

import (
	"net/http"
	"net/url"
	"strings"
	"unicode"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/views"
)

// ShowLogin shows the sign-in form. The form is answered by the sign-in
// steps in handlers/security, which add the second factor.
func (h *Handlers) ShowLogin(c echo.Context) error {
	if u := CurrentUser(c); u != nil {
		return redirect(c, views.HomePathFor(u.Role))
	}
	f := views.NewForm()
	f.Values["next"] = safeNext(c.QueryParam("next"))
	f.Values["email"] = h.Sessions.TakeEmail(c)
	return h.render(c, http.StatusOK, views.LoginPage(f))
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
