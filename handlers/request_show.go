package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/views"
)

// ShowRequest shows a draft's task list, or a filed request's case page
// with its timeline, documents and linked cases.
func (h *Handlers) ShowRequest(c echo.Context) error {
	r, err := h.loadRequest(c)
	if err != nil {
		return err
	}
	if r.IsDraft() {
		v, err := h.draftView(c, r)
		if err != nil {
			return err
		}
		return h.render(c, http.StatusOK, views.TaskListPage(v))
	}
	ctx := c.Request().Context()
	filing, err := h.DB.LoadFiling(ctx, r)
	if err != nil {
		return err
	}
	events, err := h.DB.Timeline(ctx, r.ID, false)
	if err != nil {
		return err
	}
	linked, err := h.DB.LinkedRequests(ctx, r, *CurrentUser(c))
	if err != nil {
		return err
	}
	reps, err := h.DB.Representatives(ctx, r)
	if err != nil {
		return err
	}
	domain.SortByName(reps, views.Locale(ctx).Tag, func(s string) string { return s })
	v := views.CaseView{Request: r, Filing: filing,
		Events: events, Linked: linked, Now: h.DB.Clock.Now(), Representatives: reps}
	if err := h.loadCaseOutcome(c, &v); err != nil {
		return err
	}
	return h.render(c, caseStatus(c), views.CasePage(v))
}
