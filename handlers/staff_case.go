package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/order"
	"github.com/ccf-portal/ccfportal/views"
)

// StaffCase shows a case to staff. Opening it is recorded in the audit log.
func (h *Handlers) StaffCase(c echo.Context) error {
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	sc, err := h.DB.StaffCase(ctx, *CurrentUser(c), id)
	if err != nil {
		return err
	}
	order.SortByName(sc.Staff, views.Locale(ctx).Tag, func(u domain.User) string { return u.Name })
	cons, err := h.DB.Consultations.List(ctx, id)
	if err != nil {
		return err
	}
	v := views.StaffCaseView{StaffCase: sc, Now: h.DB.Clock.Now(), Consultations: cons}
	if v.Decision, err = h.DB.Chamber.DecisionOf(ctx, id); err != nil {
		return err
	}
	if v.Session, err = h.DB.Chamber.SessionOf(ctx, id); err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.StaffCasePage(v))
}
