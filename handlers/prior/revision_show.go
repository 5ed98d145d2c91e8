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
	// Start from who usually files: the person concerned, or counsel for
	// a client; either may change it.
	f := views.NewForm()
	f.Values["representation"] = "self"
	if handlers.CurrentUser(c).Role == domain.RoleCounsel {
		f.Values["representation"], f.Values["relationship"] = "representative", "lawyer"
	}
	return h.Render(c, http.StatusOK, views.PriorRevisionPage(f, h.maxMB()))
}
