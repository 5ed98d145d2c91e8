package prior

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
)

// ShowRevision is the application for revision of a decision taken
// outside the portal, reached without a decided case in it.
func (h *Handlers) ShowRevision(c echo.Context) error {
	f := views.NewForm()
	if handlers.CurrentUser(c).Role == domain.RolePetitioner {
		f.Values["representation"] = "self"
	}
	return h.Render(c, http.StatusOK, views.PriorRevisionPage(f, h.maxMB()))
}
