package handlers

import (
	"net/http"

	"github.com/ccf-portal/ccfportal/views"
	"github.com/labstack/echo/v4"
)

// Dashboard is the landing page of petitioners and counsel.
func (h *Handlers) Dashboard(c echo.Context) error {
	return h.render(c, http.StatusOK, views.DashboardPage(CurrentUser(c).Role))
}

// StaffHome is the landing page of CCF staff.
func (h *Handlers) StaffHome(c echo.Context) error {
	return h.render(c, http.StatusOK, views.StaffHomePage())
}
