package handlers

import (
	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// RemoveDocument deletes an upload from a draft, row and file.
func (h *Handlers) RemoveDocument(c echo.Context) error {
	r, err := h.loadDraft(c)
	if err != nil {
		return err
	}
	docID, err := paramID(c, "doc")
	if err != nil {
		return err
	}
	if err := h.DB.RemoveDocument(c.Request().Context(), r, docID, h.Blobs); err != nil {
		return err
	}
	if err := h.Sessions.Flash(c, "docs.removed_flash"); err != nil {
		return err
	}
	if c.FormValue("back") == domain.TaskEvidence {
		return redirect(c, requestPath(r)+"/"+domain.TaskEvidence)
	}
	return redirect(c, requestPath(r)+"/documents")
}
