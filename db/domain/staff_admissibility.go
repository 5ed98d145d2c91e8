package domain

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Admissibility outcomes.
const (
	OutcomeAdmissible   = "admissible"
	OutcomeInadmissible = "inadmissible"
)

// AdmissibilityChecks are the requirements of an admissible request (see
// DOMAIN.md), in the order the checklist shows them.
var AdmissibilityChecks = []string{"valid_id", "authorisation", "working_language", "purpose_stated", "limits_respected"}

// InadmissibilityReasons are the reasons staff choose from; each has a
// message telling the applicant exactly what was missing.
var InadmissibilityReasons = []string{"id_missing", "id_expired", "id_unreadable", "authorisation_missing",
	"authorisation_unsigned", "language", "purpose_unclear", "limits_exceeded", "other"}

// ChecksFor lists the checks that apply to r: the authorisation only when a
// representative filed it.
func ChecksFor(r Request) []string {
	if r.Representative() {
		return AdmissibilityChecks
	}
	return slices.DeleteFunc(slices.Clone(AdmissibilityChecks), func(c string) bool { return c == "authorisation" })
}

// Admissibility is the assessment of a request's admissibility.
type Admissibility struct {
	RequestID int64
	Outcome   string
	Checks    []string
	Reasons   []string
	Note      string
	DecidedBy int64
	DecidedAt time.Time
}

// AdmissibilityInput is what the staff form supplies.
type AdmissibilityInput struct {
	Outcome string
	Checks  []string
	Reasons []string
	Note    string
}

// MaxReasonRunes limits the free text of reasons, notes and messages.
const MaxReasonRunes = 10000

// ValidateAdmissibility checks the form: admissible needs every applicable
// requirement ticked; inadmissible needs at least one reason, and "other"
// needs the free text that explains it.
func ValidateAdmissibility(r Request, in AdmissibilityInput) FieldErrors {
	var errs FieldErrors
	switch in.Outcome {
	case OutcomeAdmissible:
		for _, c := range ChecksFor(r) {
			if !slices.Contains(in.Checks, c) {
				errs.Add("checks", "admissibility.checks_incomplete")
				break
			}
		}
	case OutcomeInadmissible:
		if len(in.Reasons) == 0 || !allIn(in.Reasons, InadmissibilityReasons) {
			errs.Add("reasons", "admissibility.reason_required")
		} else if slices.Contains(in.Reasons, "other") && strings.TrimSpace(in.Note) == "" {
			errs.Add("note", "admissibility.note_required")
		}
	default:
		errs.Add("outcome", "admissibility.outcome_required")
	}
	if utf8.RuneCountInString(in.Note) > MaxReasonRunes {
		errs.Add("note", "answer.too_long", MaxReasonRunes)
	}
	return errs
}

func allIn(list, allowed []string) bool {
	for _, v := range list {
		if !slices.Contains(allowed, v) {
			return false
		}
	}
	return true
}

func OrEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
