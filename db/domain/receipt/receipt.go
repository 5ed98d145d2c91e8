// Package receipt holds the rules of what a filer keeps of a submitted
// request: which sections and documents its receipt lists, and the names
// its documents take in the "everything I filed" archive. Pure Go, on top
// of db/domain.
package receipt

import (
	"time"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// AuditFilesDownload is the audit action of an applicant's or counsel's
// download of everything filed on a request: like a staff download, who
// took the files away, and when, is on record.
const AuditFilesDownload domain.AuditAction = "files_download"

// Receipt is what a receipt shows: the request, the sections filed (task
// keys, in the task list's order) and the documents filed by the
// applicant's side, in upload order.
type Receipt struct {
	Request   domain.Request
	Sections  []string
	Documents []domain.Document
}

// New builds the receipt of a submitted filing; a draft, filed with nobody
// yet, has none and is not found. A section is listed when
// something was filed in it; a section left empty (an optional one) is
// not, so the receipt claims nothing that was not sent.
func New(f domain.Filing, now time.Time) (Receipt, error) {
	if f.Request.IsDraft() || f.Request.SubmittedAt.IsZero() {
		return Receipt{}, domain.Errorf(domain.ENotFound, "error.not_found")
	}
	rc := Receipt{Request: f.Request, Documents: Filed(f.Documents)}
	for _, t := range domain.Tasks(f, now) {
		if t.State != domain.SectionNotStarted {
			rc.Sections = append(rc.Sections, t.Key)
		}
	}
	return rc, nil
}

// Filed keeps the documents sent by the applicant's side: everything but
// what the CCF itself attached (its decision), which the filer did not
// file and the case page offers on its own.
func Filed(docs []domain.Document) []domain.Document {
	out := []domain.Document{}
	for _, d := range docs {
		if d.Type != domain.DocDecision {
			out = append(out, d)
		}
	}
	return out
}
