// Package consult holds the staff desk's pages for the consultations the
// CCF holds on a case: recording one, its reminders, its reply (with a
// document, streamed and encrypted like every upload), a new due date, and
// the finding that no reply came. Every page is staff-only; nothing here
// is ever shown to the applicant.
package consult

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/consult"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
)

// Handlers are the consultation pages.
type Handlers struct {
	*handlers.Handlers
	// ReplyDays is the default time for a reply, in days.
	ReplyDays int
}

// New returns the consultation pages over h; replyDays of 0 or less means
// rules.DefaultReplyDays.
func New(h *handlers.Handlers, replyDays int) *Handlers {
	if replyDays <= 0 {
		replyDays = rules.DefaultReplyDays
	}
	return &Handlers{Handlers: h, ReplyDays: replyDays}
}

// page is what every consultation form needs: the case, the consultation
// it acts on (nil for a new one) and the form.
func (h *Handlers) page(c echo.Context) (views.ConsultView, error) {
	r, err := h.StaffRequest(c)
	if err != nil {
		return views.ConsultView{}, err
	}
	o, err := h.DB.CaseOutcomeOf(c.Request().Context(), r.ID)
	if err != nil {
		return views.ConsultView{}, err
	}
	v := views.ConsultView{StaffActionView: views.StaffActionView{Request: r, Outcome: o, Now: h.DB.Clock.Now(),
		MaxUpMB: h.MaxUpload / 1_000_000}, ReplyDays: h.ReplyDays}
	if c.Param("cid") == "" {
		return v, nil
	}
	cid, err := strconv.ParseInt(c.Param("cid"), 10, 64)
	if err != nil || cid <= 0 {
		return v, domain.Errorf(domain.ENotFound, "error.not_found")
	}
	list, err := h.DB.Consultations.List(c.Request().Context(), r.ID)
	if err != nil {
		return v, err
	}
	for i := range list {
		if list[i].ID == cid {
			v.Consultation = &list[i]
		}
	}
	if v.Consultation == nil {
		return v, domain.Errorf(domain.ENotFound, "error.not_found")
	}
	return v, nil
}

// show renders a consultation form, fresh.
func (h *Handlers) show(view func(views.ConsultView, views.Form) templ.Component) echo.HandlerFunc {
	return func(c echo.Context) error {
		v, err := h.page(c)
		if err != nil {
			return err
		}
		return h.Render(c, http.StatusOK, view(v, prefilled(v)))
	}
}

// prefilled starts a form with today in the dates staff most often record
// on the day, and the current due date in the form that moves it.
func prefilled(v views.ConsultView) views.Form {
	f := views.NewForm()
	day, month, year := domain.DateParts(rules.Today(v.Now))
	for _, name := range []string{"sent_on", "reminded_on", "received_on"} {
		f.Values[name+"-day"], f.Values[name+"-month"], f.Values[name+"-year"] = day, month, year
	}
	if v.Consultation != nil {
		f.Values["reply_due-day"], f.Values["reply_due-month"], f.Values["reply_due-year"] = domain.DateParts(v.Consultation.ReplyDue)
	}
	return f
}

// act runs a consultation action posted from view's form: a refusal shows
// the form again with its problems, success goes back to the case.
func (h *Handlers) act(view func(views.ConsultView, views.Form) templ.Component, flash string,
	do func(c echo.Context, v views.ConsultView, staff domain.User) error) echo.HandlerFunc {
	return func(c echo.Context) error {
		v, err := h.page(c)
		if err != nil {
			return err
		}
		err = do(c, v, *handlers.CurrentUser(c))
		if errs, status, ok := handlers.FormErrors(c, err); ok {
			return h.Render(c, status, view(v, posted(c, errs)))
		} else if err != nil {
			return err
		}
		return h.done(c, v.Request, flash)
	}
}

// done confirms an action and goes back to the case.
func (h *Handlers) done(c echo.Context, r domain.Request, flash string) error {
	if err := h.Sessions.Flash(c, flash); err != nil {
		return err
	}
	return handlers.Redirect(c, views.StaffCasePath(r.ID))
}

// posted is the posted form again, for re-display with its problems.
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
