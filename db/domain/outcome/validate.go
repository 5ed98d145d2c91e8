package outcome

import (
	"slices"
	"strings"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// Normalise keeps only what the chosen outcomes use, so that a text typed
// for another choice and left in the form is never stored or sent: the
// access part only on a combined filing decided on the merits, the new
// outcome only of a revised decision, a disclosure only where data are
// disclosed, a detail only where the outcome needs one.
func Normalise(s Situation, in domain.DecisionInput) domain.DecisionInput {
	in.Outcome, in.Reasons = strings.TrimSpace(in.Outcome), strings.TrimSpace(in.Reasons)
	if in.Outcome != Revised {
		in.Revised = ""
	}
	effective := Effective(in)
	if !s.Combined() || Ends(in.Outcome) {
		in.AccessOutcome, in.AccessDisclosure = "", ""
	}
	if !NeedsDisclosure(in.AccessOutcome) {
		in.AccessDisclosure = ""
	}
	if !NeedsDisclosure(effective) {
		in.Disclosure = ""
	}
	if !NeedsDetail(effective) {
		in.Detail = ""
	}
	in.Disclosure, in.Detail = strings.TrimSpace(in.Disclosure), strings.TrimSpace(in.Detail)
	in.AccessDisclosure = strings.TrimSpace(in.AccessDisclosure)
	return in
}

// Validate checks a decision (normalised first) against the request: an
// outcome it offers, reasons, the new outcome of a revised decision, what
// is disclosed where data are disclosed, the text an outcome needs, and,
// on a combined filing decided on the merits, the access part's outcome.
func Validate(s Situation, in domain.DecisionInput) domain.FieldErrors {
	var errs domain.FieldErrors
	switch {
	case in.Outcome == DeletedNoReply && !s.SourceNoReply && (s.Kind == domain.KindDeletion || s.Kind == domain.KindCorrection):
		errs.Add("outcome", "outcome.no_reply_unfounded")
	case !slices.Contains(Offered(s), in.Outcome):
		errs.Add("outcome", "decision.outcome_required")
	}
	domain.CheckText(&errs, "reasons", in.Reasons, "decision.reasons_required")
	if in.Outcome == Revised && !slices.Contains(RevisedTo(), in.Revised) {
		errs.Add("revised", "outcome.revised_required")
	}
	effective := Effective(in)
	if NeedsDisclosure(effective) {
		domain.CheckText(&errs, "disclosure", in.Disclosure, "decision.disclosure_required")
	}
	if NeedsDetail(effective) {
		domain.CheckText(&errs, "detail", in.Detail, "outcome.detail_required."+effective)
	}
	if s.Combined() && !Ends(in.Outcome) && slices.Contains(Offered(s), in.Outcome) {
		if !slices.Contains(Access, in.AccessOutcome) {
			errs.Add("access_outcome", "outcome.access_required")
		} else if NeedsDisclosure(in.AccessOutcome) {
			domain.CheckText(&errs, "access_disclosure", in.AccessDisclosure, "decision.disclosure_required")
		}
	}
	return errs
}
