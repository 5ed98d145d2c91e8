package urgent

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/edits"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
)

// page is one page of an urgent draft: the draft, the request it belongs
// to, and which page.
type page struct {
	draft, parent domain.Request
	step          string
	section       domain.Section
}

// ShowStep shows one question page of an urgent draft with what was saved.
func (h *Handlers) ShowStep(c echo.Context) error {
	p, err := h.loadPage(c)
	if err != nil || p.step == "" {
		return err
	}
	return h.Render(c, http.StatusOK, views.UrgentStepPage(p.view(views.AnswersForm(p.section, p.saved(), nil))))
}

// SaveStep saves what the page carried, valid or not, then goes on, or
// back when the person pressed "Back", or shows the page again with what
// was typed and what to fix. The person's page saves on the request the
// measures belong to, which holds who the person is.
func (h *Handlers) SaveStep(c echo.Context) error {
	p, err := h.loadPage(c)
	if err != nil || p.step == "" {
		return err
	}
	form, err := c.FormParams()
	if err != nil {
		return handlers.BodyError(err)
	}
	edit := edits.Read(p.section, joined(form), func(name string) bool { _, ok := form[name]; return ok })
	m, err := h.DB.SaveAnswers(c.Request().Context(), p.target(), p.section, edit)
	if err != nil {
		return err
	}
	errs := problems(p.section, m, p.section.Validate(m.Answers, h.DB.Clock.Now()))
	stuck := len(m.Refused) > 0 || len(m.Conflicts) > 0
	if c.FormValue(views.LeaveInput) != "" && !stuck {
		return handlers.Redirect(c, p.back())
	}
	if !errs.Any() {
		return handlers.Redirect(c, views.UrgentStepPath(p.draft, next(&p.parent, p.step)))
	}
	typed := domain.Answers{}
	for k, v := range m.Answers {
		typed[k] = v
	}
	for k, v := range edit.Values {
		typed[k] = v
	}
	f := views.AnswersForm(p.section, m.Answers, errs)
	f.Values = views.AnswersForm(p.section, typed, nil).Values
	status := http.StatusUnprocessableEntity
	if len(m.Conflicts) > 0 {
		status, f.Conflicts = http.StatusConflict, map[string]string{}
		for _, x := range m.Conflicts {
			f.Conflicts[x.Field] = x.Saved
		}
	}
	if p.step == views.UrgentStepPerson {
		p.parent.Answers = m.Answers
	} else {
		p.draft.Answers = m.Answers
	}
	return h.Render(c, status, views.UrgentStepPage(p.view(f)))
}

// loadPage loads the urgent draft named by :id, the filer's own (anyone
// else's answers not found), and the page named by :step. A draft already
// sent goes to its confirmation, and the person's page of a request
// already filed to the next page: it says who the person is. Either way
// it has answered, and the page's step is empty.
func (h *Handlers) loadPage(c echo.Context) (page, error) {
	p := page{step: c.Param("step")}
	if p.step == "" {
		p.step = views.UrgentStepCheck
	}
	d, err := h.LoadRequest(c)
	if err != nil {
		return p, err
	}
	s, ok := views.UrgentStepSection(p.step)
	if d.Kind != domain.KindProvisional || d.ParentID == 0 || !ok && p.step != views.UrgentStepCheck {
		return p, domain.Errorf(domain.ENotFound, "error.not_found")
	}
	p.draft, p.section = d, s
	if !d.IsDraft() {
		p.step = ""
		return p, handlers.Redirect(c, views.RequestPath(d)+"/confirmation")
	}
	p.parent, err = h.DB.RequestForUser(c.Request().Context(), d.ParentID, *handlers.CurrentUser(c))
	if err != nil {
		return p, err
	}
	if p.step == views.UrgentStepPerson && !p.parent.IsDraft() {
		p.step = ""
		return p, handlers.Redirect(c, views.UrgentStepPath(d, views.UrgentStepAsked))
	}
	return p, nil
}

// target is the request a page saves on.
func (p page) target() domain.Request {
	if p.step == views.UrgentStepPerson {
		return p.parent
	}
	return p.draft
}

// saved is what the page's questions hold now.
func (p page) saved() domain.Answers { return p.target().Answers }

// view is the page drawn with form f.
func (p page) view(f views.Form) views.UrgentStepView {
	return views.UrgentStepView{Step: p.step, Draft: &p.draft, Case: &p.parent, Form: f,
		Action: views.UrgentStepPath(p.draft, p.step)}
}

// back is where "Back" leads: the page before, or off the filing from
// the first page.
func (p page) back() string {
	if prev := p.view(views.Form{}).Prev(); prev != "" {
		return views.UrgentStepPath(p.draft, prev)
	}
	return p.view(views.Form{}).ExitPath()
}

// problems lists, in the section's order, each field's first problem: a
// value refused at save time, then a conflict with an answer saved
// meanwhile, then what validation of the saved answers found.
func problems(s domain.Section, m edits.Merged, invalid domain.FieldErrors) domain.FieldErrors {
	conflicts := map[string]bool{}
	for _, x := range m.Conflicts {
		conflicts[x.Field] = true
	}
	var out domain.FieldErrors
	for _, f := range s.Fields {
		if e, ok := m.Refused.For(f.Name); ok {
			out = append(out, e)
		} else if conflicts[f.Name] {
			out.Add(f.Name, "answer.conflict")
		} else if e, ok := invalid.For(f.Name); ok {
			out = append(out, e)
		}
	}
	return out
}
