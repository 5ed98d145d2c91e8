package handlers

import (
	"net/http"

	"github.com/ccf-portal/ccfportal/views"
	"github.com/labstack/echo/v4"
)

// ShowRequest shows a draft's task list, or a filed request's case page
// with its timeline and documents.
func (h *Handlers) ShowRequest(c echo.Context) error {
	r, err := h.loadRequest(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	docs, err := h.DB.Documents(ctx, r.ID)
	if err != nil {
		return err
	}
	now := h.DB.Clock.Now()
	if r.IsDraft() {
		return h.render(c, http.StatusOK, views.TaskListPage(views.NewDraftView(r, docs, now)))
	}
	events, err := h.DB.Timeline(ctx, r.ID, false)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.CasePage(views.CaseView{Request: r, Documents: docs, Events: events, Now: now}))
}
