package views

import (
	"context"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/outcome"
)

// DecideForm is what the draft decision's form offers beyond the case:
// the outcomes of the request (per part on a combined filing) and the
// restrictions the consultations' replies put on what may be disclosed.
type DecideForm struct {
	Situation    outcome.Situation
	Restrictions []string
}

// outcomeOptions offers outcomes, each with its meaning for staff.
func outcomeOptions(list []string) []Option {
	out := make([]Option, 0, len(list))
	for _, o := range list {
		out = append(out, Option{Value: o, LabelKey: "outcome.label." + o, HintKey: "outcome.meaning." + o})
	}
	return out
}

// revisedOptions offers the new outcome of a revised decision.
func revisedOptions(ctx context.Context) []SelectOption {
	out := []SelectOption{{Value: "", Label: T(ctx, "outcome.form.choose")}}
	for _, o := range outcome.RevisedTo() {
		out = append(out, SelectOption{Value: o, Label: T(ctx, "outcome.label."+o)})
	}
	return out
}

// mainLegend asks for the outcome of the request, or of its deletion or
// correction part on a combined filing.
func mainLegend(s outcome.Situation) string {
	if s.Combined() {
		return "outcome.form.legend_" + string(s.Kind)
	}
	return "decision.outcome_legend"
}

// decisionPart is one part of a decision as shown: its heading (none for
// a single-part request), outcome, new outcome if revised, the text its
// outcome needs and what is disclosed.
type decisionPart struct {
	Heading    string
	Outcome    string
	Revised    string
	Detail     string
	Disclosure string
}

// decisionParts splits a decision into its parts, the access part first
// (it answers the first question a combined filing asks).
func decisionParts(k domain.Kind, d domain.Decision) []decisionPart {
	main := decisionPart{Outcome: d.Outcome, Revised: d.Revised, Detail: d.Detail, Disclosure: d.Disclosure}
	if d.AccessOutcome == "" {
		return []decisionPart{main}
	}
	main.Heading = "outcome.part." + string(k)
	return []decisionPart{{Heading: "outcome.part.access", Outcome: d.AccessOutcome, Disclosure: d.AccessDisclosure}, main}
}

// OutcomeLabel names a decision's outcomes for staff, both parts of a
// combined filing and the new outcome of a revised one.
func OutcomeLabel(ctx context.Context, in domain.DecisionInput) string {
	s := T(ctx, "outcome.label."+in.Outcome)
	if in.Revised != "" {
		s += " – " + T(ctx, "outcome.label."+in.Revised)
	}
	if in.AccessOutcome != "" {
		s = T(ctx, "outcome.part.access") + ": " + T(ctx, "outcome.label."+in.AccessOutcome) + " · " + s
	}
	return s
}

// offered lists the outcomes the form offers for the request's main part.
func offered(f DecideForm) []string { return outcome.Offered(f.Situation) }

// accessOutcomes lists the outcomes of a combined filing's access part.
func accessOutcomes() []string { return outcome.Access }

// plainOrLabel is the key prefix of an outcome's words for the reader:
// its name for staff, plain words for the applicant.
func plainOrLabel(staff bool) string {
	if staff {
		return "outcome.label."
	}
	return "outcome.plain."
}
