package handlers

import (
	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/domain"
)

// UploadedFile is one staged file of a streamed form with several inputs.
type UploadedFile struct {
	Filename     string
	Blob         *blob.Staged
	Pages        int
	PagesUnknown bool
}

// ReadUploads is ReadUpload for a form whose file inputs have the given
// names (each at most one file); Files holds, by input name, those that
// came. A refused file comes back as the form's problem, its other staged
// files already removed.
func (h *Handlers) ReadUploads(c echo.Context, inputs ...string) (Upload, map[string]UploadedFile, int, domain.FieldErrors, error) {
	up, err := h.readUploadFiles(c, inputs...)
	out := Upload{Fields: up.fields, Values: up.formValues(), Filename: up.filename, Blob: up.blob}
	files := map[string]UploadedFile{}
	if up.blob != nil {
		files["file"] = UploadedFile{Filename: up.filename, Blob: up.blob, Pages: up.pages, PagesUnknown: up.pagesUnknown}
	}
	for name, f := range up.extra {
		files[name] = UploadedFile{Filename: f.filename, Blob: f.blob, Pages: f.pages, PagesUnknown: f.pagesUnknown}
	}
	if status, errs, ok := refusedUpload(err); ok {
		return out, files, status, errs, nil
	}
	return out, files, 0, nil, err
}
