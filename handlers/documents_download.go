package handlers

import "github.com/labstack/echo/v4"

// DownloadDocument streams a document, decrypted, to someone who may see
// its request.
func (h *Handlers) DownloadDocument(c echo.Context) error {
	r, err := h.loadRequest(c)
	if err != nil {
		return err
	}
	docID, err := paramID(c, "doc")
	if err != nil {
		return err
	}
	d, err := h.DB.Document(c.Request().Context(), r.ID, docID)
	if err != nil {
		return err
	}
	return h.streamBlob(c, blobRef{id: d.ID, key: d.StorageKey, sha256: d.SHA256, prefix: "document",
		contentType: d.ContentType, size: d.Size}, documentDamaged(false, d.Name, d.ID))
}
