package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/views"
)

// StaffQueue is the staff desk: filtered, sorted, paged requests, urgent
// ones on top. Filters live in the URL.
func (h *Handlers) StaffQueue(c echo.Context) error {
	u := CurrentUser(c)
	f := views.QueueFilterFrom(c.QueryParams(), u.ID)
	now := h.DB.Clock.Now()
	page, err := h.DB.SearchQueue(c.Request().Context(), f, now)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.StaffQueuePage(views.QueueView{Filter: f, Page: page, Now: now}))
}
