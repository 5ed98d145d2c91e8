package recovery

import (
	"crypto/rand"
	"net/http"
	"strings"
	"unicode"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
)

// RequireVerified guards the routes that send a request to the CCF: an
// applicant whose address is not confirmed is told so, with a way to have
// the link sent again, and nothing is submitted. It reads no body, so it
// may stand before a streaming upload.
func (h *Handlers) RequireVerified(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if u := handlers.CurrentUser(c); u != nil && !u.Verified && u.Role != domain.RoleStaff {
			return h.Render(c, http.StatusForbidden, views.VerifyNeededPage())
		}
		return next(c)
	}
}

// ShowVerify shows the confirmation button of a link that can be used.
func (h *Handlers) ShowVerify(c echo.Context) error {
	return h.Render(c, http.StatusOK, views.VerifyPage(c.Param("token")))
}

// Verify spends the link and confirms the address. The link is the proof:
// the person need not be signed in on this browser.
func (h *Handlers) Verify(c echo.Context) error {
	err := h.DB.VerifyEmail(c.Request().Context(), c.Param("token"))
	if domain.ErrorCode(err) == domain.ENotFound {
		return h.Render(c, http.StatusNotFound, views.VerifyInvalidPage())
	} else if err != nil {
		return err
	}
	if err := h.Sessions.Flash(c, "verify.done"); err != nil {
		return err
	}
	if u := handlers.CurrentUser(c); u != nil {
		return handlers.Redirect(c, views.HomePathFor(u.Role))
	}
	return handlers.Redirect(c, "/login")
}

// Resend sends a new confirmation link to the signed-in person's address
// and goes back to the page the button was on.
func (h *Handlers) Resend(c echo.Context) error {
	user := handlers.CurrentUser(c)
	token := rand.Text()
	err := h.DB.ResendVerification(c.Request().Context(), user.ID, token, h.verifyMail(c, token))
	flash := "verify.resend.sent"
	switch domain.ErrorCode(err) {
	case "":
	case domain.ETooMany:
		flash = "verify.resend.too_many"
	default:
		return err
	}
	if err := h.Sessions.Flash(c, flash); err != nil {
		return err
	}
	return handlers.Redirect(c, backPath(c.FormValue("back")))
}

// backPath keeps a return address only if it is a path on this site.
func backPath(p string) string {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || len(p) > 512 ||
		strings.ContainsRune(p, '\\') || strings.ContainsFunc(p, unicode.IsControl) {
		return "/dashboard"
	}
	return p
}
