package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/views"
)

// ShowRevision shows the application for revision of a decided case.
func (h *Handlers) ShowRevision(c echo.Context) error {
	r, err := h.loadDecided(c)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.RevisionPage(r, views.NewForm(), h.MaxUpload/1_000_000, h.oldDecision(r)))
}

// FileRevision files an application for revision with its summary and
// optional evidence; one filed after the six-month window is refused with
// the date it closed.
func (h *Handlers) FileRevision(c echo.Context) error {
	r, err := h.loadDecided(c)
	if err != nil {
		return err
	}
	up, err := h.readUploadFiles(c, "summary_file", "file")
	if status, errs, ok := refusedUpload(err); ok {
		return h.render(c, status, views.RevisionPage(r, views.Form{Values: up.formValues(), Errors: errs}, h.MaxUpload/1_000_000, h.oldDecision(r)))
	} else if err != nil {
		return err
	}
	a := domain.Answers{}
	domain.RevisionSection.Bind(a, joined(up.fields))
	files := revisionFiles(up)
	errs := domain.ValidateRevision(a, files.Summary, files.SummaryBlob != nil, h.DB.Clock.Now())
	if up.fields.Get("declaration") != "yes" {
		errs.Add("declaration", "check.declaration_required")
	}
	if errs.Any() {
		up.discard(h.Blobs)
		f := views.AnswersForm(domain.RevisionSection, a, errs)
		return h.render(c, http.StatusUnprocessableEntity, views.RevisionPage(r, f, h.MaxUpload/1_000_000, h.oldDecision(r)))
	}
	rev, err := h.DB.FileRevision(c.Request().Context(), r, *CurrentUser(c), a, files, h.Blobs)
	if err != nil {
		return err
	}
	return redirect(c, requestPath(rev)+"/confirmation")
}

// revisionFiles names the staged summary and evidence of the form.
func revisionFiles(up uploadForm) db.RevisionFiles {
	var files db.RevisionFiles
	if s := up.extra["summary_file"]; s != nil {
		files.Summary = domain.NewDocument{Type: domain.DocRevisionSummary, Name: s.filename, PageCount: s.pages,
			PagesUnknown: s.pagesUnknown}
		files.SummaryBlob = s.blob
	}
	if up.blob != nil {
		files.Evidence = &domain.NewDocument{Type: domain.DocOtherEvidence, Name: up.filename, PageCount: up.pages}
		files.EvidenceBlob = up.blob
	}
	return files
}

// loadDecided loads a case of the filer's that has a decision; revision of
// any other is impossible.
func (h *Handlers) loadDecided(c echo.Context) (domain.Request, error) {
	r, err := h.loadRequest(c)
	if err != nil {
		return r, err
	}
	return r, domain.CanAskRevision(r)
}

func (h *Handlers) oldDecision(r domain.Request) bool {
	return domain.DecisionOlderThanWindow(r.DecidedAt, h.DB.Clock.Now())
}
