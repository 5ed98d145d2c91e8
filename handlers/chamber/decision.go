package chamber

import (
	"context"
	"net/http"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/chamber"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/inbox"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
)

// decisionPage loads what every step of a decision's life shows: the
// case, the decision so far and the session whose agenda holds the case.
func (h *Handlers) decisionPage(c echo.Context) (views.ChamberDecisionView, error) {
	r, err := h.StaffRequest(c)
	if err != nil {
		return views.ChamberDecisionView{}, err
	}
	v, err := h.StaffView(c, r)
	if err != nil {
		return views.ChamberDecisionView{}, err
	}
	ctx := c.Request().Context()
	out := views.ChamberDecisionView{StaffActionView: v}
	if out.Decision, err = h.DB.Chamber.DecisionOf(ctx, r.ID); err != nil {
		return out, err
	}
	out.Session, err = h.DB.Chamber.SessionOf(ctx, r.ID)
	return out, err
}

// showStep renders a step's page, with today as the date of a step that
// takes one.
func (h *Handlers) showStep(view func(views.ChamberDecisionView, views.Form) templ.Component) echo.HandlerFunc {
	return func(c echo.Context) error {
		v, err := h.decisionPage(c)
		if err != nil {
			return err
		}
		f := views.NewForm()
		f.Values["on-day"], f.Values["on-month"], f.Values["on-year"] = domain.DateParts(v.Now.UTC().Format("2006-01-02"))
		return h.Render(c, http.StatusOK, view(v, f))
	}
}

// doStep runs a step posted from view's form: a refusal shows the form
// again with its problems, success goes back to the case.
func (h *Handlers) doStep(view func(views.ChamberDecisionView, views.Form) templ.Component, flash string,
	do func(c echo.Context, v views.ChamberDecisionView, staff domain.User) error) echo.HandlerFunc {
	return func(c echo.Context) error {
		v, err := h.decisionPage(c)
		if err != nil {
			return err
		}
		err = do(c, v, *handlers.CurrentUser(c))
		if errs, status, ok := handlers.FormErrors(c, err); ok {
			return h.Render(c, status, view(v, posted(c, errs)))
		} else if err != nil {
			return err
		}
		if err := h.Sessions.Flash(c, flash); err != nil {
			return err
		}
		return handlers.Redirect(c, views.StaffCasePath(v.Request.ID))
	}
}

// ShowAdopt asks a member of the Chamber to confirm the adoption.
func (h *Handlers) ShowAdopt(c echo.Context) error { return h.showStep(views.AdoptPage)(c) }

// Adopt adopts the draft at the session whose agenda holds the case.
func (h *Handlers) Adopt(c echo.Context) error {
	return h.doStep(views.AdoptPage, "chamber.flash.adopted", func(c echo.Context, v views.ChamberDecisionView, staff domain.User) error {
		return h.DB.Chamber.Adopt(c.Request().Context(), staff, v.Request.ID)
	})(c)
}

// ShowSentToGS shows the form that records the sending to the General
// Secretariat.
func (h *Handlers) ShowSentToGS(c echo.Context) error { return h.showStep(views.SentToGSPage)(c) }

// SentToGS records the day the decision went to the General Secretariat.
func (h *Handlers) SentToGS(c echo.Context) error {
	return h.doStep(views.SentToGSPage, "chamber.flash.sent_to_gs", func(c echo.Context, v views.ChamberDecisionView, staff domain.User) error {
		return h.DB.Chamber.SentToGS(c.Request().Context(), staff, v.Request.ID, date(c, "on"))
	})(c)
}

// ShowImplemented shows the form that records the implementation.
func (h *Handlers) ShowImplemented(c echo.Context) error { return h.showStep(views.ImplementedPage)(c) }

// Implemented records what the General Secretariat reports it did.
func (h *Handlers) Implemented(c echo.Context) error {
	return h.doStep(views.ImplementedPage, "chamber.flash.implemented", func(c echo.Context, v views.ChamberDecisionView, staff domain.User) error {
		return h.DB.Chamber.Implemented(c.Request().Context(), staff, v.Request.ID, date(c, "on"), c.FormValue("implementation"))
	})(c)
}

// ShowSend asks staff to confirm the sending to the applicant, with the
// decision's document.
func (h *Handlers) ShowSend(c echo.Context) error { return h.showStep(views.SendPage)(c) }

// Send records the sending to the applicant with the optional decision
// document (a streamed upload: the form token comes first), and tells the
// applicant there is news.
func (h *Handlers) Send(c echo.Context) error {
	v, err := h.decisionPage(c)
	if err != nil {
		return err
	}
	up, status, errs, err := h.ReadUpload(c)
	if err != nil {
		return err
	}
	if errs.Any() {
		return h.Render(c, status, views.SendPage(v, views.Form{Values: up.Values, Errors: errs}))
	}
	var doc *chamber.File
	if up.Blob != nil {
		doc = &chamber.File{Name: up.Filename, Blob: up.Blob}
	}
	f := up.Fields
	on := domain.ParseDateParts(f.Get("on-day"), f.Get("on-month"), f.Get("on-year"))
	notify := inbox.NotifyFiler(inbox.KindDecisionSent, handlers.NewsTo(context.Background(), h.PublicURL))
	err = h.DB.Chamber.SendToApplicant(c.Request().Context(), *handlers.CurrentUser(c), v.Request.ID, on, doc, h.Blobs, notify)
	if errs, status, ok := handlers.FormErrors(c, err); ok {
		return h.Render(c, status, views.SendPage(v, views.Form{Values: up.Values, Errors: errs}))
	} else if err != nil {
		return err
	}
	if err := h.Sessions.Flash(c, "chamber.flash.sent"); err != nil {
		return err
	}
	return handlers.Redirect(c, views.StaffCasePath(v.Request.ID))
}
