package handlers

import "github.com/labstack/echo/v4"

// StaffDownload streams a document of a case to staff. The download is
// recorded in the audit log before a byte is sent.
func (h *Handlers) StaffDownload(c echo.Context) error {
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	docID, err := paramID(c, "doc")
	if err != nil {
		return err
	}
	d, err := h.DB.StaffDocument(c.Request().Context(), *CurrentUser(c), id, docID)
	if err != nil {
		return err
	}
	return h.streamBlob(c, blobRef{id: d.ID, key: d.StorageKey, sha256: d.SHA256, prefix: "document",
		contentType: d.ContentType, size: d.Size}, documentDamaged(true, d.Name, d.ID))
}
