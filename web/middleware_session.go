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

// loadSession loads the visitor's session (without creating one), records
// the signed-in user, and builds the page data the views read.
func (s *Server) loadSession(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		sess, err := s.store.Get(c.Request(), s.store.name)
		if err != nil {
			return err
		}
		rs := &requestSession{s: sess}
		c.Set(sessionKey, rs)
		user, _ := sess.Values[keyUser].(*domain.User)
		handlers.SetCurrentUser(c, user)
		if seen, ok := sess.Values[keyLastSeen].(time.Time); ok && s.db.Clock.Now().Sub(seen) >= touchInterval {
			rs.dirty = true
		}
		choice, _ := sess.Values[keyLang].(string)
		setLocale(c, choice, accountLanguage(user))
		nonce, _ := c.Get(nonceKey).(string)
		page := views.NewPage(nonce, c.Request().URL.RequestURI(), viewerOf(user), rs.csrfToken)
		page.ExitURL = s.cfg.ExitURL
		if flash, _ := sess.Values[keyFlash].(string); flash != "" && c.Request().Method == http.MethodGet {
			page.Flash = flash
			delete(sess.Values, keyFlash)
			rs.dirty = true
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

func viewerOf(u *domain.User) *views.Viewer {
	if u == nil {
		return nil
	}
	return &views.Viewer{ID: u.ID, Name: u.Name, Role: u.Role, StaffRole: staffrole.Of(*u)}
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
