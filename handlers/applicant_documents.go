package handlers

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/filetype"
	"github.com/ccf-portal/ccfportal/views"
)

// UploadApplicantDocument keeps an identity document or a power of
// attorney (with the date it was signed) on an applicant record.
func (h *Handlers) UploadApplicantDocument(c echo.Context) error {
	a, err := h.loadApplicant(c)
	if err != nil {
		return err
	}
	up, err := h.readUpload(c)
	if status, errs, ok := refusedUpload(err); ok {
		return h.renderApplicant(c, status, a, views.Form{Values: up.formValues(), Errors: errs})
	} else if err != nil {
		return err
	}
	t := domain.DocType(up.fields.Get("doc_type"))
	signed := domain.ParseDateParts(up.fields.Get("signed_on-day"), up.fields.Get("signed_on-month"), up.fields.Get("signed_on-year"))
	errs := domain.ValidateRecordDocument(t, signed, h.DB.Clock.Now())
	if up.blob == nil {
		errs.Add("file", "upload.no_file")
	}
	if errs.Any() {
		up.discard(h.Blobs)
		return h.renderApplicant(c, http.StatusUnprocessableEntity, a, views.Form{Values: up.formValues(), Errors: errs})
	}
	if err := h.DB.AddApplicantDocument(c.Request().Context(), a, *CurrentUser(c), t, up.filename, signed, up.blob, h.Blobs); err != nil {
		return err
	}
	if err := h.Sessions.Flash(c, "docs.uploaded_flash"); err != nil {
		return err
	}
	return redirect(c, views.ApplicantPath(a))
}

// DownloadApplicantDocument streams a record's document to someone who
// may see the record.
func (h *Handlers) DownloadApplicantDocument(c echo.Context) error {
	a, err := h.loadApplicant(c)
	if err != nil {
		return err
	}
	docID, err := paramID(c, "doc")
	if err != nil {
		return err
	}
	d, err := h.DB.ApplicantDocumentByID(c.Request().Context(), a.ID, docID)
	if err != nil {
		return err
	}
	return h.streamBlob(c, blobRef{id: d.ID, key: d.StorageKey, sha256: d.SHA256, prefix: "record-document",
		contentType: d.ContentType, size: d.Size}, documentDamaged(false, d.Name, d.ID))
}

// streamBlob sends a stored file, decrypted, as an attachment with its
// sniffed type, so a browser never renders an upload as a page of this site.
// The whole file is authenticated against its record before the first byte
// of the answer: a damaged one is answered with damaged, never with a
// partial file. The filename is made here from the document's id and the
// detected type: the uploader's own name (which could end in .html or
// .exe) is shown only as text on the pages.
func (h *Handlers) streamBlob(c echo.Context, ref blobRef, damaged *domain.Error) error {
	file, err := h.Blobs.OpenVerified(ref.key, ref.sha256, ref.size)
	if errors.Is(err, blob.ErrDamaged) {
		damaged.Err = fmt.Errorf("document %d (blob %s): %w", ref.id, ref.key, err)
		return damaged
	} else if err != nil {
		return err
	}
	defer file.Close()
	name, contentType := downloadName(ref.prefix, ref.id, ref.contentType), ref.contentType
	hdr := c.Response().Header()
	hdr.Set("Content-Type", contentType)
	hdr.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	hdr.Set("Content-Length", strconv.FormatInt(ref.size, 10))
	hdr.Set("Cache-Control", "no-store")
	c.Response().WriteHeader(http.StatusOK)
	if _, err := io.Copy(c.Response(), file); err != nil {
		// Headers are gone; the truncated download is all the client sees.
		slog.Error("download interrupted", slog.String("error", err.Error()))
	}
	return nil
}

// downloadName is the server's filename for a download: a fixed prefix,
// the document's number and the extension of the type found in its
// content, e.g. "document-42.pdf". Nothing of it comes from the uploader.
func downloadName(prefix string, docID int64, contentType string) string {
	name := prefix + "-" + strconv.FormatInt(docID, 10)
	if ft, ok := filetype.ByMIME(contentType); ok {
		return name + ft.Ext
	}
	return name + ".bin"
}

// blobRef is what serving a stored file needs from its record.
type blobRef struct {
	id                  int64
	key, sha256         string
	prefix, contentType string
	size                int64
}

// documentDamaged is the error for a damaged document: staff are told which
// document it is, so they can ask for it again; others get a safe message.
func documentDamaged(staff bool, name string, id int64) *domain.Error {
	if staff {
		return domain.Errorf(domain.EDamaged, "document.damaged_staff", name, id)
	}
	return domain.Errorf(domain.EDamaged, "document.damaged")
}
