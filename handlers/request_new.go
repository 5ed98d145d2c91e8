package handlers

import (
	"net/http"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/views"
	"github.com/labstack/echo/v4"
)

// NewRequest explains what an access request is and what to have ready.
func (h *Handlers) NewRequest(c echo.Context) error {
	return h.render(c, http.StatusOK, views.NewRequestPage(db.KindAccess))
}

// CreateRequest starts a draft and opens its task list.
func (h *Handlers) CreateRequest(c echo.Context) error {
	kind := db.Kind(c.FormValue("kind"))
	if kind != db.KindAccess {
		return db.Errorf(db.EInvalid, "request.kind_unknown")
	}
	r, err := h.DB.CreateDraft(c.Request().Context(), *CurrentUser(c), kind)
	if err != nil {
		return err
	}
	return redirect(c, requestPath(r))
}
