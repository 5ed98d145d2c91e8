package outcome

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/ccf-portal/ccfportal/db/domain"
)

func fields(errs domain.FieldErrors) map[string]string {
	out := map[string]string{}
	for _, e := range errs {
		out[e.Field] = e.Message
	}
	return out
}

func input(o string, parts domain.DecisionParts) domain.DecisionInput {
	return domain.DecisionInput{Outcome: o, Reasons: "Reasons.", DecisionParts: parts}
}

func TestEachKindOffersItsOutcomesAndEveryRequestItsEndings(t *testing.T) {
	assert.Equal(t, []string{NoData, DataHeld, DataHeldPart, NeitherConfirmNorDeny, Inadmissible, Withdrawn, ClosedWithoutDecision},
		Offered(Situation{Kind: domain.KindAccess}))
	assert.Equal(t, []string{Compliant, CompliantAfterUpdate, NonCompliantDeletion, NonCompliantCorrection, OtherMeasures,
		DeletedBeforeDecision, Inadmissible, Withdrawn, ClosedWithoutDecision}, Offered(Situation{Kind: domain.KindDeletion}))
	assert.Contains(t, Offered(Situation{Kind: domain.KindCorrection, SourceNoReply: true}), DeletedNoReply,
		"offered once a consultation of the source got no reply")
	assert.Equal(t, []string{Inadmissible, Rejected, Revised, Withdrawn, ClosedWithoutDecision}, Offered(Situation{Kind: domain.KindRevision}))
	assert.Contains(t, Offered(Situation{Kind: domain.KindProvisional}), MeasuresGranted)
	assert.True(t, Situation{Kind: domain.KindDeletion, AlsoAccess: true}.Combined())
	assert.False(t, Situation{Kind: domain.KindAccess, AlsoAccess: true}.Combined())
}

func TestOnlyOrdersChangeTheDataAndARevisedDecisionByItsNewOutcome(t *testing.T) {
	for _, o := range []string{NonCompliantDeletion, DeletedNoReply} {
		a, ok := NoticeAction(o)
		assert.True(t, ok, o)
		assert.Equal(t, "delete", a, o)
	}
	for _, o := range []string{NonCompliantCorrection, OtherMeasures} {
		a, _ := NoticeAction(o)
		assert.Equal(t, "correct", a, o)
	}
	for _, o := range []string{Compliant, CompliantAfterUpdate, DeletedBeforeDecision, NoData, DataHeld, DataHeldPart,
		NeitherConfirmNorDeny, Rejected, Inadmissible, Withdrawn, ClosedWithoutDecision} {
		assert.False(t, ChangesData(input(o, domain.DecisionParts{})), o)
	}
	revised := input(Revised, domain.DecisionParts{Revised: NonCompliantDeletion})
	assert.True(t, ChangesData(revised))
	assert.Equal(t, "delete", ActionOf(domain.Decision{Outcome: Revised, DecisionParts: revised.DecisionParts}))
	status, kind, _ := Ending(Withdrawn)
	assert.Equal(t, domain.StatusWithdrawn, status)
	assert.Equal(t, domain.EventRequestWithdrawn, kind)
	status, _, arg := Ending(ClosedWithoutDecision)
	assert.Equal(t, domain.StatusDecided, status)
	assert.Equal(t, "outcome.event.sent", arg, "the timeline names no outcome")
}

func TestTheTextsAnOutcomeNeedsAreRequired(t *testing.T) {
	del := Situation{Kind: domain.KindDeletion}
	assert.Equal(t, map[string]string{"detail": "outcome.detail_required.other_measures"},
		fields(Validate(del, input(OtherMeasures, domain.DecisionParts{}))))
	assert.Empty(t, Validate(del, input(OtherMeasures, domain.DecisionParts{Detail: "A caveat is added."})))
	assert.Equal(t, map[string]string{"detail": "outcome.detail_required.closed_without_decision"},
		fields(Validate(del, input(ClosedWithoutDecision, domain.DecisionParts{}))))
	acc := Situation{Kind: domain.KindAccess}
	assert.Equal(t, map[string]string{"disclosure": "decision.disclosure_required"}, fields(Validate(acc, input(DataHeldPart, domain.DecisionParts{}))))
	rev := Situation{Kind: domain.KindRevision}
	assert.Equal(t, map[string]string{"revised": "outcome.revised_required"}, fields(Validate(rev, input(Revised, domain.DecisionParts{}))))
	assert.Empty(t, Validate(rev, input(Revised, domain.DecisionParts{Revised: Compliant})))
	assert.Equal(t, map[string]string{"outcome": "decision.outcome_required"}, fields(Validate(acc, input(Compliant, domain.DecisionParts{}))))
	assert.Equal(t, map[string]string{"reasons": "decision.reasons_required"},
		fields(Validate(acc, domain.DecisionInput{Outcome: NoData})))
}

func TestTheSourcesSilenceMustBeOnRecordToDeleteForIt(t *testing.T) {
	in := input(DeletedNoReply, domain.DecisionParts{})
	assert.Equal(t, map[string]string{"outcome": "outcome.no_reply_unfounded"}, fields(Validate(Situation{Kind: domain.KindDeletion}, in)))
	assert.Empty(t, Validate(Situation{Kind: domain.KindDeletion, SourceNoReply: true}, in))
}

func TestACombinedFilingGetsAnOutcomeForEachPartUnlessTheRequestEnds(t *testing.T) {
	s := Situation{Kind: domain.KindDeletion, AlsoAccess: true}
	assert.Equal(t, map[string]string{"access_outcome": "outcome.access_required"}, fields(Validate(s, input(NonCompliantDeletion, domain.DecisionParts{}))))
	assert.Equal(t, map[string]string{"access_disclosure": "decision.disclosure_required"},
		fields(Validate(s, input(NonCompliantDeletion, domain.DecisionParts{AccessOutcome: DataHeld}))))
	assert.Empty(t, Validate(s, input(NonCompliantDeletion, domain.DecisionParts{AccessOutcome: DataHeld, AccessDisclosure: "A red notice."})))
	assert.Equal(t, map[string]string{"access_outcome": "outcome.access_required"},
		fields(Validate(s, input(Compliant, domain.DecisionParts{AccessOutcome: Compliant}))), "the access part takes access outcomes")

	withdrawn := Normalise(s, input(Withdrawn, domain.DecisionParts{AccessOutcome: NoData, AccessDisclosure: "left over"}))
	assert.Empty(t, Validate(s, withdrawn), "a request that ends needs no access part")
	assert.Empty(t, withdrawn.AccessOutcome+withdrawn.AccessDisclosure, "and none is kept")
	single := Normalise(Situation{Kind: domain.KindDeletion}, input(Compliant, domain.DecisionParts{AccessOutcome: NoData, Detail: "x", Revised: Compliant}))
	assert.Equal(t, domain.DecisionParts{}, single.DecisionParts, "nothing a choice does not use is stored")
}

func TestDecisionsAreCountedInTheCCFsReportCategories(t *testing.T) {
	assert.Equal(t, RowDataHeld, ReportRow(DataHeldPart), "disclosed in full or in part: one category")
	for _, k := range []domain.Kind{domain.KindAccess, domain.KindDeletion} {
		for _, o := range Offered(Situation{Kind: k, SourceNoReply: true}) {
			assert.Contains(t, ReportRows(k), ReportRow(o), "%s %s has a row", k, o)
		}
	}
}
