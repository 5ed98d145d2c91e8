package handlers

import (
	"net/http"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/views"
	"github.com/labstack/echo/v4"
)

// CheckAnswers shows every answer and the remaining problems before
// submission.
func (h *Handlers) CheckAnswers(c echo.Context) error {
	r, err := h.loadDraft(c)
	if err != nil {
		return err
	}
	return h.renderCheck(c, http.StatusOK, r, views.NewForm())
}

func (h *Handlers) renderCheck(c echo.Context, status int, r db.Request, f views.Form) error {
	v, err := h.draftView(c, r)
	if err != nil {
		return err
	}
	return h.render(c, status, views.CheckPage(v, f))
}
