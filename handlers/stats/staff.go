package stats

import (
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	figures "github.com/ccf-portal/ccfportal/db/domain/stats"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
)

// staffFilter reads the filter of the staff statistics from the query.
func (h *Handlers) staffFilter(c echo.Context) figures.StaffFilter {
	return figures.ParseStaffFilter(c.QueryParam("year"), c.QueryParam("kind"), c.QueryParam("country"), c.QueryParam("session"), h.DB.Clock.Now())
}

// Staff shows the staff statistics, counted afresh on every view: staff
// are few and the figures are for one year.
func (h *Handlers) Staff(c echo.Context) error {
	rep, err := h.DB.StaffFigures(c.Request().Context(), h.staffFilter(c), h.DB.Clock.Now())
	if err != nil {
		return err
	}
	return h.Render(c, http.StatusOK, views.StaffStatisticsPage(rep))
}

// StaffCSV sends the staff statistics as CSV; the store records the
// export in the audit log.
func (h *Handlers) StaffCSV(c echo.Context) error {
	staff := handlers.CurrentUser(c)
	if staff == nil || staff.Role != domain.RoleStaff {
		return domain.Errorf(domain.ENotFound, "error.not_found")
	}
	now := h.DB.Clock.Now()
	rep, err := h.DB.ExportStaffFigures(c.Request().Context(), *staff, h.staffFilter(c), now)
	if err != nil {
		return err
	}
	name := "ccf-staff-statistics-" + strconv.Itoa(rep.Filter.Year) + "-" + now.Format(time.DateOnly) + ".csv"
	c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="`+name+`"`)
	return c.Blob(http.StatusOK, "text/csv; charset=utf-8", views.StaffStatisticsCSV(c.Request().Context(), rep))
}
