// Package helpdesk holds the rules of help requests: questions a signed-in
// person asks the CCF's secretariat about using the portal, outside any
// case, and the answer staff give in the portal. Pure Go.
package helpdesk

import (
	"time"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// Topics are what a help request may be about, in the order the form
// offers them.
var Topics = []string{"using", "documents", "my_request", "account", "technical", "other"}

// The audit actions of staff on help requests: reading one (it shows who
// asked and their address) and answering it.
const (
	AuditView   domain.AuditAction = "help_view"
	AuditAnswer domain.AuditAction = "help_answer"
)

// Request is one question and, once given, its answer.
type Request struct {
	ID         int64
	UserID     int64
	AskerName  string
	AskerEmail string
	Topic      string
	Body       string
	AskedAt    time.Time
	Answer     string
	AnsweredBy string
	AnsweredAt time.Time
}

// Answered reports whether staff have answered the question.
func (r Request) Answered() bool { return !r.AnsweredAt.IsZero() }

// ValidateQuestion checks a new help request: a topic from the list and a
// message, bounded and without control characters, like any reason.
func ValidateQuestion(topic, body string) domain.FieldErrors {
	var errs domain.FieldErrors
	if !isTopic(topic) {
		errs.Add("topic", "helpdesk.topic_required")
	}
	domain.CheckText(&errs, "body", body, "helpdesk.body_required")
	return errs
}

// ValidateAnswer checks a staff answer.
func ValidateAnswer(answer string) domain.FieldErrors {
	var errs domain.FieldErrors
	domain.CheckText(&errs, "answer", answer, "helpdesk.answer_required")
	return errs
}

// CanAnswer refuses a second answer to the same question: the person has
// read the first one, and it is kept as given.
func CanAnswer(r Request) error {
	if r.Answered() {
		return domain.Errorf(domain.EConflict, "helpdesk.already_answered")
	}
	return nil
}

func isTopic(t string) bool {
	for _, x := range Topics {
		if x == t {
			return true
		}
	}
	return false
}
