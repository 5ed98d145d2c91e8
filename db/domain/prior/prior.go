// Package prior holds the rules of cases decided before the portal, or
// otherwise outside it, by e-mail or post: the CCF reference that names
// such a case in its usual written forms, the date of its decision and the
// copy of it (or a note saying why there is none). A revision of such a
// decision, and a deletion request filed after its data were re-issued,
// name the earlier case this way instead of picking it from the portal.
package prior

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// FirstDecisionYear is the earliest year a decision may be dated: the
// Commission as the portal knows it decides since 2004, and a reference
// carries the year its case was registered.
const FirstDecisionYear = 2004

// MaxNoteRunes bounds the note that explains a missing copy.
const MaxNoteRunes = 2000

// Example is the reference shown in hints and messages.
const Example = "CCF/2019/1234"

// referencePattern reads the forms the CCF's letters use: "CCF/2019/1234",
// "CCF-2019-001234", "ccf 2019 1234", with spaces around a separator.
var referencePattern = regexp.MustCompile(`(?i)^CCF\s*[/\-. ]\s*(\d{4})\s*[/\-. ]\s*(\d{1,6})$`)

// Reference is a CCF reference read into its parts.
type Reference struct {
	Year   int
	Number int
}

// String writes the reference the one way the portal stores and shows
// references, CCF-YYYY-NNNNNN, so that one case typed two ways is one case.
func (r Reference) String() string { return fmt.Sprintf("CCF-%04d-%06d", r.Year, r.Number) }

// ParseReference reads a typed CCF reference; ok is false unless it has a
// CCF form, a year from FirstDecisionYear to now's and a number above zero.
func ParseReference(typed string, now time.Time) (Reference, bool) {
	m := referencePattern.FindStringSubmatch(strings.TrimSpace(typed))
	if m == nil {
		return Reference{}, false
	}
	year, _ := strconv.Atoi(m[1])
	number, _ := strconv.Atoi(m[2])
	if year < FirstDecisionYear || year > now.UTC().Year() || number == 0 {
		return Reference{}, false
	}
	return Reference{Year: year, Number: number}, true
}

// Decision is an earlier case named outside the portal: its reference as
// typed (normalised once valid), the day it was decided, whether a copy of
// the decision came, and, when none did, the applicant's note why.
type Decision struct {
	Reference string
	DecidedOn string // YYYY-MM-DD
	HasCopy   bool
	CopyNote  string
}

// Section holds the earlier case's fields as a form asks them, so that
// they are bound, shown and kept like any other answers.
var Section = domain.Section{Key: "prior", Fields: []domain.FieldSpec{
	{Name: "prior_reference", Kind: domain.FieldText, Required: true, MaxRunes: 40},
	{Name: "prior_decided", Kind: domain.FieldDate, Required: true, Date: domain.PastDate},
	{Name: "prior_copy_note", Kind: domain.FieldLongText, MaxRunes: MaxNoteRunes},
}}

// FromAnswers reads the earlier case from a form's answers.
func FromAnswers(a domain.Answers, hasCopy bool) Decision {
	return Decision{Reference: a["prior_reference"], DecidedOn: a["prior_decided"], HasCopy: hasCopy,
		CopyNote: strings.TrimSpace(a["prior_copy_note"])}
}

// Validate checks the earlier case and, when it is valid, normalises its
// reference. The problems come in the order the form asks. A decision
// dated before its case's year, or before 2004, cannot be one the CCF took.
func Validate(d *Decision, now time.Time) domain.FieldErrors {
	a := domain.Answers{"prior_reference": d.Reference, "prior_decided": d.DecidedOn, "prior_copy_note": d.CopyNote}
	errs := Section.Validate(a, now)
	ref, refOK := ParseReference(d.Reference, now)
	if _, bad := errs.For("prior_reference"); !bad && !refOK {
		errs = insertFirst(errs, "prior_reference", "prior.reference_format", Example)
	}
	if decided, err := time.Parse(time.DateOnly, d.DecidedOn); err == nil {
		checkDecided(decided, ref, refOK, &errs)
	}
	if !d.HasCopy && d.CopyNote == "" {
		errs.Add("decision_copy", "prior.copy_or_note")
	}
	if !errs.Any() {
		d.Reference = ref.String()
	}
	return errs
}

// checkDecided refuses a decision date before 2004 or before the year of
// its own case, unless the field already has a problem. Years go into the
// message as text: a number would be written with a thousands separator.
func checkDecided(decided time.Time, ref Reference, refOK bool, errs *domain.FieldErrors) {
	if _, bad := errs.For("prior_decided"); bad {
		return
	}
	switch {
	case decided.Year() < FirstDecisionYear:
		errs.Add("prior_decided", "prior.decided_too_early", strconv.Itoa(FirstDecisionYear))
	case refOK && decided.Year() < ref.Year:
		errs.Add("prior_decided", "prior.decided_before_case", strconv.Itoa(ref.Year))
	}
}

// insertFirst puts a problem of the first field before the others, so the
// error summary follows the form's order.
func insertFirst(errs domain.FieldErrors, field, message string, args ...any) domain.FieldErrors {
	return append(domain.FieldErrors{{Field: field, Message: message, Args: args}}, errs...)
}

// Purpose is why a request names an earlier case.
type Purpose string

// The purposes.
const (
	// PurposeRevision: the request asks to revise the earlier decision.
	PurposeRevision Purpose = "revision"
	// PurposeReissued: the earlier case ended, and its data were re-issued.
	PurposeReissued Purpose = "reissued"
)

// Case is the earlier case a request names, as the store keeps it.
type Case struct {
	Purpose  Purpose
	Decision Decision
}
