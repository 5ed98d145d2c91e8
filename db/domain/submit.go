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
	for _, need := range RequiredDocuments(r) {
		if !HasDocument(f.Documents, need) {
			out = append(out, Problem{Key: missingKeys[need], Section: SectionDocuments, Blocking: true})
		}
	}
	if exp, err := time.Parse(time.DateOnly, r.Answers["id_expiry"]); err == nil && exp.Before(now.Truncate(24*time.Hour)) {
		out = append(out, Problem{Key: "problem.id_expired", Section: SectionIDDocument})
	}
	return out
}

// missingKeys say that a required document is missing.
var missingKeys = map[DocType]string{DocIdentity: "problem.id_missing", DocPowerOfAttorney: "problem.poa_missing",
	DocRelationship: "problem.relationship_missing", DocRegistration: "problem.registration_missing",
	DocSignerAuthority: "problem.signer_authority_missing"}

// RequiredDocuments are the documents r cannot be filed without: a
// person's identity document, a representative's power of attorney and,
// for a minor, the proof of relationship; for a company or organisation,
// its registration and the proof that the signer may act for it (and
// counsel's power of attorney).
func RequiredDocuments(r Request) []DocType {
	if Entity(r.Answers) {
		out := []DocType{DocRegistration, DocSignerAuthority}
		if r.Answers["relationship"] == "lawyer" {
			out = append(out, DocPowerOfAttorney)
		}
		return out
	}
	out := []DocType{DocIdentity}
	if r.Representative() {
		out = append(out, DocPowerOfAttorney)
	}
	if r.Representative() && r.Answers["applicant_minor"] == "yes" {
		out = append(out, DocRelationship)
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
