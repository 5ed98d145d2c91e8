package domain

// StaffCase is one case as the staff case page shows it, read from the
// store at one moment: the request and everything filed with it, what has
// come of it, the internal notes, the deletion notices with their
// recipients, the full timeline and who works on it.
type StaffCase struct {
	Request Request
	Info    CaseInfo
	Filing  Filing
	// Events is the whole timeline, internal entries included.
	Events  []Event
	Outcome CaseOutcome
	Notes   []Note
	Notices []DeletionNotice
	// Targets are the data a deletion notice on the case can concern.
	Targets []DataTarget
	// Staff are the staff accounts the case can be assigned to.
	Staff []User
}

// NoticeDue reports whether a deletion notice is still to be issued on the
// case (see NoticeDue).
func (c StaffCase) NoticeDue() bool { return NoticeDue(c.Outcome.Decision, c.Notices, c.Targets) }

// Steps are the next steps the procedure allows on the case now.
func (c StaffCase) Steps() StaffSteps {
	r := c.Request
	return StaffSteps{
		AssessAdmissibility: AdmissibilityPending(r),
		Decide:              CanDecide(r) == nil,
		Withdraw:            CanWithdraw(r) == nil,
		Clarify:             CanAskClarification(r) == nil,
		Resume:              CanResume(r) == nil,
		Measure:             CanRecordMeasure(r) == nil,
		IssueNotice:         c.NoticeDue(),
	}
}

// ApplicantCase is a filed request as its filer's case page shows it,
// read from the store at one moment. It holds only what the applicant may
// see: no internal notes, no internal timeline entries, no deletion
// notices beyond whether one was issued. For a draft only Request and
// Filing are set: a draft's page is its task list.
type ApplicantCase struct {
	Request Request
	Filing  Filing
	// Events is the timeline without its internal entries.
	Events []Event
	// Linked are the requests this one follows and those that follow it,
	// as far as the reader may see them.
	Linked []Request
	// Representatives are the counsel acting for the applicant.
	Representatives []string
	Outcome         CaseOutcome
}

// Steps are what the filer can do next on the case.
func (c ApplicantCase) Steps() ApplicantSteps { return ApplicantStepsFor(c.Request) }
