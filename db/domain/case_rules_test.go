package domain

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestNoticeIsDueUntilEveryTargetHasOne(t *testing.T) {
	ordered := &Decision{Outcome: "non_compliant_deletion", Action: "delete"}
	targets := []DataTarget{{Key: "item:1"}, {Key: "item:2"}}
	notice := func(key string) DeletionNotice { return DeletionNotice{Target: DataTarget{Key: key}} }

	assert.False(t, NoticeDue(nil, nil, targets), "no decision, no notice")
	assert.False(t, NoticeDue(&Decision{Outcome: "compliant"}, nil, targets), "a compliant finding orders nothing")
	assert.True(t, NoticeDue(ordered, nil, targets))
	assert.True(t, NoticeDue(&Decision{Outcome: "non_compliant_correction", Action: "correct"}, nil, targets))
	assert.True(t, NoticeDue(ordered, []DeletionNotice{notice("item:1")}, targets))
	assert.True(t, NoticeDue(ordered, []DeletionNotice{notice("item:1"), notice("item:1")}, targets),
		"counted by data item, not by number of notices")
	assert.False(t, NoticeDue(ordered, []DeletionNotice{notice("item:2"), notice("item:1")}, targets))
}

func TestNoticeNeedsADecisionOrderingIt(t *testing.T) {
	assert.Equal(t, "notice.no_decision", ErrorMessage(CanIssueNotice(nil)))
	err := CanIssueNotice(&Decision{Outcome: "compliant"})
	assert.Equal(t, EConflict, ErrorCode(err))
	assert.Equal(t, "notice.not_ordered", ErrorMessage(err))
	assert.NoError(t, CanIssueNotice(&Decision{Outcome: "non_compliant_deletion", Action: "delete"}))
}

func TestAdmissibilityIsAssessedOnceFirst(t *testing.T) {
	admitted := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	assert.True(t, AdmissibilityPending(Request{Status: StatusSubmitted}))
	assert.True(t, AdmissibilityPending(Request{Status: StatusAwaitingApplicant}), "asked before the assessment")
	assert.False(t, AdmissibilityPending(Request{Status: StatusAwaitingApplicant, AdmissibleAt: admitted}), "asked during the examination")
	assert.False(t, AdmissibilityPending(Request{Status: StatusUnderReview, AdmissibleAt: admitted}))
	assert.False(t, AdmissibilityPending(Request{Status: StatusInadmissible}))

	assert.False(t, AdmissibilityAssessed(Request{Status: StatusSubmitted}, nil))
	assert.True(t, AdmissibilityAssessed(Request{AdmissibleAt: admitted}, nil))
	assert.True(t, AdmissibilityAssessed(Request{Status: StatusInadmissible}, &Admissibility{Outcome: OutcomeInadmissible}))
}

func TestStaffStepsFollowTheStatusMachine(t *testing.T) {
	steps := func(s Status) StaffSteps { return StaffCase{Request: Request{Status: s}}.Steps() }
	assert.Equal(t, StaffSteps{AssessAdmissibility: true, Withdraw: true, Clarify: true, Measure: true}, steps(StatusSubmitted))
	assert.Equal(t, StaffSteps{Decide: true, Withdraw: true, Clarify: true, Measure: true}, steps(StatusUnderReview))
	assert.Equal(t, StaffSteps{AssessAdmissibility: true, Withdraw: true, Resume: true, Measure: true}, steps(StatusAwaitingApplicant))
	assert.Equal(t, StaffSteps{}, steps(StatusClosed))

	decided := StaffCase{Request: Request{Status: StatusDecided}, Outcome: CaseOutcome{Decision: &Decision{Outcome: "non_compliant_deletion", Action: "delete"}},
		Targets: []DataTarget{{Key: "request"}}}
	assert.Equal(t, StaffSteps{IssueNotice: true}, decided.Steps())
	decided.Notices = []DeletionNotice{{Target: DataTarget{Key: "request"}}}
	assert.Equal(t, StaffSteps{}, decided.Steps())
}

func TestStaffActionsRefusedWithTheirReason(t *testing.T) {
	closed := Request{Status: StatusClosed}
	assert.Equal(t, "clarify.not_now", ErrorMessage(CanAskClarification(closed)))
	assert.Equal(t, "clarify.not_waiting", ErrorMessage(CanResume(closed)))
	assert.Equal(t, "measure.case_not_pending", ErrorMessage(CanRecordMeasure(closed)))
	assert.Equal(t, EConflict, ErrorCode(CanWithdraw(closed)))
	for _, s := range []Status{StatusSubmitted, StatusAdmissible, StatusUnderReview, StatusAwaitingApplicant} {
		assert.NoError(t, CanRecordMeasure(Request{Status: s}), s)
		assert.NoError(t, CanWithdraw(Request{Status: s}), s)
	}
}

func TestApplicantStepsOnAFiledRequest(t *testing.T) {
	decidedAt := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	pendingAccess := ApplicantStepsFor(Request{Kind: KindAccess, Status: StatusUnderReview})
	assert.Equal(t, ApplicantSteps{Urgent: true, Further: true, Deletion: true, Withdraw: true}, pendingAccess)
	assert.Equal(t, ApplicantSteps{Revision: true},
		ApplicantStepsFor(Request{Kind: KindDeletion, Status: StatusDecided, DecidedAt: decidedAt}))
	assert.Equal(t, ApplicantSteps{Further: true, Withdraw: true}, ApplicantStepsFor(Request{Kind: KindProvisional, Status: StatusSubmitted}),
		"no urgent request on an urgent request")
	ended := ApplicantStepsFor(Request{Kind: KindDeletion, Status: StatusInadmissible})
	assert.False(t, ended.Any())
	assert.True(t, pendingAccess.Any())
	assert.Equal(t, "further.not_pending", ErrorMessage(CanSubmitFurther(Request{Status: StatusClosed})))
	assert.Equal(t, "withdraw.not_pending", ErrorMessage(CanFilerWithdraw(Request{Status: StatusDecided})))
	assert.Error(t, CanFilerWithdraw(Request{Status: StatusDraft}), "a draft is not before the CCF")
	adopted := Request{Kind: KindDeletion, Status: StatusUnderReview, DecisionAdopted: true}
	assert.Equal(t, "withdraw.decision_adopted", ErrorMessage(CanFilerWithdraw(adopted)), "the adopted decision is final")
	assert.False(t, ApplicantStepsFor(adopted).Withdraw, "the case page no longer offers it")
	assert.Equal(t, "revision.no_decision", ErrorMessage(CanAskRevision(Request{Kind: KindDeletion, Status: StatusInadmissible,
		DecidedAt: decidedAt})), "found inadmissible: nothing to revise")
}

func TestOverdueOnlyWhilePendingAndADayLate(t *testing.T) {
	due := time.Date(2026, 7, 2, 9, 0, 0, 0, time.UTC)
	assert.False(t, Overdue(time.Time{}, StatusUnderReview, due.AddDate(1, 0, 0)), "no due date yet")
	assert.False(t, Overdue(due, StatusUnderReview, due.Add(23*time.Hour)), "not a whole day late")
	assert.True(t, Overdue(due, StatusUnderReview, due.Add(25*time.Hour)))
	assert.False(t, Overdue(due, StatusDecided, due.AddDate(0, 1, 0)), "a decided request is not late")
}

func TestTimeLimitAppliesToPendingAndDecidedRequestsOfItsKinds(t *testing.T) {
	assert.True(t, TimeLimitApplies(Request{Kind: KindAccess, Status: StatusSubmitted}))
	assert.True(t, TimeLimitApplies(Request{Kind: KindDeletion, Status: StatusDecided}))
	assert.False(t, TimeLimitApplies(Request{Kind: KindDeletion, Status: StatusInadmissible}))
	assert.False(t, TimeLimitApplies(Request{Kind: KindDeletion, Status: StatusClosed}))
	assert.False(t, TimeLimitApplies(Request{Kind: KindProvisional, Status: StatusSubmitted}), "urgent requests have no statutory limit")
}
