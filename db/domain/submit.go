package domain

import (
	"time"
)

// Problem is something on the check-your-answers page that would make the
// request inadmissible or incomplete. Blocking problems stop submission;
// the others are warnings the person may choose to file despite.
type Problem struct {
	Key      string // message key
	Section  string // the section that fixes it, for a "change" link
	Blocking bool
	Args     []any
}

// Problems lists what stands between a draft and an admissible, complete
// filing (DOMAIN.md): identity document, authorisation, purpose, grounds
// with explanations, format limits; and, as warnings, what weakens it.
func Problems(f Filing, limits Limits, now time.Time) []Problem {
	r := f.Request
	var out []Problem
	if r.Kind == "" {
		out = append(out, Problem{Key: "problem.purpose_missing", Blocking: true})
	}
	for _, t := range Tasks(f, now) {
		if t.State == SectionToCheck {
			out = append(out, Problem{Key: "problem.section_to_check", Section: t.Key, Blocking: true,
				Args: []any{"task." + t.Key}})
			continue
		}
		// Documents and grounds have problems of their own, stated more exactly.
		if t.State != SectionCompleted && t.State != SectionOptional && t.Key != TaskEvidence && t.Key != SectionDocuments && t.Key != TaskGrounds {
			out = append(out, Problem{Key: "problem.section_incomplete", Section: t.Key, Blocking: true,
				Args: []any{"task." + t.Key}})
		}
	}
	out = append(out, documentProblems(f, now)...)
	for _, u := range f.Urgent {
		if u.IsDraft() && !u.EventAt.IsZero() && !u.EventAt.After(now) {
			out = append(out, Problem{Key: "problem.urgent_event_past", Blocking: true})
		}
	}
	if r.IsDeletion() {
		out = append(out, deletionProblems(f, limits)...)
	}
	return out
}

func documentProblems(f Filing, now time.Time) []Problem {
	r := f.Request
	var out []Problem
	if !HasDocument(f.Documents, DocIdentity) {
		out = append(out, Problem{Key: "problem.id_missing", Section: SectionDocuments, Blocking: true})
	}
	if r.Representative() && !HasDocument(f.Documents, DocPowerOfAttorney) {
		out = append(out, Problem{Key: "problem.poa_missing", Section: SectionDocuments, Blocking: true})
	}
	if r.Representative() && r.Answers["applicant_minor"] == "yes" && !HasDocument(f.Documents, DocRelationship) {
		out = append(out, Problem{Key: "problem.relationship_missing", Section: SectionDocuments, Blocking: true})
	}
	if exp, err := time.Parse(time.DateOnly, r.Answers["id_expiry"]); err == nil && exp.Before(now.Truncate(24*time.Hour)) {
		out = append(out, Problem{Key: "problem.id_expired", Section: SectionIDDocument})
	}
	return out
}

// HasBlocking reports whether any problem stops submission.
func HasBlocking(problems []Problem) bool {
	for _, p := range problems {
		if p.Blocking {
			return true
		}
	}
	return false
}

// ApplicantDetailFields are the answers kept on the applicant record, so a
// later filing for the same person can start from them.
var ApplicantDetailFields = []string{"full_name", "other_names", "birth_date", "birth_place", "nationality",
	"nationality_2", "id_type", "id_number", "id_issuer", "id_expiry", "contact_email", "contact_phone", "contact_address"}
