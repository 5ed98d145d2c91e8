// Package handlers holds one file per page or action: parse and validate
// the request, call the store, choose a view. Handlers return errors; the
// web layer alone turns them into error pages.
package handlers

import (
	"bytes"
	"net/http"
	"time"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/password"
	"github.com/ccf-portal/ccfportal/views"
)

// SessionManager is what handlers need of the session layer, which lives in
// the web package.
type SessionManager interface {
	// Commit persists pending changes: to the session row (creating it at
	// sign-in), or for a visitor to the visitor cookie, never to a row.
	Commit(c echo.Context) error
	// Login binds user to a fresh session id and a fresh form token.
	Login(c echo.Context, user domain.User) error
	// Logout deletes the session and its cookie.
	Logout(c echo.Context) error
	// Flash stores a message key to show once on the next page.
	Flash(c echo.Context, messageKey string) error
	// OfferEmail keeps a just-registered address for the next sign-in
	// page; TakeEmail returns it there, once.
	OfferEmail(c echo.Context, email string) error
	TakeEmail(c echo.Context) string
	// SetLanguage remembers the interface language chosen for the rest of
	// the browser session.
	SetLanguage(c echo.Context, tag string) error
	// CheckCSRF verifies a form token read by a streaming parser, on routes
	// whose multipart bodies the CSRF middleware leaves unparsed.
	CheckCSRF(c echo.Context, token string) bool
}

// Handlers carries what every handler needs.
type Handlers struct {
	DB        *db.DB
	Sessions  SessionManager
	Passwords password.Params
	Blobs     *blob.Store
	// MaxUpload is the largest file accepted, in bytes.
	MaxUpload int64
	// Limits are the filing format limits (appendices, summary pages).
	Limits domain.Limits
	// MinFreeDisk is the free space, in bytes, the data folder needs for
	// the portal to report itself ready.
	MinFreeDisk int64
	// ReadyTimeout bounds the readiness check's wait for the database;
	// zero means health.DefaultReadyTimeout.
	ReadyTimeout time.Duration
	// PublicURL is the portal's address as people reach it, for e-mail.
	PublicURL string
}

// draftView loads everything filed with r and works out its tasks and
// problems.
func (h *Handlers) draftView(c echo.Context, r domain.Request) (views.DraftView, error) {
	f, err := h.DB.LoadFiling(c.Request().Context(), r)
	if err != nil {
		return views.DraftView{}, err
	}
	return views.NewDraftView(f, h.Limits, h.DB.Clock.Now()), nil
}

// render renders a component into a buffer first, so that an error
// mid-render still becomes a proper error page, then commits the session
// and writes the page.
func (h *Handlers) render(c echo.Context, status int, page templ.Component) error {
	var buf bytes.Buffer
	if err := page.Render(c.Request().Context(), &buf); err != nil {
		return domain.Internal(err)
	}
	if err := h.Sessions.Commit(c); err != nil {
		return err
	}
	return c.HTMLBlob(status, buf.Bytes())
}

// redirect answers a form post with 303 See Other, so that reloading the
// next page does not resubmit the form.
func redirect(c echo.Context, path string) error {
	return c.Redirect(http.StatusSeeOther, path)
}

// userKey is the echo context key for the signed-in user.
const userKey = "ccf.user"

// SetCurrentUser records the signed-in user for this request.
func SetCurrentUser(c echo.Context, u *domain.User) { c.Set(userKey, u) }

// CurrentUser returns the signed-in user, or nil for a visitor.
func CurrentUser(c echo.Context) *domain.User {
	u, _ := c.Get(userKey).(*domain.User)
	return u
}
