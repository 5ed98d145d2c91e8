package handlers

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/edits"
	"github.com/ccf-portal/ccfportal/views"
)

// ShowGround asks how one chosen ground applies.
func (h *Handlers) ShowGround(c echo.Context) error {
	r, g, current, err := h.loadChosenGround(c)
	if err != nil {
		return err
	}
	return h.renderGround(c, http.StatusOK, r, g, explanationForm(current, current))
}

// explanationForm shows text in the explanation box, starting from the
// saved explanation.
func explanationForm(text, saved string) views.Form {
	return views.Form{Values: map[string]string{"explanation": text},
		Versions: map[string]string{"explanation": edits.Version(saved)}}
}

// SaveGround saves a ground's explanation; an empty one is refused.
func (h *Handlers) SaveGround(c echo.Context) error {
	r, g, _, err := h.loadChosenGround(c)
	if err != nil {
		return err
	}
	text := c.FormValue("explanation")
	base := edits.Version("")
	if _, ok := c.Request().PostForm[edits.VersionInput("explanation")]; ok {
		base = c.FormValue(edits.VersionInput("explanation"))
	}
	f := views.Form{Values: map[string]string{"explanation": text}, Versions: map[string]string{"explanation": base}}
	if strings.TrimSpace(text) == "" && leaving(c) {
		// Nothing typed to keep: back to the list of grounds.
		return redirect(c, requestPath(r)+"/grounds")
	}
	if strings.TrimSpace(text) == "" {
		f.Errors.Add("explanation", "grounds.explanation_required")
		return h.renderGround(c, http.StatusUnprocessableEntity, r, g, f)
	}
	conflict, err := h.DB.SetGroundExplanation(c.Request().Context(), r, g.Code, text, base)
	if fields, ok := fieldErrors(err); ok {
		f.Errors = fields
		f.Errors[0].Field = "explanation"
		return h.renderGround(c, http.StatusUnprocessableEntity, r, g, f)
	} else if err != nil {
		return err
	}
	if conflict != nil {
		// Nothing was written: the other person's explanation is shown
		// beside this one, which stays in the box to be saved again.
		f = explanationForm(text, conflict.Saved)
		f.Conflicts = map[string]string{"explanation": conflict.Saved}
		f.Errors.Add("explanation", "answer.conflict")
		return h.renderGround(c, http.StatusConflict, r, g, f)
	}
	if leaving(c) {
		return redirect(c, requestPath(r)+"/grounds")
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
