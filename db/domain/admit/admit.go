// Package admit holds what the portal already knows against the
// admissibility checklist: an identity document missing or expired, a
// power of attorney missing where a representative filed. Staff see it
// beside each line, and ticking a line the portal contradicts needs a
// stated reason. Pure Go, like the rest of the procedure.
package admit

import (
	"slices"
	"strings"
	"time"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// Fact is one thing the portal knows against a check: the check's code
// and the catalogue key that says it.
type Fact struct {
	Check string
	Key   string
}

// Known lists what the portal knows against r's checks at now, from its
// answers and the documents docs held for it (those sent after filing
// included).
func Known(r domain.Request, docs []domain.Document, now time.Time) []Fact {
	var out []Fact
	switch exp, err := time.Parse(time.DateOnly, r.Answers["id_expiry"]); {
	case domain.Entity(r.Answers) && !domain.HasDocument(docs, domain.DocRegistration):
		out = append(out, Fact{Check: "valid_id", Key: "admit.known.registration_missing"})
	case !domain.Entity(r.Answers) && !domain.HasDocument(docs, domain.DocIdentity):
		out = append(out, Fact{Check: "valid_id", Key: "admit.known.id_missing"})
	case err == nil && exp.Before(now.Truncate(24*time.Hour)):
		out = append(out, Fact{Check: "valid_id", Key: "admit.known.id_expired"})
	}
	if slices.Contains(domain.RequiredDocuments(r), domain.DocPowerOfAttorney) && !domain.HasDocument(docs, domain.DocPowerOfAttorney) {
		out = append(out, Fact{Check: "authorisation", Key: "admit.known.poa_missing"})
	}
	return out
}

// HintFor is the key of what the portal knows against check, "" if
// nothing.
func HintFor(facts []Fact, check string) string {
	for _, f := range facts {
		if f.Check == check {
			return f.Key
		}
	}
	return ""
}

// Validate refuses a finding of admissibility that ticks a check the
// portal contradicts without a reason in the note: staff may know better
// (a renewed passport sent by post), but must say so.
func Validate(in domain.AdmissibilityInput, facts []Fact) domain.FieldErrors {
	var errs domain.FieldErrors
	if in.Outcome != domain.OutcomeAdmissible || strings.TrimSpace(in.Note) != "" {
		return errs
	}
	for _, f := range facts {
		if slices.Contains(in.Checks, f.Check) {
			errs.Add("note", "admissibility.known_needs_reason")
			break
		}
	}
	return errs
}
