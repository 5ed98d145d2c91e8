package handlers

import (
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strconv"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/labstack/echo/v4"
)

// DownloadDocument streams a document, decrypted, to someone who may see
// its request. It is always an attachment with the sniffed type, so a
// browser never renders an upload as a page of this site.
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
	file, err := h.Blobs.Open(d.StorageKey)
	if err != nil {
		return db.Internal(err)
	}
	defer file.Close()
	hdr := c.Response().Header()
	hdr.Set("Content-Type", d.ContentType)
	hdr.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": downloadName(d)}))
	hdr.Set("Content-Length", strconv.FormatInt(d.Size, 10))
	hdr.Set("Cache-Control", "no-store")
	c.Response().WriteHeader(http.StatusOK)
	if _, err := io.Copy(c.Response(), file); err != nil {
		// Headers are gone; the truncated download is all the client sees.
		slog.Error("document download interrupted", slog.Int64("document", d.ID), slog.String("error", err.Error()))
	}
	return nil
}

// downloadName keeps the uploaded name, which is already sanitised for
// display; mime.FormatMediaType encodes anything beyond ASCII.
func downloadName(d db.Document) string {
	if d.Name != "" {
		return d.Name
	}
	if ft, ok := db.FileTypeByMIME(d.ContentType); ok {
		return "document" + ft.Ext
	}
	return "document"
}
