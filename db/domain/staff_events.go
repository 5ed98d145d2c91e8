package domain

// Timeline entries written by the staff desk and by applicants answering
// it. Internal ones (assignment, consultations, notices) are for staff only;
// the rest show on the applicant's case page too.
const (
	EventFoundAdmissible        EventKind = "found_admissible"
	EventFoundInadmissible      EventKind = "found_inadmissible"
	EventClarificationRequested EventKind = "clarification_requested"
	EventClarificationAnswered  EventKind = "clarification_answered"
	EventExaminationResumed     EventKind = "examination_resumed"
	EventAssigned               EventKind = "case_assigned"
	EventUnassigned             EventKind = "case_unassigned"
	EventConsultation           EventKind = "consultation_recorded"
	EventMeasureGranted         EventKind = "measure_granted"
	EventMeasureRefused         EventKind = "measure_refused"
	EventMeasureLifted          EventKind = "measure_lifted"
	EventDecisionRecorded       EventKind = "decision_recorded"
	EventRequestWithdrawn       EventKind = "request_withdrawn"
	EventWithdrawnByApplicant   EventKind = "withdrawn_by_applicant"
	EventNoticeIssued           EventKind = "notice_issued"
	EventNoticeAcknowledged     EventKind = "notice_acknowledged"
	EventDecisionCarriedOut     EventKind = "decision_carried_out"
)
