package deadlines

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/ccf-portal/ccfportal/db/domain"
)

var t0 = time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)

func fieldKey(errs domain.FieldErrors, field string) string {
	for _, e := range errs {
		if e.Field == field {
			return e.Message
		}
	}
	return ""
}

func TestAdmissibilityIsDueAMonthAfterReceiptUntilAssessed(t *testing.T) {
	clock := domain.NewFixedClock(t0)
	r := domain.Request{Kind: domain.KindAccess, Status: domain.StatusSubmitted, SubmittedAt: t0}
	due := AdmissibilityDue(r, 0)
	assert.Equal(t, "2026-04-10", day(due), "the default is one month")
	assert.Equal(t, "2026-05-10", day(AdmissibilityDue(r, 2)), "configurable")
	assert.False(t, AdmissibilityOverdue(due, clock.Now()))
	clock.Set(due)
	assert.False(t, AdmissibilityOverdue(due, clock.Now()), "due today is not overdue")
	clock.Advance(24 * time.Hour)
	assert.True(t, AdmissibilityOverdue(due, clock.Now()))

	r.AdmissibleAt = t0.AddDate(0, 0, 20)
	r.Status = domain.StatusAdmissible
	assert.True(t, AdmissibilityDue(r, 0).IsZero(), "nothing is due once assessed")
	assert.False(t, AdmissibilityOverdue(AdmissibilityDue(r, 0), clock.Now()))
}

func TestACorrectedAdmissibilityDateMovesTheDueDateUnlessExtended(t *testing.T) {
	now := t0.AddDate(0, 2, 0)
	r := domain.Request{Kind: domain.KindDeletion, Status: domain.StatusUnderReview, SubmittedAt: t0,
		AdmissibleAt: t0.AddDate(0, 1, 0)}
	r.DueAt, _ = domain.DueDate(r.Kind, r.AdmissibleAt)

	assert.Equal(t, "deadlines.reason_required", fieldKey(ValidateCorrection(r, CorrectionInput{Date: "2026-03-20"}, now), "reason"))
	assert.Equal(t, "deadlines.correct.before_receipt", fieldKey(ValidateCorrection(r, CorrectionInput{Date: "2026-03-01", Reason: "x"}, now), "date"))
	assert.Equal(t, "deadlines.correct.future", fieldKey(ValidateCorrection(r, CorrectionInput{Date: "2026-06-01", Reason: "x"}, now), "date"))
	assert.Equal(t, "deadlines.correct.same", fieldKey(ValidateCorrection(r, CorrectionInput{Date: "2026-04-10", Reason: "x"}, now), "date"))
	assert.Equal(t, "answer.date_invalid", fieldKey(ValidateCorrection(r, CorrectionInput{Date: "invalid:2026-02-31", Reason: "x"}, now), "date"))
	assert.False(t, ValidateCorrection(r, CorrectionInput{Date: "2026-03-20", Reason: "The file was complete on the 20th"}, now).Any())
	pending := r
	pending.AdmissibleAt = time.Time{}
	assert.Equal(t, "deadlines.correct.not_admissible", fieldKey(ValidateCorrection(pending, CorrectionInput{Date: "2026-03-20", Reason: "x"}, now), "date"))

	corrected, _ := ParseDay("2026-03-20")
	due, warn, ok := DueAfterCorrection(r, corrected, false)
	assert.True(t, ok)
	assert.False(t, warn)
	assert.Equal(t, "2026-12-20", day(due), "9 months from the corrected day")

	// An extension's date is kept; staff are warned when it now comes
	// before the statutory date.
	ext := r
	ext.DueAt, _ = ParseDay("2027-01-15")
	due, warn, _ = DueAfterCorrection(ext, corrected, true)
	assert.Equal(t, "2027-01-15", day(due))
	assert.False(t, warn)
	later, _ := ParseDay("2026-05-01")
	due, warn, _ = DueAfterCorrection(ext, later, true)
	assert.Equal(t, "2027-01-15", day(due))
	assert.True(t, warn, "9 months from 1 May is 1 February, after the extension")
	ext.AdmissibleAt = later
	assert.True(t, ExtensionBeforeNormal(ext, domain.TimeLimits{Extensions: []domain.DateChange{{}}}))
	assert.False(t, ExtensionBeforeNormal(ext, domain.TimeLimits{}), "no extension, no warning")
}

func TestAnExtensionIsLaterThanTheDueDateWithAReason(t *testing.T) {
	r := domain.Request{Kind: domain.KindAccess, Status: domain.StatusUnderReview}
	assert.Equal(t, domain.EConflict, domain.ErrorCode(CanExtend(r)), "no time limit runs before admissibility")
	r.DueAt, _ = ParseDay("2026-07-10")
	assert.NoError(t, CanExtend(r))
	decided := r
	decided.Status = domain.StatusDecided
	assert.Error(t, CanExtend(decided))

	assert.Equal(t, "deadlines.extend.not_later", fieldKey(ValidateExtension(r, ExtensionInput{Date: "2026-07-10", Reason: "x"}), "date"))
	assert.Equal(t, "deadlines.extend.too_far", fieldKey(ValidateExtension(r, ExtensionInput{Date: "2029-07-10", Reason: "x"}), "date"))
	assert.Equal(t, "deadlines.date_required", fieldKey(ValidateExtension(r, ExtensionInput{Reason: "x"}), "date"))
	assert.Equal(t, "deadlines.reason_required", fieldKey(ValidateExtension(r, ExtensionInput{Date: "2026-09-10", Reason: "  "}), "reason"))
	assert.False(t, ValidateExtension(r, ExtensionInput{Date: "2026-09-10", Reason: "The source asked for more time"}).Any())
}

func TestMoreTimeIsAskedOncePerClarificationWithinBounds(t *testing.T) {
	now := t0
	q := &domain.Message{ID: 7, Kind: domain.MessageClarification, ReplyBy: "2026-03-31"}
	assert.Equal(t, domain.EConflict, domain.ErrorCode(CanAskMoreTime(nil, domain.TimeLimits{})))
	assert.NoError(t, CanAskMoreTime(q, domain.TimeLimits{}))
	pending := domain.TimeLimits{MoreTime: []domain.MoreTime{{ID: 1, MessageID: 7}}}
	assert.Equal(t, "deadlines.more_time.already_asked", domain.ErrorMessage(CanAskMoreTime(q, pending)))
	answered := domain.TimeLimits{MoreTime: []domain.MoreTime{{ID: 1, MessageID: 7, Answer: domain.MoreTimeRefused}}}
	assert.NoError(t, CanAskMoreTime(q, answered), "a new request after an answer")
	assert.NotNil(t, Pending(pending))
	assert.Nil(t, Pending(answered))

	ok := MoreTimeInput{Reason: "The court papers arrive next month", Date: "2026-04-30"}
	assert.False(t, ValidateMoreTime(q.ReplyBy, ok, now).Any())
	assert.Equal(t, "deadlines.more_time.not_later", fieldKey(ValidateMoreTime(q.ReplyBy, MoreTimeInput{Reason: "x", Date: "2026-03-31"}, now), "date"))
	assert.Equal(t, "deadlines.more_time.too_far", fieldKey(ValidateMoreTime(q.ReplyBy, MoreTimeInput{Reason: "x", Date: "2026-07-01"}, now), "date"))
	assert.Equal(t, "deadlines.more_time.reason_required", fieldKey(ValidateMoreTime(q.ReplyBy, MoreTimeInput{Date: "2026-04-30"}, now), "reason"))
	late := now.AddDate(0, 1, 5) // the reply-by date has passed: a later day must still be ahead
	assert.Equal(t, "answer.date_must_be_future", fieldKey(ValidateMoreTime(q.ReplyBy, MoreTimeInput{Reason: "x", Date: "2026-04-10"}, late), "date"))

	assert.False(t, ValidateAnswer(q.ReplyBy, AnswerInput{Answer: domain.MoreTimeGranted, Date: "2026-04-20"}, now).Any())
	assert.Equal(t, "deadlines.more_time.message_required", fieldKey(ValidateAnswer(q.ReplyBy, AnswerInput{Answer: domain.MoreTimeRefused}, now), "message"))
	assert.False(t, ValidateAnswer(q.ReplyBy, AnswerInput{Answer: domain.MoreTimeRefused, Message: "The CCF needs the documents now."}, now).Any())
	assert.Equal(t, "deadlines.more_time.answer_required", fieldKey(ValidateAnswer(q.ReplyBy, AnswerInput{}, now), "answer"))
}

func TestTheApplicantSeesNoReasonsOfExtensionsNorCorrections(t *testing.T) {
	tl := domain.TimeLimits{Extensions: []domain.DateChange{{Reason: "internal", ByName: "Staff"}},
		Corrections: []domain.DateChange{{Reason: "internal"}}, MoreTime: []domain.MoreTime{{ID: 1}}}
	a := ForApplicant(tl)
	assert.Empty(t, a.Corrections)
	assert.Len(t, a.Extensions, 1)
	assert.Empty(t, a.Extensions[0].Reason)
	assert.Empty(t, a.Extensions[0].ByName)
	assert.Len(t, a.MoreTime, 1)
}
