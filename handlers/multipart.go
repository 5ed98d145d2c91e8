package handlers

import (
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/domain"
)

// maxFieldBytes caps each ordinary field of an upload form; maxFields caps
// how many there are, so a hostile form cannot grow memory field by field.
const (
	maxFieldBytes = 8 << 10
	maxFields     = 64
)

// uploadForm is an upload form read by the streaming parser: its small
// fields, and the file staged encrypted in the blob store (nil if none).
// blob, filename and pages describe the part named "file"; forms with more
// than one file input find the others in extra, by input name.
type uploadForm struct {
	fields   url.Values
	filename string
	blob     *blob.Staged
	pages    int // PDF pages counted from the page tree; 0 if not a PDF or unknown
	// pagesUnknown is set for a PDF whose pages could not be counted.
	pagesUnknown bool
	extra        map[string]*uploadedFile
}

// uploadedFile is one staged file of a form with several file inputs.
type uploadedFile struct {
	filename     string
	blob         *blob.Staged
	pages        int
	pagesUnknown bool
}

// formValues are the fields as a form for re-display, multiple values of
// one name joined by commas.
func (f uploadForm) formValues() map[string]string {
	out := map[string]string{}
	for k, vs := range f.fields {
		out[k] = strings.Join(vs, ",")
	}
	return out
}

// readUpload parses a multipart upload as a stream. The CSRF token must be
// the first part and is checked before anything else is read; the one file
// part goes straight into the encrypted blob store under the size limit.
// Nothing is buffered whole and no plaintext touches the disk.
func (h *Handlers) readUpload(c echo.Context) (uploadForm, error) {
	return h.readUploadFiles(c, "file")
}

// readUploadFiles is readUpload for a form whose file inputs have the given
// names; each may hold one file, and the body limit grows with their number.
func (h *Handlers) readUploadFiles(c echo.Context, fileInputs ...string) (uploadForm, error) {
	r := c.Request()
	r.Body = http.MaxBytesReader(c.Response(), r.Body, int64(len(fileInputs))*h.MaxUpload+1<<20)
	mr, err := r.MultipartReader()
	if err != nil {
		return uploadForm{}, domain.Errorf(domain.EInvalid, "error.bad_request")
	}
	if err := h.checkFirstPartCSRF(c, mr); err != nil {
		return uploadForm{}, err
	}
	form := uploadForm{fields: url.Values{}, extra: map[string]*uploadedFile{}}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return form, nil
		}
		if err != nil {
			form.discard(h.Blobs)
			return form, bodyError(err)
		}
		if err := h.readPart(part, &form, fileInputs); err != nil {
			// The fields read so far come back with the error, so the
			// page can show again what was typed before the refused file.
			form.discard(h.Blobs)
			return form, err
		}
	}
}

func (h *Handlers) checkFirstPartCSRF(c echo.Context, mr *multipart.Reader) error {
	part, err := mr.NextPart()
	if err != nil || part.FormName() != "_csrf" {
		return domain.Errorf(domain.EForbidden, "csrf.invalid")
	}
	token, err := io.ReadAll(io.LimitReader(part, 256))
	if err != nil || !h.Sessions.CheckCSRF(c, string(token)) {
		return domain.Errorf(domain.EForbidden, "csrf.invalid")
	}
	return nil
}

func (h *Handlers) readPart(part *multipart.Part, form *uploadForm, fileInputs []string) error {
	defer part.Close()
	if part.FileName() != "" && contains(fileInputs, part.FormName()) {
		return h.stagePart(part, form)
	}
	value, err := io.ReadAll(io.LimitReader(part, maxFieldBytes+1))
	if err != nil {
		return bodyError(err)
	}
	if len(value) > maxFieldBytes {
		return domain.Errorf(domain.ETooLarge, "error.form_too_large")
	}
	if len(form.fields) >= maxFields {
		return domain.Errorf(domain.EInvalid, "error.bad_request")
	}
	form.fields.Add(part.FormName(), string(value))
	return nil
}

// stagePart streams one file part into the blob store, which checks the
// content (type, macros, zip bombs, image size) and counts a PDF's pages.
func (h *Handlers) stagePart(part *multipart.Part, form *uploadForm) error {
	name := part.FormName()
	if (name == "file" && form.blob != nil) || form.extra[name] != nil {
		return domain.Errorf(domain.EInvalid, "upload.one_file")
	}
	blob, err := h.Blobs.Stage(part, part.FileName(), h.MaxUpload)
	if err != nil {
		return err
	}
	f := &uploadedFile{filename: part.FileName(), blob: blob, pages: blob.Inspection.Pages,
		pagesUnknown: blob.Inspection.PagesUnknown}
	if name == "file" {
		form.blob, form.filename, form.pages, form.pagesUnknown = f.blob, f.filename, f.pages, f.pagesUnknown
	} else {
		form.extra[name] = f
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// discard removes a staged file when the form is abandoned.
func (f *uploadForm) discard(blobs *blob.Store) {
	if f.blob != nil {
		blobs.Discard(f.blob)
		f.blob = nil
	}
	for name, x := range f.extra {
		blobs.Discard(x.blob)
		delete(f.extra, name)
	}
}

// bodyError keeps the size-limit error recognisable and makes any other
// broken body a bad request.
func bodyError(err error) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return &domain.Error{Code: domain.ETooLarge, Message: "error.form_too_large", Err: err}
	}
	return &domain.Error{Code: domain.EInvalid, Message: "error.bad_request", Err: err}
}
