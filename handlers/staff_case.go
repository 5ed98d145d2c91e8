package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/views"
)

// StaffCase shows a case to staff. Opening it is recorded in the audit log.
func (h *Handlers) StaffCase(c echo.Context) error {
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	sc, err := h.DB.StaffCase(c.Request().Context(), *CurrentUser(c), id)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.StaffCasePage(views.StaffCaseView{StaffCase: sc, Now: h.DB.Clock.Now()}))
}
