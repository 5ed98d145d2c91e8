package prior

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/views"
)

// ShowReissued starts a deletion or correction request filed after the
// data of an earlier case, decided outside the portal, were re-issued.
func (h *Handlers) ShowReissued(c echo.Context) error {
	f := views.NewForm()
	f.Values["kind"] = "deletion"
	return h.Render(c, http.StatusOK, views.ReissuedPriorPage(f, h.maxMB()))
}
