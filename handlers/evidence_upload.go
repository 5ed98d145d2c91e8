package handlers

import (
	"net/http"
	"strconv"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/views"
	"github.com/labstack/echo/v4"
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

func (h *Handlers) renderEvidence(c echo.Context, status int, r db.Request, f views.Form) error {
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
	up, err := h.readUpload(c)
	if status, errs, ok := refusedUpload(err); ok {
		return h.renderEvidence(c, status, r, views.Form{Values: up.formValues(), Errors: errs})
	} else if err != nil {
		return err
	}
	grounds, err := h.DB.RequestGrounds(c.Request().Context(), r.ID)
	if err != nil {
		up.discard(h.Blobs)
		return err
	}
	meta := evidenceMeta(up)
	errs := db.ValidateEvidence(meta, grounds)
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
	return redirect(c, views.SectionPath(r, db.TaskEvidence))
}

// evidenceMeta reads an evidence upload's fields.
func evidenceMeta(up uploadForm) db.NewDocument {
	var grounds []db.GroundCode
	for _, g := range up.fields["grounds"] {
		grounds = append(grounds, db.GroundCode(g))
	}
	translationOf, _ := strconv.ParseInt(up.fields.Get("translation_of"), 10, 64)
	return db.NewDocument{Type: db.DocType(up.fields.Get("doc_type")), Name: up.filename,
		Confidential: up.fields.Get("confidential") == "yes", Description: up.fields.Get("description"),
		Grounds: grounds, Language: up.fields.Get("doc_language"), TranslationOf: translationOf, PageCount: up.pages}
}
