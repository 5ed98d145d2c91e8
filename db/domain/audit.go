package domain

import "time"

// AuditAction names what a staff member did to a case.
type AuditAction string

// Audited actions: every staff read or change of a case.
const (
	AuditCaseView      AuditAction = "case_view"
	AuditDownload      AuditAction = "document_download"
	AuditAdmissibility AuditAction = "admissibility"
	AuditClarification AuditAction = "clarification_send"
	AuditResume        AuditAction = "clarification_resume"
	AuditNote          AuditAction = "note_add"
	AuditMeasure       AuditAction = "measure_record"
	AuditMeasureLift   AuditAction = "measure_lift"
	AuditDecision      AuditAction = "decision_record"
	AuditNoticeIssue   AuditAction = "notice_issue"
	AuditNoticeAck     AuditAction = "notice_acknowledge"
	AuditAssign        AuditAction = "case_assign"
	AuditTrailView     AuditAction = "audit_view"
	AuditSeed          AuditAction = "store_seed"
)

// AuditEntry is one row of the audit log.
type AuditEntry struct {
	ID        int64
	At        time.Time
	ActorID   int64
	ActorName string
	Action    AuditAction
	RequestID int64
	Detail    string
	PrevHash  string
	Hash      string
}
