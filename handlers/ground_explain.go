package handlers

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/views"
)

// ShowGround asks how one chosen ground applies.
func (h *Handlers) ShowGround(c echo.Context) error {
	r, g, current, err := h.loadChosenGround(c)
	if err != nil {
		return err
	}
	f := views.Form{Values: map[string]string{"explanation": current}}
	return h.renderGround(c, http.StatusOK, r, g, f)
}

// SaveGround saves a ground's explanation; an empty one is refused.
func (h *Handlers) SaveGround(c echo.Context) error {
	r, g, _, err := h.loadChosenGround(c)
	if err != nil {
		return err
	}
	text := c.FormValue("explanation")
	f := views.Form{Values: map[string]string{"explanation": text}}
	if strings.TrimSpace(text) == "" {
		f.Errors.Add("explanation", "grounds.explanation_required")
		return h.renderGround(c, http.StatusUnprocessableEntity, r, g, f)
	}
	err = h.DB.SetGroundExplanation(c.Request().Context(), r, g.Code, text)
	if fields, ok := fieldErrors(err); ok {
		f.Errors = fields
		f.Errors[0].Field = "explanation"
		return h.renderGround(c, http.StatusUnprocessableEntity, r, g, f)
	} else if err != nil {
		return err
	}
	return h.nextGround(c, r)
}

func (h *Handlers) renderGround(c echo.Context, status int, r domain.Request, g domain.GroundInfo, f views.Form) error {
	v, err := h.draftView(c, r)
	if err != nil {
		return err
	}
	return h.render(c, status, views.GroundPage(v, g, f))
}

// loadChosenGround finds the :ground of the draft; a ground not chosen is
// not found.
func (h *Handlers) loadChosenGround(c echo.Context) (domain.Request, domain.GroundInfo, string, error) {
	r, err := h.loadDeletionDraft(c)
	if err != nil {
		return r, domain.GroundInfo{}, "", err
	}
	grounds, err := h.DB.RequestGrounds(c.Request().Context(), r.ID)
	if err != nil {
		return r, domain.GroundInfo{}, "", err
	}
	for _, g := range grounds {
		if string(g.Code) == c.Param("ground") {
			info, _ := domain.GroundByCode(g.Code)
			return r, info, g.Explanation, nil
		}
	}
	return r, domain.GroundInfo{}, "", domain.Errorf(domain.ENotFound, "error.not_found")
}
