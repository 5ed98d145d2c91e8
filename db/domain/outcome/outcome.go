// Package outcome holds the outcomes the CCF decides, as it reports them
// (DOMAIN.md, "After a decision"): which a request offers, per part of
// the request, which need a text, which change the data (and so wait for
// their implementation), and the report category each is counted in.
package outcome

import (
	"slices"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// Outcomes as stored. The stored values of earlier versions are kept
// ("data_held" is data held and disclosed in full); "upheld" became
// "rejected" (migration 0140).
const (
	NoData                 = "no_data"
	DataHeld               = "data_held" // data held, disclosed in full
	DataHeldPart           = "data_held_part"
	NeitherConfirmNorDeny  = "neither_confirm_nor_deny"
	Compliant              = "compliant"
	CompliantAfterUpdate   = "compliant_after_update"
	NonCompliantDeletion   = "non_compliant_deletion"
	NonCompliantCorrection = "non_compliant_correction"
	OtherMeasures          = "other_measures"
	DeletedBeforeDecision  = "deleted_before_decision"
	DeletedNoReply         = "deleted_no_reply"
	Rejected               = "rejected"
	Revised                = "revised"
	MeasuresGranted        = "measures_granted"
	MeasuresRefused        = "measures_refused"
	Inadmissible           = "inadmissible"
	Withdrawn              = "withdrawn"
	ClosedWithoutDecision  = "closed_without_decision"
)

// Access lists the outcomes of an access request, or of the access part
// of a deletion or correction filing that also asks for access.
var Access = []string{NoData, DataHeld, DataHeldPart, NeitherConfirmNorDeny}

// Deletion lists the outcomes of a deletion or correction request (its
// deletion or correction part). DeletedNoReply is offered only where a
// consultation of the source got no reply (see Offered).
var Deletion = []string{Compliant, CompliantAfterUpdate, NonCompliantDeletion, NonCompliantCorrection, OtherMeasures,
	DeletedBeforeDecision, DeletedNoReply}

// Endings are the outcomes any request can end with, whatever its kind.
var Endings = []string{Inadmissible, Withdrawn, ClosedWithoutDecision}

// Situation is what the offered outcomes depend on beyond the kind.
type Situation struct {
	Kind       domain.Kind
	AlsoAccess bool // a deletion or correction filing that also asks for access
	// SourceNoReply: a consultation of the source ended without a reply,
	// so "deleted because the source did not reply" may be decided.
	SourceNoReply bool
}

// Combined reports whether the filing gets an outcome for each part: its
// deletion or correction part and its access part.
func (s Situation) Combined() bool {
	return s.AlsoAccess && (s.Kind == domain.KindDeletion || s.Kind == domain.KindCorrection)
}

// Offered lists the outcomes of the request's main part (its only part
// unless Combined), in the order the form offers them.
func Offered(s Situation) []string {
	var out []string
	switch s.Kind {
	case domain.KindAccess:
		out = slices.Clone(Access)
	case domain.KindDeletion, domain.KindCorrection:
		out = slices.DeleteFunc(slices.Clone(Deletion), func(o string) bool { return o == DeletedNoReply && !s.SourceNoReply })
	case domain.KindRevision:
		out = []string{Rejected, Revised}
	case domain.KindProvisional:
		out = []string{MeasuresGranted, MeasuresRefused}
	}
	if s.Kind == domain.KindRevision {
		// A revision's own inadmissibility comes first: it is the usual end
		// of an application that brings no new fact.
		return append([]string{Inadmissible}, append(out, Withdrawn, ClosedWithoutDecision)...)
	}
	return append(out, Endings...)
}

// RevisedTo lists the new outcomes a revised decision may have: those on
// the merits of an access, deletion or correction request.
func RevisedTo() []string {
	return append(slices.Clone(Access), slices.DeleteFunc(slices.Clone(Deletion), func(o string) bool {
		return o == DeletedNoReply
	})...)
}

// Ends reports whether o ends the whole request without a finding on the
// merits, so that no part gets an outcome of its own.
func Ends(o string) bool { return slices.Contains(Endings, o) }

// NeedsDisclosure reports whether o says what is disclosed of the data.
func NeedsDisclosure(o string) bool { return o == DataHeld || o == DataHeldPart }

// NeedsDetail reports whether o needs a text of its own: the corrective
// measures, or the reason a request is closed without a decision. (What a
// partial disclosure leaves out, by the restrictions of the consultation,
// is said in the disclosure itself.)
func NeedsDetail(o string) bool {
	return o == OtherMeasures || o == ClosedWithoutDecision
}

// Effective is the outcome that stands on the merits: the new outcome of a
// revised decision, else the outcome itself.
func Effective(in domain.DecisionInput) string {
	if in.Outcome == Revised && in.Revised != "" {
		return in.Revised
	}
	return in.Outcome
}

// NoticeAction is what the decision orders done to the data in every
// national database that received them ("delete" or "correct"), judged by
// its deletion part. Only a finding of non-compliance orders anything:
// data deleted before a decision are already gone.
func NoticeAction(o string) (string, bool) {
	switch o {
	case NonCompliantDeletion, DeletedNoReply:
		return "delete", true
	case NonCompliantCorrection, OtherMeasures:
		return "correct", true
	}
	return "", false
}

// ChangesData reports whether the decision changes the data, so that the
// case closes only once the implementation is recorded.
func ChangesData(in domain.DecisionInput) bool {
	_, ok := NoticeAction(Effective(in))
	return ok
}

// ActionOf is the notice action of a recorded decision, "" if none.
func ActionOf(d domain.Decision) string {
	a, _ := NoticeAction(Effective(domain.DecisionInput{Outcome: d.Outcome, DecisionParts: domain.DecisionParts{Revised: d.Revised}}))
	return a
}

// Ending is where a request stands once a decision with outcome o is sent
// to the applicant, the timeline entry it gets and that entry's text key:
// a withdrawal ends the request as withdrawn; every other outcome,
// inadmissible and closed without decision included, is a decision.
func Ending(o string) (domain.Status, domain.EventKind, string) {
	if o == Withdrawn {
		return domain.StatusWithdrawn, domain.EventRequestWithdrawn, "decision.outcome." + Withdrawn
	}
	return domain.StatusDecided, domain.EventDecisionRecorded, "outcome.event.sent"
}
