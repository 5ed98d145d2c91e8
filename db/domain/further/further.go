// Package further holds the rules of a further submission: what an
// applicant adds to a pending request after filing it.
package further

import (
	"strings"
	"unicode/utf8"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// MaxTextRunes limits a written further submission.
const MaxTextRunes = 20000

// Submission is what an applicant adds to a pending request: a
// written submission, a document, or both. The original filing is never
// changed; the addition is dated on the timeline.
type Submission struct {
	Text     string
	Document *domain.NewDocument // nil when only text is sent
}

// Validate checks a further submission before it is stored.
func Validate(f Submission, hasFile bool, chosen []domain.Ground) domain.FieldErrors {
	var errs domain.FieldErrors
	text := strings.TrimSpace(f.Text)
	if text == "" && !hasFile {
		errs.Add("text", "further.empty")
	}
	if utf8.RuneCountInString(text) > MaxTextRunes {
		errs.Add("text", "answer.too_long", MaxTextRunes)
	}
	if hasFile && f.Document != nil {
		d := *f.Document
		if d.Description == "" {
			d.Description = "-" // a further submission's text describes the file
		}
		errs = append(errs, domain.ValidateEvidence(d, chosen)...)
	}
	return errs
}
