package consult

import (
	"slices"
	"strings"
	"time"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/countries"
)

// NewInput is what staff record when they send a consultation.
type NewInput struct {
	Recipient Recipient
	Country   string // for another NCB
	Entity    string // for an international entity
	Question  string
	SentOn    string
	ReplyDue  string // empty: DueAfter(SentOn, the configured days)
}

// ValidateNew checks a new consultation and completes it: the source NCB
// is the case's source country, an empty reply date is the default one
// after the sending, and fields that do not belong to the recipient are
// dropped. source is the case's source country ("" if unknown).
func ValidateNew(in *NewInput, source string, replyDays int, now time.Time) domain.FieldErrors {
	var errs domain.FieldErrors
	in.Country, in.Entity = strings.TrimSpace(in.Country), strings.TrimSpace(in.Entity)
	switch in.Recipient {
	case SourceNCB:
		in.Country, in.Entity = source, ""
		if source == "" || !countries.Exists(source) {
			errs.Add("recipient", "consult.source_unknown")
		}
	case GeneralSecretariat:
		in.Country, in.Entity = "", ""
	case OtherNCB:
		in.Entity = ""
		if !countries.IsMember(in.Country) {
			errs.Add("country", "consult.country_required")
		}
	case InternationalEntity:
		in.Country = ""
		domain.CheckText(&errs, "entity", in.Entity, "consult.entity_required")
	default:
		errs.Add("recipient", "consult.recipient_required")
	}
	domain.CheckText(&errs, "question", in.Question, "consult.question_required")
	if checkDay(&errs, "sent_on", in.SentOn, "consult.sent_on_required", "", now) {
		if strings.TrimSpace(in.ReplyDue) == "" {
			in.ReplyDue = DueAfter(in.SentOn, replyDays)
		}
		checkDue(&errs, in.ReplyDue, in.SentOn)
	}
	return errs
}

// ValidateDueDate checks a new reply date for an open consultation.
func ValidateDueDate(c Consultation, due string) error {
	if c.Closed() {
		return domain.Errorf(domain.EConflict, "consult.closed")
	}
	var errs domain.FieldErrors
	if checkDue(&errs, due, c.SentOn); errs.Any() {
		return errs.Err()
	}
	return nil
}

// ValidateReminder checks the date a reminder was sent: a real day, not
// in the future, not before the consultation itself, and only while no
// reply has come and none has been found missing.
func ValidateReminder(c Consultation, on string, now time.Time) error {
	if c.Closed() {
		return domain.Errorf(domain.EConflict, "consult.closed")
	}
	var errs domain.FieldErrors
	if checkDay(&errs, "reminded_on", on, "consult.reminded_on_required", c.SentOn, now); !errs.Any() {
		return nil
	}
	return errs.Err()
}

// ReplyInput is the reply received to a consultation.
type ReplyInput struct {
	ReceivedOn  string
	Summary     string
	Restriction string // optional: what may not be disclosed to the applicant
}

// ValidateReply checks a reply to an open consultation: the day it came
// (not before the consultation, not in the future), a summary, and the
// restriction, if any, like any other text.
func ValidateReply(c Consultation, in ReplyInput, now time.Time) error {
	if c.Closed() {
		return domain.Errorf(domain.EConflict, "consult.closed")
	}
	var errs domain.FieldErrors
	checkDay(&errs, "received_on", in.ReceivedOn, "consult.received_on_required", c.SentOn, now)
	domain.CheckText(&errs, "summary", in.Summary, "consult.summary_required")
	if strings.TrimSpace(in.Restriction) != "" {
		domain.CheckText(&errs, "restriction", in.Restriction, "")
	}
	if errs.Any() {
		return errs.Err()
	}
	return nil
}

// CanMarkNoReply says whether staff may record that no reply came: only
// for an open consultation, and only once its due date has passed.
func CanMarkNoReply(c Consultation, now time.Time) error {
	if c.Closed() {
		return domain.Errorf(domain.EConflict, "consult.closed")
	}
	if Today(now) <= c.ReplyDue {
		return domain.Errorf(domain.EConflict, "consult.no_reply_too_early", c.ReplyDue)
	}
	return nil
}

// checkDay requires v to be a real day, not after today and not before
// notBefore (if given); it reports whether v is valid.
func checkDay(errs *domain.FieldErrors, field, v, requiredKey, notBefore string, now time.Time) bool {
	d, err := time.Parse(time.DateOnly, v)
	switch {
	case strings.TrimSpace(v) == "":
		errs.Add(field, requiredKey)
	case err != nil || d.Year() < 1900:
		errs.Add(field, "answer.date_invalid")
	case v > Today(now):
		errs.Add(field, "answer.date_must_be_past")
	case notBefore != "" && v < notBefore:
		errs.Add(field, "consult.before_sent_on")
	default:
		return true
	}
	return false
}

// checkDue requires the reply date to be a real day after the sending.
func checkDue(errs *domain.FieldErrors, due, sentOn string) {
	d, err := time.Parse(time.DateOnly, due)
	switch {
	case strings.TrimSpace(due) == "":
		errs.Add("reply_due", "consult.reply_due_required")
	case err != nil || d.Year() > 2200:
		errs.Add("reply_due", "answer.date_invalid")
	case due <= sentOn:
		errs.Add("reply_due", "consult.due_after_sent_on")
	}
}

// StandardReasonNoReply is the standard reason a decision may give when a
// consultation ended without a reply.
const StandardReasonNoReply = "source_no_reply"

// StandardReasons lists the standard reasons a decision form offers.
var StandardReasons = []string{StandardReasonNoReply}

// ValidStandardReasons checks the standard reasons chosen for a decision:
// known ones only, and "the source did not reply" only where a
// consultation of the case did end without a reply.
func ValidStandardReasons(chosen []string, list []Consultation) domain.FieldErrors {
	var errs domain.FieldErrors
	for _, r := range chosen {
		switch {
		case !slices.Contains(StandardReasons, r):
			errs.Add("standard_reasons", "consult.standard_reason_unknown")
		case r == StandardReasonNoReply && !AnyNoReply(list):
			errs.Add("standard_reasons", "consult.standard_reason_no_reply_unfounded")
		}
	}
	return errs
}
