package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/views"
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

func (h *Handlers) renderCheck(c echo.Context, status int, r domain.Request, f views.Form) error {
	v, err := h.draftView(c, r)
	if err != nil {
		return err
	}
	return h.render(c, status, views.CheckPage(v, f))
}
