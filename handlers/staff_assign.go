package handlers

import (
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// AssignCase gives a case to a staff member, or to nobody.
func (h *Handlers) AssignCase(c echo.Context) error {
	r, err := h.staffRequest(c)
	if err != nil {
		return err
	}
	var assignee int64
	if v := c.FormValue("assignee"); v != "" {
		if assignee, err = strconv.ParseInt(v, 10, 64); err != nil || assignee <= 0 {
			return domain.Errorf(domain.EInvalid, "staff.assignee_unknown")
		}
	}
	if err := h.DB.AssignCase(c.Request().Context(), *CurrentUser(c), r.ID, assignee); err != nil {
		return err
	}
	return h.flashAndReturn(c, r, "staff.flash.assigned")
}
