package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/edits"
	"github.com/ccf-portal/ccfportal/views"
)

// StartUrgent is the way in to urgent measures from the home page and the
// dashboard: on a request already sent, or on a new one, starting with who
// the person is.
func (h *Handlers) StartUrgent(c echo.Context) error {
	return h.renderUrgentStart(c, http.StatusOK, views.NewForm())
}

// CreateUrgent starts the request urgent measures will belong to, with the
// person's essentials, and goes on to the urgent form. Nothing is created
// until the page is complete, so a refused page leaves no empty draft.
func (h *Handlers) CreateUrgent(c echo.Context) error {
	form, err := c.FormParams()
	if err != nil {
		return bodyError(err)
	}
	a := domain.Answers{}
	domain.UrgentStartSection.Bind(a, joined(form))
	if errs := domain.UrgentStartSection.Validate(a, h.DB.Clock.Now()); errs.Any() {
		return h.renderUrgentStart(c, http.StatusUnprocessableEntity, views.AnswersForm(domain.UrgentStartSection, a, errs))
	}
	ctx := c.Request().Context()
	r, err := h.DB.CreateDraft(ctx, *CurrentUser(c), domain.DraftOptions{Kind: domain.Kind(a["urgent_follow"])})
	if err != nil {
		return err
	}
	s := domain.UrgentPersonSection
	edit := edits.Read(s, joined(form), func(name string) bool { _, ok := form[name]; return ok })
	if _, err := h.DB.SaveAnswers(ctx, r, s, edit); err != nil {
		return err
	}
	return redirect(c, requestPath(r)+"/urgent")
}

// SaveUrgentPerson saves who the person is on a draft, before urgent
// measures are asked on it.
func (h *Handlers) SaveUrgentPerson(c echo.Context) error {
	r, err := h.loadUrgentCase(c)
	if err != nil {
		return err
	}
	if !r.IsDraft() {
		return redirect(c, requestPath(r)+"/urgent")
	}
	f, status, err := h.saveForm(c, &r, domain.UrgentPersonSection)
	if err != nil {
		return err
	}
	if f == nil {
		return redirect(c, requestPath(r)+"/urgent")
	}
	return h.render(c, status, views.UrgentPersonPage(&r, *f, nil))
}

// renderUrgentStart shows the start page, with the requests already sent
// on which urgent measures may be asked.
func (h *Handlers) renderUrgentStart(c echo.Context, status int, f views.Form) error {
	filed, err := h.DB.FiledRequests(c.Request().Context(), *CurrentUser(c))
	if err != nil {
		return err
	}
	var open []domain.Request
	for _, r := range filed {
		if domain.CanAskProvisional(r) == nil {
			open = append(open, r)
		}
	}
	return h.render(c, status, views.UrgentPersonPage(nil, f, open))
}
