package deadlines

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/deadlines"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
)

// applicantPage loads the case named by :id for whoever holds a live grant
// on it (anyone else: not found) with the clarification it waits for.
func (h *Handlers) applicantPage(c echo.Context) (views.MoreTimeView, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return views.MoreTimeView{}, domain.Errorf(domain.ENotFound, "error.not_found")
	}
	ctx := c.Request().Context()
	r, err := h.DB.RequestForUser(ctx, id, *handlers.CurrentUser(c))
	if err != nil {
		return views.MoreTimeView{}, err
	}
	if r.IsDraft() {
		return views.MoreTimeView{}, domain.Errorf(domain.ENotFound, "error.not_found")
	}
	v := views.MoreTimeView{Request: r}
	if v.Clarification, err = h.DB.Deadlines.PendingClarification(ctx, r); err != nil {
		return v, err
	}
	t, err := h.DB.Deadlines.Of(ctx, r)
	if err != nil {
		return v, err
	}
	if err := rules.CanAskMoreTime(v.Clarification, t); err != nil {
		v.Conflict = domain.ErrorMessage(err)
	}
	return v, nil
}

// ShowMoreTime shows the form that asks for more time to answer.
func (h *Handlers) ShowMoreTime(c echo.Context) error {
	v, err := h.applicantPage(c)
	if err != nil {
		return err
	}
	return h.Render(c, http.StatusOK, views.MoreTimePage(v, views.NewForm()))
}

// AskMoreTime records the request for more time; the CCF answers it.
func (h *Handlers) AskMoreTime(c echo.Context) error {
	v, err := h.applicantPage(c)
	if err != nil {
		return err
	}
	in := rules.MoreTimeInput{Reason: c.FormValue("reason"), Date: date(c, "date")}
	err = h.DB.Deadlines.AskMoreTime(c.Request().Context(), *handlers.CurrentUser(c), v.Request.ID, in)
	if errs, status, ok := handlers.FormErrors(c, err); ok {
		return h.Render(c, status, views.MoreTimePage(v, posted(c, errs)))
	} else if err != nil {
		return err
	}
	return h.done(c, "deadlines.flash.more_time_asked", views.RequestPath(v.Request))
}
