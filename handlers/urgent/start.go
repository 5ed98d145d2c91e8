package urgent

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
)

// StartUrgent is the way in from the home page and the dashboard: the
// first page, what is happening, for a new case; it also offers the
// requests already sent and the urgent requests begun.
func (h *Handlers) StartUrgent(c echo.Context) error {
	v, err := h.firstPage(c, nil, views.AnswersForm(domain.UrgentWhatSection, nil, nil))
	if err != nil {
		return err
	}
	return h.Render(c, http.StatusOK, views.UrgentStepPage(v))
}

// CreateUrgent saves the first page of a new case: the request the
// measures belong to is started as a draft, and the urgent draft on it
// holds what was typed. A refused page creates nothing and shows again
// what was typed.
func (h *Handlers) CreateUrgent(c echo.Context) error {
	a, refused, err := h.readFirstPage(c, nil)
	if err != nil || refused {
		return err
	}
	ctx := c.Request().Context()
	u := *handlers.CurrentUser(c)
	parent, err := h.DB.CreateDraft(ctx, u, domain.DraftOptions{Kind: domain.KindDeletion})
	if err != nil {
		return err
	}
	a["urgent_new"] = "yes"
	d, err := h.DB.OpenUrgentDraft(ctx, parent.ID, u, a)
	if err != nil {
		return err
	}
	return handlers.Redirect(c, views.UrgentStepPath(d, views.UrgentStepPerson))
}

// ShowUrgent is the way in from a case page: the urgent request begun on
// the case if there is one, else the first page.
func (h *Handlers) ShowUrgent(c echo.Context) error {
	r, err := h.loadUrgentCase(c)
	if err != nil {
		return err
	}
	d, ok, err := h.DB.UrgentDraftOn(c.Request().Context(), r, *handlers.CurrentUser(c))
	if err != nil {
		return err
	} else if ok {
		return handlers.Redirect(c, views.UrgentStepPath(d, views.UrgentStepWhat))
	}
	v, err := h.firstPage(c, &r, views.AnswersForm(domain.UrgentWhatSection, nil, nil))
	if err != nil {
		return err
	}
	return h.Render(c, http.StatusOK, views.UrgentStepPage(v))
}

// StartOnCase saves the first page on a case that exists, as an urgent
// draft of its own.
func (h *Handlers) StartOnCase(c echo.Context) error {
	r, err := h.loadUrgentCase(c)
	if err != nil {
		return err
	}
	a, refused, err := h.readFirstPage(c, &r)
	if err != nil || refused {
		return err
	}
	d, err := h.DB.OpenUrgentDraft(c.Request().Context(), r.ID, *handlers.CurrentUser(c), a)
	if err != nil {
		return err
	}
	return handlers.Redirect(c, views.UrgentStepPath(d, next(&r, views.UrgentStepWhat)))
}

// readFirstPage reads and checks the first page before any urgent draft
// exists; when it is refused, it has answered with the page again.
func (h *Handlers) readFirstPage(c echo.Context, r *domain.Request) (domain.Answers, bool, error) {
	form, err := c.FormParams()
	if err != nil {
		return nil, false, handlers.BodyError(err)
	}
	a := domain.Answers{}
	domain.UrgentWhatSection.Bind(a, joined(form))
	errs := domain.UrgentWhatSection.Validate(a, h.DB.Clock.Now())
	if !errs.Any() {
		return a, false, nil
	}
	v, err := h.firstPage(c, r, views.AnswersForm(domain.UrgentWhatSection, a, errs))
	if err != nil {
		return nil, false, err
	}
	return nil, true, h.Render(c, http.StatusUnprocessableEntity, views.UrgentStepPage(v))
}

// firstPage is the first page before anything is saved: on case r, or on
// a new case (r nil) with the requests already sent and the urgent
// requests begun.
func (h *Handlers) firstPage(c echo.Context, r *domain.Request, f views.Form) (views.UrgentStepView, error) {
	v := views.UrgentStepView{Step: views.UrgentStepWhat, Case: r, Form: f, Action: "/urgent"}
	if r != nil {
		v.Action = views.RequestPath(*r) + "/urgent/start"
		return v, nil
	}
	all, err := h.DB.RequestsForUser(c.Request().Context(), *handlers.CurrentUser(c))
	if err != nil {
		return v, err
	}
	names := map[int64]string{}
	for _, x := range all {
		names[x.ID] = x.ApplicantName
	}
	for _, x := range all {
		switch {
		case x.Kind == domain.KindProvisional && x.IsDraft():
			x.ApplicantName = names[x.ParentID] // the person page saves the name there
			v.Drafts = append(v.Drafts, x)
		case !x.IsDraft() && domain.CanAskProvisional(x) == nil:
			v.Filed = append(v.Filed, x)
		}
	}
	return v, nil
}

// next is the page after step on case parent.
func next(parent *domain.Request, step string) string {
	steps := views.UrgentSteps(parent)
	for i, s := range steps[:len(steps)-1] {
		if s == step {
			return steps[i+1]
		}
	}
	return views.UrgentStepCheck
}
