package handlers

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/views"
)

// ShowDocuments lists a draft's documents with the upload form.
func (h *Handlers) ShowDocuments(c echo.Context) error {
	r, err := h.loadDraft(c)
	if err != nil {
		return err
	}
	return h.renderDocuments(c, http.StatusOK, r, views.NewForm())
}

func (h *Handlers) renderDocuments(c echo.Context, status int, r domain.Request, f views.Form) error {
	v, err := h.draftView(c, r)
	if err != nil {
		return err
	}
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
	if status, errs, ok := refusedUpload(err); ok {
		return h.renderDocuments(c, status, r, views.Form{Values: up.formValues(), Errors: errs})
	} else if err != nil {
		return err
	}
	meta := domain.NewDocument{Type: domain.DocType(up.fields.Get("doc_type")), Name: up.filename,
		Confidential: up.fields.Get("confidential") == "yes", Description: up.fields.Get("description")}
	errs := domain.ValidateNewDocument(meta, domain.FilingDocTypes)
	if up.blob == nil {
		errs.Add("file", "upload.no_file")
	}
	if errs.Any() {
		up.discard(h.Blobs)
		f := views.Form{Values: up.formValues(), Errors: errs}
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

// refusedUpload turns a refused file (too large, wrong type, empty) into a
// form error beside the file input, with the status that says why: 413 for
// a file over the limit. ok is false for any other error, a broken body
// included: that is answered 400 as a whole.
func refusedUpload(err error) (status int, errs domain.FieldErrors, ok bool) {
	var e *domain.Error
	var timeout interface{ Timeout() bool }
	if errors.As(err, &timeout) && timeout.Timeout() {
		// The body stopped arriving: not the file's fault, and the page
		// could not reach the sender anyway.
		return 0, nil, false
	}
	if !asAppError(err, &e) || (e.Code != domain.EInvalid && e.Code != domain.ETooLarge) || errors.Is(err, errBrokenBody) {
		return 0, nil, false
	}
	errs.Add("file", e.Message, e.Args...)
	if e.Code == domain.ETooLarge {
		return http.StatusRequestEntityTooLarge, errs, true
	}
	return http.StatusUnprocessableEntity, errs, true
}
