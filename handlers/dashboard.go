package handlers

import (
	"net/http"

	"github.com/ccf-portal/ccfportal/views"
	"github.com/labstack/echo/v4"
)

// Dashboard is the landing page of petitioners and counsel: their requests.
func (h *Handlers) Dashboard(c echo.Context) error {
	u := CurrentUser(c)
	requests, err := h.DB.RequestsForUser(c.Request().Context(), *u)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.DashboardPage(u.Role, requests))
}

// StaffHome is the landing page of CCF staff.
func (h *Handlers) StaffHome(c echo.Context) error {
	return h.render(c, http.StatusOK, views.StaffHomePage())
}
