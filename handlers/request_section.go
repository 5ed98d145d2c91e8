package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
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
// section is complete, or shows what still needs fixing.
func (h *Handlers) SaveSection(c echo.Context) error {
	r, s, err := h.loadSection(c)
	if err != nil {
		return err
	}
	s.Bind(r.Answers, c.FormValue)
	if err := h.DB.SaveAnswers(c.Request().Context(), r, r.Answers); err != nil {
		return err
	}
	if errs := s.Validate(r.Answers, h.DB.Clock.Now()); errs.Any() {
		return h.render(c, http.StatusUnprocessableEntity, views.SectionPage(r, s, views.AnswersForm(s, r.Answers, errs)))
	}
	return redirect(c, requestPath(r))
}

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
