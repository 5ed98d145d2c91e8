package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/views"
)

// StaffAuditTrail lists the audit entries of a case. Reading them is itself
// recorded.
func (h *Handlers) StaffAuditTrail(c echo.Context) error {
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	r, err := h.DB.OpenAuditTrail(ctx, *CurrentUser(c), id)
	if err != nil {
		return err
	}
	v, err := h.staffView(c, r)
	if err != nil {
		return err
	}
	if v.Entries, err = h.DB.AuditTrail(ctx, r.ID); err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.AuditTrailPage(v))
}
