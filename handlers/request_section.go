package handlers

import (
	"net/http"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/views"
	"github.com/labstack/echo/v4"
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
func (h *Handlers) loadSection(c echo.Context) (db.Request, db.Section, error) {
	r, err := h.loadDraft(c)
	if err != nil {
		return r, db.Section{}, err
	}
	s, ok := db.SectionByKey(r.Kind, c.Param("section"))
	if !ok {
		return r, s, db.Errorf(db.ENotFound, "error.not_found")
	}
	return r, s, nil
}
