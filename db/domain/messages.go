package domain

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Message kinds: staff ask, the applicant replies.
const (
	MessageClarification = "clarification"
	MessageReply         = "reply"
)

// Message is one entry of a case's clarification thread, which the staff
// and the applicant both see.
type Message struct {
	ID         int64
	RequestID  int64
	AuthorID   int64
	AuthorName string
	Kind       string
	Body       string
	ReplyBy    string // YYYY-MM-DD, for a clarification
	InReplyTo  int64
	CreatedAt  time.Time
	Documents  []Document
	PrevStatus Status
}

// ClarificationInput is what staff send when asking for information.
type ClarificationInput struct {
	Body    string
	ReplyBy string // YYYY-MM-DD
}

// ValidateClarification needs a question and a reply-by date after today.
func ValidateClarification(in ClarificationInput, now time.Time) FieldErrors {
	var errs FieldErrors
	CheckText(&errs, "body", in.Body, "clarify.body_required")
	d, err := time.Parse(time.DateOnly, in.ReplyBy)
	switch {
	case in.ReplyBy == "":
		errs.Add("reply_by", "clarify.reply_by_required")
	case err != nil:
		errs.Add("reply_by", "answer.date_invalid")
	case !d.After(now):
		errs.Add("reply_by", "answer.date_must_be_future")
	}
	return errs
}

// CheckText requires a non-blank text of reasonable length, free of
// control characters other than tabs and line breaks.
func CheckText(errs *FieldErrors, field, v, requiredKey string) {
	if strings.TrimSpace(v) == "" {
		errs.Add(field, requiredKey)
	} else if key := TextFault(v, true); key != "" {
		errs.Add(field, key)
	} else if utf8.RuneCountInString(v) > MaxReasonRunes {
		errs.Add(field, "answer.too_long", MaxReasonRunes)
	}
}

// ValidateWithdrawReason checks the optional reason given for a
// withdrawal like any other reason: bounded, without control characters.
func ValidateWithdrawReason(v string) FieldErrors {
	var errs FieldErrors
	if strings.TrimSpace(v) != "" {
		CheckText(&errs, "reason", v, "")
	}
	return errs
}

// ResumeStatus is where a waiting case goes back to: a question asked before
// admissibility returns it to the admissibility check, any later one to
// the examination.
func ResumeStatus(prev Status) Status {
	if prev == StatusSubmitted {
		return StatusSubmitted
	}
	return StatusUnderReview
}
