package handlers

import (
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/views"
)

// StaffRequest loads the case named by :id for a staff action form, for
// the staff desk's handler packages beside this one.
func (h *Handlers) StaffRequest(c echo.Context) (domain.Request, error) { return h.staffRequest(c) }

// StaffView is the action view of r with its outcome so far.
func (h *Handlers) StaffView(c echo.Context, r domain.Request) (views.StaffActionView, error) {
	return h.staffView(c, r)
}

// FormErrors turns a refused staff action into problems for its form.
func FormErrors(c echo.Context, err error) (domain.FieldErrors, int, bool) { return formErrors(c, err) }

// Upload is a streamed upload form: its fields (Values for re-display)
// and the file staged encrypted under the name "file" (Blob nil if none).
type Upload struct {
	Fields   url.Values
	Values   map[string]string
	Filename string
	Blob     *blob.Staged
}

// ReadUpload parses a streamed upload, the form token first. A refused
// file comes back as its form's problem with the status to answer.
func (h *Handlers) ReadUpload(c echo.Context) (Upload, int, domain.FieldErrors, error) {
	up, err := h.readUpload(c)
	out := Upload{Fields: up.fields, Values: up.formValues(), Filename: up.filename, Blob: up.blob}
	if status, errs, ok := refusedUpload(err); ok {
		return out, status, errs, nil
	}
	return out, 0, nil, err
}

// StreamStaffFile sends a stored file to staff as an attachment named by
// prefix and id, after checking it against its recorded digest.
func (h *Handlers) StreamStaffFile(c echo.Context, id int64, key, sha256, prefix, contentType, name string, size int64) error {
	return h.streamBlob(c, blobRef{id: id, key: key, sha256: sha256, prefix: prefix, contentType: contentType, size: size},
		documentDamaged(true, name, id))
}
