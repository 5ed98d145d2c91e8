package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/views"
)

// StaffCase shows a case to staff. Opening it is recorded in the audit log.
func (h *Handlers) StaffCase(c echo.Context) error {
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	r, err := h.DB.OpenCase(ctx, *CurrentUser(c), id)
	if err != nil {
		return err
	}
	v := views.StaffCaseView{Request: r, Now: h.DB.Clock.Now()}
	if v.Info, err = h.DB.CaseInfoFor(ctx, r); err != nil {
		return err
	}
	if v.Filing, err = h.DB.LoadFiling(ctx, r); err != nil {
		return err
	}
	if v.Events, err = h.DB.Timeline(ctx, r.ID, true); err != nil {
		return err
	}
	if v.Outcome, err = h.DB.CaseOutcomeOf(ctx, r.ID); err != nil {
		return err
	}
	if v.Notes, err = h.DB.Notes(ctx, r.ID); err != nil {
		return err
	}
	if v.Notices, err = h.DB.Notices(ctx, r.ID); err != nil {
		return err
	}
	if v.Staff, err = h.DB.StaffMembers(ctx); err != nil {
		return err
	}
	domain.SortByName(v.Staff, views.Locale(ctx).Tag, func(u domain.User) string { return u.Name })
	if d := v.Outcome.Decision; d != nil {
		if _, ordered := domain.NoticeAction(d.Outcome); ordered {
			targets, err := h.DB.NoticeTargets(ctx, r)
			if err != nil {
				return err
			}
			v.NoticeDue = len(v.Notices) < len(targets)
		}
	}
	return h.render(c, http.StatusOK, views.StaffCasePage(v))
}
