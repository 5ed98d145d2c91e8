package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/views"
)

// ShowDataItems lists the data a deletion or correction request challenges.
func (h *Handlers) ShowDataItems(c echo.Context) error {
	r, err := h.loadDeletionDraft(c)
	if err != nil {
		return err
	}
	return h.renderDataItems(c, http.StatusOK, r, views.NewForm())
}

func (h *Handlers) renderDataItems(c echo.Context, status int, r domain.Request, f views.Form) error {
	v, err := h.draftView(c, r)
	if err != nil {
		return err
	}
	return h.render(c, status, views.DataItemsPage(v, f))
}

// AddDataItem adds one challenged data item, or shows what to fix.
func (h *Handlers) AddDataItem(c echo.Context) error {
	r, err := h.loadDeletionDraft(c)
	if err != nil {
		return err
	}
	s := domain.DataItemSection(r.Kind)
	a := domain.Answers{}
	s.Bind(a, c.FormValue)
	err = h.DB.AddDataItem(c.Request().Context(), r, a, h.DB.Clock.Now())
	if fields, ok := fieldErrors(err); ok {
		return h.renderDataItems(c, http.StatusUnprocessableEntity, r, views.AnswersForm(s, a, fields))
	} else if err != nil {
		return err
	}
	return redirect(c, views.SectionPath(r, domain.TaskDataItems))
}

// RemoveDataItem removes a challenged data item from a draft.
func (h *Handlers) RemoveDataItem(c echo.Context) error {
	r, err := h.loadDeletionDraft(c)
	if err != nil {
		return err
	}
	id, err := paramID(c, "item")
	if err != nil {
		return err
	}
	if err := h.DB.RemoveDataItem(c.Request().Context(), r, id); err != nil {
		return err
	}
	return redirect(c, views.SectionPath(r, domain.TaskDataItems))
}

// loadDeletionDraft is loadDraft for the pages only deletion and
// correction requests have.
func (h *Handlers) loadDeletionDraft(c echo.Context) (domain.Request, error) {
	r, err := h.loadDraft(c)
	if err == nil && !r.IsDeletion() {
		return r, domain.Errorf(domain.ENotFound, "error.not_found")
	}
	return r, err
}
