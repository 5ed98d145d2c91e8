package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/order"
	"github.com/ccf-portal/ccfportal/views"
)

// Dashboard is the landing page of petitioners and counsel: their requests
// and, for counsel, their applicants.
func (h *Handlers) Dashboard(c echo.Context) error {
	u := CurrentUser(c)
	ctx := c.Request().Context()
	requests, err := h.DB.RequestsForUser(ctx, *u)
	if err != nil {
		return err
	}
	var applicants []domain.ApplicantSummary
	if u.Role == domain.RoleCounsel {
		if applicants, err = h.DB.ApplicantSummaries(ctx, *u); err != nil {
			return err
		}
		order.SortSummaries(applicants, views.Locale(ctx).Tag)
	}
	return h.render(c, http.StatusOK, views.DashboardPage(u.Role, requests, applicants))
}
