// Package prior holds the pages that name an earlier case decided outside
// the portal, by its CCF reference, the date of its decision and a copy of
// it: the application for revision of such a decision, the start of a
// deletion or correction request after its data were re-issued, and the
// note of that earlier case on the applicant's and the staff's case pages.
package prior

import (
	"net/url"
	"strings"

	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/prior"
	priorstore "github.com/ccf-portal/ccfportal/db/prior"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
)

// Handlers serves the pages of earlier cases.
type Handlers struct {
	*handlers.Handlers
}

// copyInput is the file input of the copy of the earlier decision.
const copyInput = "decision_copy"

func (h *Handlers) maxMB() int64 { return h.MaxUpload / 1_000_000 }

// joined reads form values with several values of one name joined by
// commas, the way answers store them.
func joined(values url.Values) func(string) string {
	return func(name string) string { return strings.Join(values[name], ",") }
}

// discard removes the staged files of a refused form.
func (h *Handlers) discard(files map[string]handlers.UploadedFile) {
	for _, f := range files {
		h.Blobs.Discard(f.Blob)
	}
}

// decisionFrom reads the earlier case from a form, with the answers it
// was bound from (for showing the form again).
func decisionFrom(fields url.Values, files map[string]handlers.UploadedFile) (rules.Decision, domain.Answers) {
	a := domain.Answers{}
	rules.Section.Bind(a, joined(fields))
	_, hasCopy := files[copyInput]
	return rules.FromAnswers(a, hasCopy), a
}

// priorFile is the store's record of one staged file, if it came.
func priorFile(files map[string]handlers.UploadedFile, input string, t domain.DocType) priorstore.File {
	f, ok := files[input]
	if !ok {
		return priorstore.File{}
	}
	return priorstore.File{Doc: domain.NewDocument{Type: t, Name: f.Filename, PageCount: f.Pages, PagesUnknown: f.PagesUnknown},
		Blob: f.Blob}
}

// form shows answers again with their problems, the declaration as ticked.
func form(s domain.Section, a domain.Answers, errs domain.FieldErrors, fields url.Values) views.Form {
	f := views.AnswersForm(s, a, errs)
	f.Values["declaration"] = fields.Get("declaration")
	return f
}
