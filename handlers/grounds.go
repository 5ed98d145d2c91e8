package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/edits"
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

// SaveGrounds saves the changes made to the checklist, then asks for the
// explanation of the first ground still unexplained. A ground unticked
// here that someone else explained or gave evidence since the page was
// shown is kept, and the checklist answers 409 saying so.
func (h *Handlers) SaveGrounds(c echo.Context) error {
	r, err := h.loadDeletionDraft(c)
	if err != nil {
		return err
	}
	form, err := c.FormParams()
	if err != nil {
		return err
	}
	e := edits.GroundsEdit{Shown: map[domain.GroundCode]string{}}
	for _, v := range form["grounds"] {
		e.Ticked = append(e.Ticked, domain.GroundCode(v))
	}
	for _, g := range domain.Grounds {
		if vs, ok := form[edits.GroundVersionInput(g.Code)]; ok && len(vs) > 0 {
			e.Shown[g.Code] = vs[0]
		}
	}
	f := views.NewForm()
	status := http.StatusUnprocessableEntity
	if len(e.Ticked) == 0 {
		f.Errors.Add("grounds", "grounds.none_chosen")
	} else {
		kept, err := h.DB.SetGrounds(c.Request().Context(), r, e)
		if err != nil {
			return err
		}
		for _, code := range kept {
			f.Errors.Add("grounds", "grounds.conflict_kept", "ground."+string(code)+".title")
			status = http.StatusConflict
		}
	}
	if !f.Errors.Any() {
		return h.nextGround(c, r)
	}
	// The page shows the grounds as they are now saved, with their new
	// versions: unticking a kept ground again removes it.
	v, err := h.draftView(c, r)
	if err != nil {
		return err
	}
	return h.render(c, status, views.GroundsPage(v, f))
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
