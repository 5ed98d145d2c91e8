package receipt

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/receipt"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
)

// Files sends everything the applicant's side filed on a request as one
// zip: each document as it was uploaded, decrypted, under a safe name,
// and a manifest of names, sizes and fingerprints. The store records the
// download in the audit log before anything is sent. Every file is
// checked against its record first, so a damaged one is an error page,
// not a broken archive; then the files are streamed one after the other
// through the zip writer straight to the response, so memory stays flat
// whatever their size.
func (h *Handlers) Files(c echo.Context) error {
	id, err := requestID(c)
	if err != nil {
		return err
	}
	r, docs, err := h.DB.FiledDownload(c.Request().Context(), *handlers.CurrentUser(c), id)
	if err != nil {
		return err
	}
	for _, d := range docs {
		if err := h.Blobs.VerifyRecord(d.StorageKey, d.SHA256, d.Size); err != nil {
			return damaged(d, err)
		}
	}
	rc := rules.Receipt{Request: r, Documents: docs}
	stored := make([]string, len(docs))
	for i, d := range docs {
		stored[i] = d.Name
	}
	names := rules.ArchiveNames(stored)
	hdr := c.Response().Header()
	hdr.Set(echo.HeaderContentType, "application/zip")
	hdr.Set(echo.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": "filed-" + r.Reference + ".zip"}))
	hdr.Set(echo.HeaderXContentTypeOptions, "nosniff")
	hdr.Set("Cache-Control", "no-store")
	c.Response().WriteHeader(http.StatusOK)
	if err := h.writeZip(c.Response(), views.ReceiptManifest(c.Request().Context(), rc, names), docs, names); err != nil {
		// Headers are gone. The archive is left without its directory, so
		// it cannot be opened as if it were complete.
		slog.Error("files download interrupted", slog.Int64("request", r.ID), slog.String("error", err.Error()))
	}
	return nil
}

// writeZip writes the manifest and then each document, and closes the
// archive only when every file was copied whole and matched its record.
func (h *Handlers) writeZip(w io.Writer, manifest string, docs []domain.Document, names []string) error {
	zw := zip.NewWriter(w)
	mw, err := zw.Create(rules.ManifestName)
	if err != nil {
		return err
	}
	if _, err := io.WriteString(mw, manifest); err != nil {
		return err
	}
	for i, d := range docs {
		if err := h.copyDocument(zw, d, names[i]); err != nil {
			return err
		}
	}
	return zw.Close()
}

// copyDocument streams one document into the archive, checking its
// SHA-256 on the way.
func (h *Handlers) copyDocument(zw *zip.Writer, d domain.Document, name string) error {
	fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: d.CreatedAt})
	if err != nil {
		return err
	}
	src, err := h.Blobs.Open(d.StorageKey)
	if err != nil {
		return err
	}
	defer src.Close()
	sum := sha256.New()
	n, err := io.Copy(io.MultiWriter(fw, sum), src)
	if err != nil {
		return fmt.Errorf("document %d: %w", d.ID, err)
	}
	if n != d.Size || hex.EncodeToString(sum.Sum(nil)) != d.SHA256 {
		return fmt.Errorf("document %d changed while it was sent", d.ID)
	}
	return nil
}

// damaged is the error for a document whose stored copy fails its check.
func damaged(d domain.Document, err error) error {
	if !errors.Is(err, blob.ErrDamaged) {
		return err
	}
	e := domain.Errorf(domain.EDamaged, "document.damaged")
	e.Err = fmt.Errorf("document %d (blob %s): %w", d.ID, d.StorageKey, err)
	return e
}
