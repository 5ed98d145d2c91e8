package domain

import (
	"strings"
	"unicode/utf8"
)

// MaxFurtherTextRunes limits a written further submission.
const MaxFurtherTextRunes = 20000

// FurtherSubmission is what an applicant adds to a pending request: a
// written submission, a document, or both. The original filing is never
// changed; the addition is dated on the timeline.
type FurtherSubmission struct {
	Text     string
	Document *NewDocument // nil when only text is sent
}

// ValidateFurther checks a further submission before it is stored.
func ValidateFurther(f FurtherSubmission, hasFile bool, chosen []Ground) FieldErrors {
	var errs FieldErrors
	text := strings.TrimSpace(f.Text)
	if text == "" && !hasFile {
		errs.Add("text", "further.empty")
	}
	if utf8.RuneCountInString(text) > MaxFurtherTextRunes {
		errs.Add("text", "answer.too_long", MaxFurtherTextRunes)
	}
	if hasFile && f.Document != nil {
		d := *f.Document
		if d.Description == "" {
			d.Description = "-" // a further submission's text describes the file
		}
		errs = append(errs, ValidateEvidence(d, chosen)...)
	}
	return errs
}
