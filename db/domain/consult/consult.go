// Package consult holds the rules of the consultations the CCF holds while
// it examines a case: whom it asks (the source NCB, the General
// Secretariat, another NCB, an international entity), when the reply is
// due, reminders, the reply and any restriction on what may be disclosed,
// and the finding that no reply came by the due date. Consultations are
// internal to the CCF: nothing here is ever shown to the applicant. Pure
// Go, on top of db/domain.
package consult

import (
	"time"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// Recipient is whom the CCF consults.
type Recipient string

// The recipients a consultation may go to.
const (
	SourceNCB           Recipient = "source_ncb"
	GeneralSecretariat  Recipient = "general_secretariat"
	OtherNCB            Recipient = "other_ncb"
	InternationalEntity Recipient = "international_entity"
)

// Recipients lists them in the order the form offers them.
var Recipients = []Recipient{SourceNCB, GeneralSecretariat, OtherNCB, InternationalEntity}

// State is where a consultation stands.
type State string

// The states of a consultation. Overdue is open with its due date passed.
const (
	Open    State = "open"
	Overdue State = "overdue"
	Replied State = "replied"
	NoReply State = "no_reply"
)

// DefaultReplyDays is how long the CCF usually gives for a reply, about a
// month (practice); the portal's -consultation-reply-days flag changes it.
const DefaultReplyDays = 30

// Audited actions on consultations, in the audit log beside the others.
const (
	AuditAdd      domain.AuditAction = "consultation_add"
	AuditReminder domain.AuditAction = "consultation_reminder"
	AuditReply    domain.AuditAction = "consultation_reply"
	AuditNoReply  domain.AuditAction = "consultation_no_reply"
	AuditDownload domain.AuditAction = "consultation_download"
	AuditDueDate  domain.AuditAction = "consultation_due_date"
)

// Document is the reply's attached file, stored encrypted like evidence.
type Document struct {
	ID          int64
	Name        string
	ContentType string
	Size        int64
	SHA256      string
	StorageKey  string
}

// Consultation is one request for information the CCF sent about a case.
// Dates are ISO calendar dates (YYYY-MM-DD), as staff record them.
type Consultation struct {
	ID          int64
	RequestID   int64
	Recipient   Recipient
	Country     string // the NCB's country (the source's, or the one chosen)
	Entity      string // the international entity's name
	Question    string
	SentOn      string
	ReplyDue    string
	Reminders   []string // dates reminders were sent, oldest first
	RepliedOn   string
	Summary     string
	Restriction string // what may not be disclosed to the applicant, as the reply says
	Document    *Document
	NoReplyOn   string // the day staff found no reply had come
	CreatedBy   string
	CreatedAt   time.Time
}

// Today is the calendar day of now, in UTC, as dates are compared.
func Today(now time.Time) string { return now.UTC().Format(time.DateOnly) }

// State says where c stands on the day of now.
func (c Consultation) State(now time.Time) State {
	switch {
	case c.RepliedOn != "":
		return Replied
	case c.NoReplyOn != "":
		return NoReply
	case Today(now) > c.ReplyDue:
		return Overdue
	}
	return Open
}

// Closed reports whether the consultation has ended, with a reply or
// without one.
func (c Consultation) Closed() bool { return c.RepliedOn != "" || c.NoReplyOn != "" }

// DueAfter is the default reply date for a consultation sent on sentOn:
// days later (DefaultReplyDays when days is not positive).
func DueAfter(sentOn string, days int) string {
	if days <= 0 {
		days = DefaultReplyDays
	}
	d, err := time.Parse(time.DateOnly, sentOn)
	if err != nil {
		return ""
	}
	return d.AddDate(0, 0, days).Format(time.DateOnly)
}

// AnyNoReply reports whether one of the consultations ended without a
// reply by its due date, which a decision may then give as a reason.
func AnyNoReply(list []Consultation) bool {
	for _, c := range list {
		if c.NoReplyOn != "" {
			return true
		}
	}
	return false
}
