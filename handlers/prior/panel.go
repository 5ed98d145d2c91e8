package prior

import (
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
)

// Panel loads the earlier case a request names outside the portal, for
// the case page of whoever may see the request (applicant or staff), which
// shows it when there is one. A request the viewer may not see is left to
// the page's own handler, which answers it as not found.
func (h *Handlers) Panel(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := strconv.ParseInt(c.Param("id"), 10, 64)
		u := handlers.CurrentUser(c)
		if err != nil || id <= 0 || u == nil {
			return next(c)
		}
		ctx := c.Request().Context()
		p, err := h.DB.PriorCase(ctx, id, *u)
		if domain.ErrorCode(err) == domain.ENotFound || (err == nil && p == nil) {
			return next(c)
		} else if err != nil {
			return err
		}
		c.SetRequest(c.Request().WithContext(views.WithPriorCase(ctx, p)))
		return next(c)
	}
}
