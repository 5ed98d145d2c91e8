// Package deadlines holds the pages of a case's time limits: the
// secretariat's correction of the admissibility date, extension of the
// time limit and answer to a request for more time, and the applicant's
// request for more time to answer a clarification. The store checks the
// role and the applicant's live grant again; rules are in
// db/domain/deadlines.
package deadlines

import (
	"context"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/inbox"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
)

// Handlers are the time-limit pages.
type Handlers struct{ *handlers.Handlers }

// New returns the time-limit pages over h.
func New(h *handlers.Handlers) *Handlers { return &Handlers{Handlers: h} }

// staffPage loads the case named by :id with its time limits, and the
// request for more time named by :mid if the route has one.
func (h *Handlers) staffPage(c echo.Context) (views.DeadlinesView, error) {
	r, err := h.StaffRequest(c)
	if err != nil {
		return views.DeadlinesView{}, err
	}
	sv, err := h.StaffView(c, r)
	if err != nil {
		return views.DeadlinesView{}, err
	}
	v := views.DeadlinesView{StaffActionView: sv}
	if v.Limits, err = h.DB.Deadlines.Of(c.Request().Context(), r); err != nil {
		return v, err
	}
	if c.Param("mid") == "" {
		return v, nil
	}
	mid, err := strconv.ParseInt(c.Param("mid"), 10, 64)
	for i := range v.Limits.MoreTime {
		if err == nil && v.Limits.MoreTime[i].ID == mid {
			v.MoreTime = &v.Limits.MoreTime[i]
		}
	}
	if v.MoreTime == nil {
		return v, domain.Errorf(domain.ENotFound, "error.not_found")
	}
	q, err := h.DB.Deadlines.PendingClarification(c.Request().Context(), r)
	if q != nil {
		v.ReplyBy = q.ReplyBy
	}
	return v, err
}

// posted keeps what was typed in a refused form, for its next showing.
func posted(c echo.Context, errs domain.FieldErrors) views.Form {
	f := views.NewForm()
	for k, vs := range c.Request().PostForm {
		if k != "_csrf" {
			f.Values[k] = strings.Join(vs, ",")
		}
	}
	f.Errors = errs
	return f
}

// date reads a day, month and year input group as an ISO date.
func date(c echo.Context, name string) string {
	return domain.ParseDateParts(c.FormValue(name+"-day"), c.FormValue(name+"-month"), c.FormValue(name+"-year"))
}

// setDate prefills a date input group with an ISO date.
func setDate(f views.Form, name, v string) {
	f.Values[name+"-day"], f.Values[name+"-month"], f.Values[name+"-year"] = domain.DateParts(v)
}

// done flashes what was done and goes back to path.
func (h *Handlers) done(c echo.Context, flash, path string) error {
	if err := h.Sessions.Flash(c, flash); err != nil {
		return err
	}
	return handlers.Redirect(c, path)
}

// news is the hook that tells the filer of kind (an inbox entry, and the
// e-mail that says only that there is news, if they chose it), in their own
// language: they did not cause it.
func (h *Handlers) news(kind inbox.Kind) inbox.Hook {
	return inbox.NotifyFiler(kind, handlers.NewsTo(context.Background(), h.PublicURL))
}
