package handlers

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/views"
)

// ShowEvidence lists a deletion or correction draft's evidence with the
// upload form.
func (h *Handlers) ShowEvidence(c echo.Context) error {
	r, err := h.loadDeletionDraft(c)
	if err != nil {
		return err
	}
	return h.renderEvidence(c, http.StatusOK, r, views.NewForm())
}

func (h *Handlers) renderEvidence(c echo.Context, status int, r domain.Request, f views.Form) error {
	v, err := h.draftView(c, r)
	if err != nil {
		return err
	}
	return h.render(c, status, views.EvidencePage(v, f, h.MaxUpload/1_000_000))
}

// UploadEvidence streams one evidence file into the encrypted store and
// records it with the grounds it supports.
func (h *Handlers) UploadEvidence(c echo.Context) error {
	r, err := h.loadDeletionDraft(c)
	if err != nil {
		return err
	}
	up, meta, grounds, handled, err := h.readEvidence(c, r, func(status int, f views.Form) error {
		return h.renderEvidence(c, status, r, f)
	})
	if handled || err != nil {
		return err
	}
	errs := domain.ValidateEvidence(meta, grounds)
	if up.blob == nil {
		errs.Add("file", "upload.no_file")
	}
	if errs.Any() {
		up.discard(h.Blobs)
		return h.renderEvidence(c, http.StatusUnprocessableEntity, r, views.Form{Values: up.formValues(), Errors: errs})
	}
	if _, err := h.DB.AddDocument(c.Request().Context(), r, *CurrentUser(c), meta, up.blob, h.Blobs); err != nil {
		return err
	}
	if err := h.Sessions.Flash(c, "docs.uploaded_flash"); err != nil {
		return err
	}
	return redirect(c, views.SectionPath(r, domain.TaskEvidence))
}

// readEvidence reads an evidence upload and the request's chosen grounds.
// A refused file is shown at once by page, with what was typed, and
// handled is true; the caller then has nothing left to do.
func (h *Handlers) readEvidence(c echo.Context, r domain.Request, page func(int, views.Form) error) (
	up uploadForm, meta domain.NewDocument, grounds []domain.Ground, handled bool, err error) {
	up, err = h.readUpload(c)
	if status, errs, ok := refusedUpload(err); ok {
		return up, meta, nil, true, page(status, views.Form{Values: up.formValues(), Errors: errs})
	} else if err != nil {
		return up, meta, nil, false, err
	}
	if grounds, err = h.DB.RequestGrounds(c.Request().Context(), r.ID); err != nil {
		up.discard(h.Blobs)
		return up, meta, nil, false, err
	}
	return up, evidenceMeta(up), grounds, false, nil
}

// evidenceMeta reads an evidence upload's fields.
func evidenceMeta(up uploadForm) domain.NewDocument {
	var grounds []domain.GroundCode
	for _, g := range up.fields["grounds"] {
		grounds = append(grounds, domain.GroundCode(g))
	}
	translationOf, _ := strconv.ParseInt(up.fields.Get("translation_of"), 10, 64)
	return domain.NewDocument{Type: domain.DocType(up.fields.Get("doc_type")), Name: up.filename,
		Confidential: up.fields.Get("confidential") == "yes", Description: up.fields.Get("description"),
		Grounds: grounds, Language: up.fields.Get("doc_language"), TranslationOf: translationOf, PageCount: up.pages,
		PagesUnknown: up.pagesUnknown}
}
