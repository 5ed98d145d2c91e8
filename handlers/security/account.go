package security

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
)

// ShowAccount is the signed-in person's account page: their second
// factor, their password, and every session signed in to the account.
func (h *Handlers) ShowAccount(c echo.Context) error {
	user := handlers.CurrentUser(c)
	ctx := c.Request().Context()
	list, err := h.DB.UserSessions(ctx, user.ID, h.Steps.SessionToken(c), h.Steps.IdleLimit(user))
	if err != nil {
		return err
	}
	v := views.AccountView{Staff: user.Role == domain.RoleStaff, Email: user.Email}
	if !v.Staff {
		if v.EmailNews, err = h.DB.EmailNews(ctx, user.ID); err != nil {
			return err
		}
	}
	if v.SecondFactor, err = h.DB.HasTOTP(ctx, user.ID); err != nil {
		return err
	}
	if v.SecondFactor {
		if v.RecoveryCodesLeft, err = h.DB.RecoveryCodesLeft(ctx, user.ID); err != nil {
			return err
		}
	}
	for _, s := range list {
		v.Sessions = append(v.Sessions, views.SessionRow{Ref: s.Ref, CreatedAt: s.CreatedAt, LastSeenAt: s.LastSeenAt,
			Current: s.Current})
	}
	return h.Render(c, http.StatusOK, views.AccountPage(v))
}

// EndSession ends one other session of the account. A session that is not
// the account's answers 404, like one that does not exist.
func (h *Handlers) EndSession(c echo.Context) error {
	user := handlers.CurrentUser(c)
	ref := c.Param("ref")
	if err := h.DB.EndSession(c.Request().Context(), user.ID, ref); err != nil {
		return err
	}
	if err := h.Sessions.Flash(c, "security.sessions.ended_one"); err != nil {
		return err
	}
	return handlers.Redirect(c, "/account")
}

// EndOtherSessions ends every session of the account but this one.
func (h *Handlers) EndOtherSessions(c echo.Context) error {
	user := handlers.CurrentUser(c)
	if err := h.DB.EndOtherSessions(c.Request().Context(), user.ID, h.Steps.SessionToken(c)); err != nil {
		return err
	}
	if err := h.Sessions.Flash(c, "security.sessions.ended_others"); err != nil {
		return err
	}
	return handlers.Redirect(c, "/account")
}
