package prior

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/prior"
	priorstore "github.com/ccf-portal/ccfportal/db/prior"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
)

// revisionForm is every field of the page, in the order it asks them.
var revisionForm = domain.Section{Key: "prior_revision", Fields: append(append(append([]domain.FieldSpec{},
	rules.PersonSection.Fields...), rules.Section.Fields...), domain.RevisionSection.Fields...)}

// FileRevision files the application for revision of an earlier case with
// its summary, the copy of the decision (or the note why there is none)
// and any evidence. A refused form comes back with everything typed; a
// late application is filed once it says why.
func (h *Handlers) FileRevision(c echo.Context) error {
	up, files, status, errs, err := h.ReadUploads(c, "summary_file", copyInput, "file")
	if err != nil {
		return err
	} else if errs.Any() {
		return h.Render(c, status, views.PriorRevisionPage(views.Form{Values: up.Values, Errors: errs}, h.maxMB()))
	}
	rev, a := revisionFrom(up, files)
	typed := rev
	errs = rules.ValidateRevision(&typed, h.DB.Clock.Now())
	if up.Fields.Get("declaration") != "yes" {
		errs.Add("declaration", "check.declaration_required")
	}
	if errs.Any() {
		h.discard(files)
		return h.Render(c, http.StatusUnprocessableEntity, views.PriorRevisionPage(form(revisionForm, a, errs, up.Fields), h.maxMB()))
	}
	r, err := h.DB.FilePriorRevision(c.Request().Context(), *handlers.CurrentUser(c), rev, []priorstore.File{
		priorFile(files, "summary_file", domain.DocRevisionSummary),
		priorFile(files, copyInput, domain.DocPriorDecision),
		priorFile(files, "file", domain.DocOtherEvidence)}, h.Blobs)
	if err != nil {
		return err
	}
	return handlers.Redirect(c, views.RequestPath(r)+"/confirmation")
}

// revisionFrom reads the application from the form, and all its answers
// for showing it again.
func revisionFrom(up handlers.Upload, files map[string]handlers.UploadedFile) (rules.Revision, domain.Answers) {
	d, a := decisionFrom(up.Fields, files)
	rev := rules.Revision{Person: domain.Answers{}, Decision: d, Answers: domain.Answers{}}
	rules.PersonSection.Bind(rev.Person, joined(up.Fields))
	domain.RevisionSection.Bind(rev.Answers, joined(up.Fields))
	if s, ok := files["summary_file"]; ok {
		rev.Summary = domain.NewDocument{Type: domain.DocRevisionSummary, Name: s.Filename, PageCount: s.Pages,
			PagesUnknown: s.PagesUnknown}
		rev.HasSummary = true
	}
	for _, part := range []domain.Answers{rev.Person, rev.Answers} {
		for k, v := range part {
			a[k] = v
		}
	}
	return rev, a
}
