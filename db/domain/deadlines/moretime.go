package deadlines

import (
	"time"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// MoreTimeInput is the applicant's request for more time to answer.
type MoreTimeInput struct {
	Reason string
	Date   string // the proposed reply-by date, YYYY-MM-DD
}

// AnswerInput is the secretariat's answer to a request for more time.
type AnswerInput struct {
	Answer  string // domain.MoreTimeGranted or domain.MoreTimeRefused
	Date    string // the new reply-by date, when granted
	Message string // required when refused
}

// Pending is the request for more time still waiting for an answer, if any.
func Pending(t domain.TimeLimits) *domain.MoreTime {
	for i := range t.MoreTime {
		if t.MoreTime[i].Answer == "" {
			return &t.MoreTime[i]
		}
	}
	return nil
}

// CanAskMoreTime says whether the applicant may ask for more time to answer
// q, the clarification the case waits for (nil if none): only while it
// waits, and one request at a time per clarification.
func CanAskMoreTime(q *domain.Message, t domain.TimeLimits) error {
	if q == nil {
		return domain.Errorf(domain.EConflict, "deadlines.more_time.nothing_pending")
	}
	for _, m := range t.MoreTime {
		if m.MessageID == q.ID && m.Answer == "" {
			return domain.Errorf(domain.EConflict, "deadlines.more_time.already_asked")
		}
	}
	return nil
}

// ValidateMoreTime checks a request for more time on a clarification to be
// answered by replyBy: a reason, and a proposed day after replyBy and
// today, within MaxMoreTimeDays of replyBy.
func ValidateMoreTime(replyBy string, in MoreTimeInput, now time.Time) domain.FieldErrors {
	var errs domain.FieldErrors
	domain.CheckText(&errs, "reason", in.Reason, "deadlines.more_time.reason_required")
	checkNewReplyBy(&errs, replyBy, in.Date, now)
	return errs
}

// ValidateAnswer checks the secretariat's answer: granted needs a new
// reply-by date (the same bounds as the request), refused a message.
func ValidateAnswer(replyBy string, in AnswerInput, now time.Time) domain.FieldErrors {
	var errs domain.FieldErrors
	switch in.Answer {
	case domain.MoreTimeGranted:
		checkNewReplyBy(&errs, replyBy, in.Date, now)
		if in.Message != "" {
			domain.CheckText(&errs, "message", in.Message, "")
		}
	case domain.MoreTimeRefused:
		domain.CheckText(&errs, "message", in.Message, "deadlines.more_time.message_required")
	default:
		errs.Add("answer", "deadlines.more_time.answer_required")
	}
	return errs
}

func checkNewReplyBy(errs *domain.FieldErrors, replyBy, v string, now time.Time) {
	d, err := ParseDay(v)
	cur, curErr := ParseDay(replyBy)
	switch {
	case v == "":
		errs.Add("date", "deadlines.date_required")
	case err != nil:
		errs.Add("date", "answer.date_invalid")
	case curErr == nil && day(d) <= day(cur):
		errs.Add("date", "deadlines.more_time.not_later", replyBy)
	case day(d) <= day(now):
		errs.Add("date", "answer.date_must_be_future")
	case curErr == nil && day(d) > day(cur.AddDate(0, 0, MaxMoreTimeDays)):
		errs.Add("date", "deadlines.more_time.too_far", MaxMoreTimeDays)
	}
}
