package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/views"
)

// ShowGrounds shows the checklist of grounds.
func (h *Handlers) ShowGrounds(c echo.Context) error {
	r, err := h.loadDeletionDraft(c)
	if err != nil {
		return err
	}
	v, err := h.draftView(c, r)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.GroundsPage(v, views.NewForm()))
}

// SaveGrounds saves the chosen grounds, then asks for the explanation of
// the first one still unexplained.
func (h *Handlers) SaveGrounds(c echo.Context) error {
	r, err := h.loadDeletionDraft(c)
	if err != nil {
		return err
	}
	form, err := c.FormParams()
	if err != nil {
		return err
	}
	var codes []domain.GroundCode
	for _, v := range form["grounds"] {
		codes = append(codes, domain.GroundCode(v))
	}
	if len(codes) == 0 {
		v, err := h.draftView(c, r)
		if err != nil {
			return err
		}
		f := views.NewForm()
		f.Errors.Add("grounds", "grounds.none_chosen")
		return h.render(c, http.StatusUnprocessableEntity, views.GroundsPage(v, f))
	}
	if err := h.DB.SetGrounds(c.Request().Context(), r, codes); err != nil {
		return err
	}
	return h.nextGround(c, r)
}

// nextGround goes to the first chosen ground without an explanation, or
// back to the task list when all are explained.
func (h *Handlers) nextGround(c echo.Context, r domain.Request) error {
	grounds, err := h.DB.RequestGrounds(c.Request().Context(), r.ID)
	if err != nil {
		return err
	}
	for _, g := range grounds {
		if g.Explanation == "" {
			return redirect(c, views.GroundPath(r, g.Code))
		}
	}
	return redirect(c, requestPath(r))
}
