package handlers

import (
	"net/http"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/views"
	"github.com/labstack/echo/v4"
)

// ShowDocuments lists a draft's documents with the upload form.
func (h *Handlers) ShowDocuments(c echo.Context) error {
	r, err := h.loadDraft(c)
	if err != nil {
		return err
	}
	return h.renderDocuments(c, http.StatusOK, r, views.NewForm())
}

func (h *Handlers) renderDocuments(c echo.Context, status int, r db.Request, f views.Form) error {
	docs, err := h.DB.Documents(c.Request().Context(), r.ID)
	if err != nil {
		return err
	}
	v := views.NewDraftView(r, docs, h.DB.Clock.Now())
	return h.render(c, status, views.DocumentsPage(v, f, h.MaxUpload/1_000_000))
}

// UploadDocument streams one file into the encrypted store and records it.
// A refused file (too large, wrong type, empty) is shown as a form error on
// the same page and leaves nothing behind.
func (h *Handlers) UploadDocument(c echo.Context) error {
	r, err := h.loadDraft(c)
	if err != nil {
		return err
	}
	up, err := h.readUpload(c)
	if code := db.ErrorCode(err); code == db.EInvalid || code == db.ETooLarge {
		return h.renderUploadError(c, r, up, "file", err)
	} else if err != nil {
		return err
	}
	meta := db.NewDocument{Type: db.DocType(up.fields["doc_type"]), Name: up.filename,
		Confidential: up.fields["confidential"] == "yes", Description: up.fields["description"]}
	errs := db.ValidateNewDocument(meta, db.FilingDocTypes)
	if up.blob == nil {
		errs.Add("file", "upload.no_file")
	}
	if errs.Any() {
		up.discard(h.Blobs)
		f := views.Form{Values: up.fields, Errors: errs}
		return h.renderDocuments(c, http.StatusUnprocessableEntity, r, f)
	}
	if _, err := h.DB.AddDocument(c.Request().Context(), r, *CurrentUser(c), meta, up.blob, h.Blobs); err != nil {
		return err
	}
	if err := h.Sessions.Flash(c, "docs.uploaded_flash"); err != nil {
		return err
	}
	return redirect(c, requestPath(r)+"/documents")
}

// renderUploadError shows a refused file as an error beside the file input,
// with the status that says why (413 for a file over the limit).
func (h *Handlers) renderUploadError(c echo.Context, r db.Request, up uploadForm, field string, err error) error {
	status := http.StatusUnprocessableEntity
	if db.ErrorCode(err) == db.ETooLarge {
		status = http.StatusRequestEntityTooLarge
	}
	var e *db.Error
	errs := db.FieldErrors{}
	if asAppError(err, &e) {
		errs.Add(field, e.Message, e.Args...)
	}
	values := up.fields
	if values == nil {
		values = map[string]string{}
	}
	return h.renderDocuments(c, status, r, views.Form{Values: values, Errors: errs})
}
