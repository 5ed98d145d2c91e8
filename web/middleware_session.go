package web

import (
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/staffrole"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
)

// loadSession loads the request's session (without creating one) or, for
// a visitor, the visitor cookie; it records the signed-in user and builds
// the page data the views read.
func (s *Server) loadSession(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		sess, err := s.store.Get(c.Request(), s.store.name)
		if err != nil {
			return err
		}
		rs := &requestSession{s: sess, cookies: s.visitors}
		if !rs.stored() {
			rs.v = s.visitors.read(c.Request())
			rs.vFromCookie = rs.v.ID
		}
		c.Set(sessionKey, rs)
		user, _ := sess.Values[keyUser].(*domain.User)
		handlers.SetCurrentUser(c, user)
		if seen, ok := sess.Values[keyLastSeen].(time.Time); ok && s.db.Clock.Now().Sub(seen) >= touchInterval {
			rs.dirty = true
		}
		setLocale(c, rs.language(), accountLanguage(user))
		nonce, _ := c.Get(nonceKey).(string)
		viewer, err := s.viewerOf(c, user)
		if err != nil {
			return err
		}
		page := views.NewPage(nonce, c.Request().URL.RequestURI(), viewer, rs.csrfToken)
		page.ExitURL = s.cfg.ExitURL
		if c.Request().Method == http.MethodGet {
			page.Flash = rs.takeFlash()
		}
		c.SetRequest(c.Request().WithContext(views.WithPage(c.Request().Context(), page)))
		return next(c)
	}
}

// accountLanguage is the signed-in person's saved language, if any.
func accountLanguage(u *domain.User) string {
	if u == nil {
		return ""
	}
	return u.Language
}

// viewerOf is the signed-in person as the layout shows them, with their
// unread notifications count (the inbox of applicants, the notifications
// page of staff).
func (s *Server) viewerOf(c echo.Context, u *domain.User) (*views.Viewer, error) {
	if u == nil {
		return nil, nil
	}
	v := &views.Viewer{ID: u.ID, Name: u.Name, Role: u.Role, StaffRole: staffrole.Of(*u)}
	v.Unverified = !u.Verified && u.Role != domain.RoleStaff
	n, err := s.db.UnreadCount(c.Request().Context(), u.ID)
	v.Unread = n
	return v, err
}

// requireRole lets through only signed-in users holding one of roles. A
// visitor is sent to sign in; a user with another role gets 403.
func requireRole(roles ...domain.Role) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			u := handlers.CurrentUser(c)
			if u == nil {
				if c.Request().Method == http.MethodGet {
					return c.Redirect(http.StatusSeeOther, "/login?next="+url.QueryEscape(c.Request().URL.RequestURI()))
				}
				return domain.Errorf(domain.EUnauthorized, "error.sign_in_required")
			}
			if !slices.Contains(roles, u.Role) {
				return domain.Errorf(domain.EForbidden, "error.forbidden_role")
			}
			return next(c)
		}
	}
}

// requireStep lets through only staff whose role may take step; anyone
// else gets 403, a forged post included. The page offering the step shows
// its button only to those roles (views.MayStep).
func requireStep(step staffrole.Step) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			u := handlers.CurrentUser(c)
			if u == nil {
				return domain.Errorf(domain.EUnauthorized, "error.sign_in_required")
			}
			if err := staffrole.Require(*u, step); err != nil {
				return err
			}
			return next(c)
		}
	}
}
