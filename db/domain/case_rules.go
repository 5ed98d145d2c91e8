package domain

import "time"

// StaffSteps are the staff actions the procedure allows on a case now.
type StaffSteps struct {
	AssessAdmissibility bool
	Decide              bool
	Withdraw            bool // record a withdrawal (a decision that ends the case without a finding)
	Clarify             bool
	Resume              bool
	Measure             bool
	IssueNotice         bool
}

// ApplicantSteps are what a filer can do next on a filed request.
type ApplicantSteps struct {
	Urgent   bool // ask for provisional measures
	Further  bool // send a further submission
	Revision bool // apply for revision of the decision
	Deletion bool // ask for deletion of the data an access request is about
	Withdraw bool // withdraw the pending request
}

// Any reports whether the filer can do anything at all.
func (s ApplicantSteps) Any() bool {
	return s.Urgent || s.Further || s.Revision || s.Deletion || s.Withdraw
}

// ApplicantStepsFor works out what the filer of r can do next: urgent
// measures and further submissions while the case is pending, revision
// once it is decided, and, after an access request, a deletion request
// that follows it.
func ApplicantStepsFor(r Request) ApplicantSteps {
	return ApplicantSteps{
		Urgent:   CanAskProvisional(r) == nil,
		Further:  CanSubmitFurther(r) == nil,
		Revision: CanAskRevision(r) == nil,
		Deletion: r.Kind == KindAccess,
		Withdraw: CanFilerWithdraw(r) == nil,
	}
}

// CanFilerWithdraw says whether the filer may withdraw r: any pending
// request (the urgent requests on it go with it). A draft is not before the
// CCF yet; a finished case has nothing left to withdraw; and once the
// Requests Chamber has adopted its decision the decision is final, even
// before it is sent, so there is nothing left to withdraw either.
func CanFilerWithdraw(r Request) error {
	if !r.Status.IsOpen() {
		return Errorf(EConflict, "withdraw.not_pending")
	}
	if r.DecisionAdopted {
		return Errorf(EConflict, "withdraw.decision_adopted")
	}
	return nil
}

// CanSubmitFurther says whether the filer may add a further submission to
// r: only while it is pending before the CCF.
func CanSubmitFurther(r Request) error {
	if !r.Status.IsOpen() {
		return Errorf(EConflict, "further.not_pending")
	}
	return nil
}

// CanAskRevision says whether the filer may apply for revision of r: only
// of a decision (a request that ended otherwise has none to revise). The
// revision window is checked on the application itself.
func CanAskRevision(r Request) error {
	if !r.HasDecision() {
		return Errorf(EConflict, "revision.no_decision")
	}
	return nil
}

// AdmissibilityPending reports whether r waits for its admissibility
// assessment: it is made once, before any other step, while the request is
// submitted or waiting for an answer asked before the assessment.
func AdmissibilityPending(r Request) bool {
	return r.AdmissibleAt.IsZero() && (r.Status == StatusSubmitted || r.Status == StatusAwaitingApplicant)
}

// AdmissibilityAssessed reports whether the admissibility of r was already
// assessed, found admissible (the request carries the date) or not (a is
// the recorded assessment): it can be assessed only once.
func AdmissibilityAssessed(r Request, a *Admissibility) bool {
	return !r.AdmissibleAt.IsZero() || a != nil
}

// CanWithdraw says whether a withdrawal may be recorded on r now.
func CanWithdraw(r Request) error { return CheckTransition(r.Status, StatusWithdrawn) }

// CanAskClarification says whether staff may ask the applicant for
// information on r now: the case must be able to wait for them.
func CanAskClarification(r Request) error {
	if CheckTransition(r.Status, StatusAwaitingApplicant) != nil {
		return Errorf(EConflict, "clarify.not_now")
	}
	return nil
}

// CanResume says whether staff may take r back without a reply: only while
// it waits for the applicant.
func CanResume(r Request) error {
	if r.Status != StatusAwaitingApplicant {
		return Errorf(EConflict, "clarify.not_waiting")
	}
	return nil
}

// CanRecordMeasure says whether provisional measures may be granted or
// refused on r: only while it is pending.
func CanRecordMeasure(r Request) error {
	if !r.Status.IsOpen() {
		return Errorf(EConflict, "measure.case_not_pending")
	}
	return nil
}

// CanIssueNotice says whether decision d orders a deletion notice: there
// must be a decision, and it must order the data deleted or corrected.
func CanIssueNotice(d *Decision) error {
	if d == nil {
		return Errorf(EConflict, "notice.no_decision")
	}
	if d.Action == "" {
		return Errorf(EConflict, "notice.not_ordered")
	}
	return nil
}

// NoticeDue reports whether a deletion notice is still to be issued: the
// decision ordered deletion or correction and some of the data it concerns
// (targets) has no notice yet.
func NoticeDue(d *Decision, notices []DeletionNotice, targets []DataTarget) bool {
	if CanIssueNotice(d) != nil {
		return false
	}
	issued := make(map[string]bool, len(notices))
	for _, n := range notices {
		issued[n.Target.Key] = true
	}
	for _, t := range targets {
		if !issued[t.Key] {
			return true
		}
	}
	return false
}

// Overdue reports whether a decision due at due is late: the request (in
// status s) is still pending and a whole day has passed since the date.
func Overdue(due time.Time, s Status, now time.Time) bool {
	return !due.IsZero() && s.IsOpen() && DaysLeft(due, now) < 0
}

// TimeLimitApplies reports whether the statutory time limit concerns r:
// its kind has one, and r is pending or was decided (not ended otherwise,
// as an inadmissible or withdrawn request is).
func TimeLimitApplies(r Request) bool {
	_, ok := TimeLimit(r.Kind)
	return ok && (r.Status.IsOpen() || r.Status == StatusDecided)
}
