package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/edits"
	"github.com/ccf-portal/ccfportal/views"
)

// ShowSection shows one section of a draft's guided form with the answers
// saved so far.
func (h *Handlers) ShowSection(c echo.Context) error {
	r, s, err := h.loadSection(c)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.SectionPage(r, s, views.AnswersForm(s, r.Answers, nil)))
}

// SaveSection saves a section's answers whatever their state -- nothing a
// person typed is thrown away -- then returns to the task list when the
// section is complete, or shows what still needs fixing. Only the fields
// the form carried are written, and only where nobody else saved a
// different answer since the form was shown: such a field keeps the other
// person's answer and the page answers 409, showing both.
func (h *Handlers) SaveSection(c echo.Context) error {
	r, s, err := h.loadSection(c)
	if err != nil {
		return err
	}
	f, status, err := h.saveForm(c, &r, s)
	if err != nil {
		return err
	}
	if f == nil {
		return redirect(c, requestPath(r))
	}
	return h.render(c, status, views.SectionPage(r, s, *f))
}

// saveForm saves the posted form of section s into draft r, and returns
// nothing more when all is well, or the form to show again and its status
// when something needs fixing.
func (h *Handlers) saveForm(c echo.Context, r *domain.Request, s domain.Section) (*views.Form, int, error) {
	form, err := c.FormParams()
	if err != nil {
		return nil, 0, bodyError(err)
	}
	edit := edits.Read(s, joined(form), func(name string) bool { _, ok := form[name]; return ok })
	m, err := h.DB.SaveAnswers(c.Request().Context(), *r, s, edit)
	if err != nil {
		return nil, 0, err
	}
	r.Answers = m.Answers
	errs := saveProblems(s, m, s.Validate(m.Answers, h.DB.Clock.Now()))
	if !errs.Any() || leaving(c) && len(m.Refused) == 0 && len(m.Conflicts) == 0 {
		// Leaving with an unfinished section is fine once all that was typed
		// is saved: the task list shows the section as not yet complete.
		return nil, 0, nil
	}
	// The page shows what the person typed, against the versions now saved:
	// saving it again is a deliberate choice over what the other person saved.
	typed := domain.Answers{}
	for k, v := range m.Answers {
		typed[k] = v
	}
	for k, v := range edit.Values {
		typed[k] = v
	}
	f := views.AnswersForm(s, m.Answers, errs)
	f.Values = views.AnswersForm(s, typed, nil).Values
	status := http.StatusUnprocessableEntity
	if len(m.Conflicts) > 0 {
		status = http.StatusConflict
		f.Conflicts = map[string]string{}
		for _, x := range m.Conflicts {
			f.Conflicts[x.Field] = x.Saved
		}
	}
	return &f, status, nil
}

// saveProblems lists, in the section's order, each field's first problem:
// a value refused at save time, then a conflict with an answer saved
// meanwhile, then what validation of the saved answers found.
func saveProblems(s domain.Section, m edits.Merged, invalid domain.FieldErrors) domain.FieldErrors {
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

// leaving tells whether the person pressed a way off the form page (back,
// or the list of sections) rather than "save and continue".
func leaving(c echo.Context) bool { return c.FormValue(views.LeaveInput) != "" }

// loadSection loads the draft and the :section of its guided form.
func (h *Handlers) loadSection(c echo.Context) (domain.Request, domain.Section, error) {
	r, err := h.loadDraft(c)
	if err != nil {
		return r, domain.Section{}, err
	}
	s, ok := domain.SectionByKey(r.Kind, c.Param("section"))
	if !ok {
		return r, s, domain.Errorf(domain.ENotFound, "error.not_found")
	}
	return r, s, nil
}
