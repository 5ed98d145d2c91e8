package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/order"
	"github.com/ccf-portal/ccfportal/views"
)

// ShowRequest shows a draft's task list, or a filed request's case page
// with its timeline, documents and linked cases.
func (h *Handlers) ShowRequest(c echo.Context) error {
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	ac, err := h.DB.ApplicantCase(ctx, *CurrentUser(c), id)
	if err != nil {
		return err
	}
	order.SortByName(ac.Representatives, views.Locale(ctx).Tag, func(s string) string { return s })
	now := h.DB.Clock.Now()
	if ac.Request.IsDraft() && ac.Request.Kind == domain.KindProvisional {
		return redirect(c, requestPath(ac.Request)+"/urgent/what") // its own pages, not a task list
	}
	if ac.Request.IsDraft() {
		return h.render(c, http.StatusOK, views.TaskListPage(views.NewDraftView(ac.Filing, h.Limits, now)))
	}
	v := views.CaseView{ApplicantCase: ac, Now: now, Reply: views.NewForm(), MaxUploadMB: h.MaxUpload / 1_000_000}
	if f, ok := c.Get(replyFormKey).(views.Form); ok {
		v.Reply = f
	}
	return h.render(c, caseStatus(c), views.CasePage(v))
}
