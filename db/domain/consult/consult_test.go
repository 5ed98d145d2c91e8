package consult

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
)

var start = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func fields(errs domain.FieldErrors) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Field+":"+e.Message)
	}
	return out
}

func TestANewConsultationOfTheSourceTakesTheCaseCountryAndTheDefaultDueDate(t *testing.T) {
	in := NewInput{Recipient: SourceNCB, Country: "FR", Entity: "x", Question: "Is the notice still needed?", SentOn: "2026-03-02"}
	require.Empty(t, ValidateNew(&in, "TR", DefaultReplyDays, start))
	assert.Equal(t, "TR", in.Country)
	assert.Empty(t, in.Entity)
	assert.Equal(t, "2026-04-01", in.ReplyDue)

	in = NewInput{Recipient: SourceNCB, Question: "Q", SentOn: "2026-03-02"}
	require.Empty(t, ValidateNew(&in, "TR", 14, start))
	assert.Equal(t, "2026-03-16", in.ReplyDue, "the configured days")
}

func TestANewConsultationIsRefusedWhereItsFieldsDoNotHold(t *testing.T) {
	cases := []struct {
		in     NewInput
		source string
		want   []string
	}{
		{NewInput{Recipient: SourceNCB, Question: "Q", SentOn: "2026-03-02"}, "", []string{"recipient:consult.source_unknown"}},
		{NewInput{Recipient: OtherNCB, Country: "XX", Question: "Q", SentOn: "2026-03-02"}, "TR", []string{"country:consult.country_required"}},
		{NewInput{Recipient: InternationalEntity, Question: "Q", SentOn: "2026-03-02"}, "TR", []string{"entity:consult.entity_required"}},
		{NewInput{Recipient: "friend", Question: "Q", SentOn: "2026-03-02"}, "TR", []string{"recipient:consult.recipient_required"}},
		{NewInput{Recipient: GeneralSecretariat, SentOn: "2026-03-03"}, "TR",
			[]string{"question:consult.question_required", "sent_on:answer.date_must_be_past"}},
		{NewInput{Recipient: GeneralSecretariat, Question: "Q", SentOn: "2026-03-02", ReplyDue: "2026-03-01"}, "TR",
			[]string{"reply_due:consult.due_after_sent_on"}},
		{NewInput{Recipient: GeneralSecretariat, Question: "Q", SentOn: "2026-02-30"}, "TR", []string{"sent_on:answer.date_invalid"}},
	}
	for _, c := range cases {
		in := c.in
		assert.Equal(t, c.want, fields(ValidateNew(&in, c.source, DefaultReplyDays, start)), "%+v", c.in)
	}
	in := NewInput{Recipient: OtherNCB, Country: "FR", Question: "Q", SentOn: "2026-03-01", ReplyDue: "2026-05-01"}
	require.Empty(t, ValidateNew(&in, "TR", DefaultReplyDays, start))
	assert.Equal(t, "2026-05-01", in.ReplyDue, "a due date staff chose is kept")
}

func TestAConsultationGoesFromOpenToOverdueAndEndsWithAReplyOrWithout(t *testing.T) {
	clock := domain.NewFixedClock(start)
	c := Consultation{SentOn: "2026-03-02", ReplyDue: "2026-04-01"}
	assert.Equal(t, Open, c.State(clock.Now()))
	require.Error(t, CanMarkNoReply(c, clock.Now()))

	clock.Set(time.Date(2026, 4, 1, 23, 59, 0, 0, time.UTC))
	assert.Equal(t, Open, c.State(clock.Now()), "the due day itself is not yet overdue")
	err := CanMarkNoReply(c, clock.Now())
	assert.Equal(t, domain.EConflict, domain.ErrorCode(err))
	assert.Equal(t, "consult.no_reply_too_early", domain.ErrorMessage(err))

	clock.Advance(2 * time.Minute)
	assert.Equal(t, Overdue, c.State(clock.Now()))
	require.NoError(t, CanMarkNoReply(c, clock.Now()))
	require.NoError(t, ValidateReminder(c, "2026-04-02", clock.Now()))
	require.Error(t, ValidateReminder(c, "2026-03-01", clock.Now()), "before it was sent")
	require.Error(t, ValidateReminder(c, "2026-04-03", clock.Now()), "in the future")

	replied := c
	replied.RepliedOn = "2026-04-02"
	assert.Equal(t, Replied, replied.State(clock.Now()))
	assert.Equal(t, domain.EConflict, domain.ErrorCode(CanMarkNoReply(replied, clock.Now())))
	assert.Equal(t, domain.EConflict, domain.ErrorCode(ValidateReply(replied, ReplyInput{ReceivedOn: "2026-04-02", Summary: "S"}, clock.Now())))

	none := c
	none.NoReplyOn = "2026-04-02"
	assert.Equal(t, NoReply, none.State(clock.Now()))
	assert.True(t, AnyNoReply([]Consultation{c, none}))
	assert.Equal(t, domain.EConflict, domain.ErrorCode(ValidateReminder(none, "2026-04-02", clock.Now())))
}

func TestAReplyNeedsItsDayAndASummary(t *testing.T) {
	c := Consultation{SentOn: "2026-02-01", ReplyDue: "2026-03-03"}
	err := ValidateReply(c, ReplyInput{ReceivedOn: "2026-01-31", Restriction: "\x00"}, start)
	require.Error(t, err)
	var ve *domain.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []string{"received_on:consult.before_sent_on", "summary:consult.summary_required", "restriction:answer.control_chars"},
		fields(ve.Fields))
	require.NoError(t, ValidateReply(c, ReplyInput{ReceivedOn: "2026-03-02", Summary: "Data kept.", Restriction: "Do not disclose the file number."}, start))
}

func TestTheNoReplyReasonNeedsAConsultationThatEndedWithoutReply(t *testing.T) {
	open := []Consultation{{SentOn: "2026-02-01", ReplyDue: "2026-03-01"}}
	assert.Equal(t, []string{"standard_reasons:consult.standard_reason_no_reply_unfounded"},
		fields(ValidStandardReasons([]string{StandardReasonNoReply}, open)))
	assert.Equal(t, []string{"standard_reasons:consult.standard_reason_unknown"}, fields(ValidStandardReasons([]string{"other"}, nil)))
	open[0].NoReplyOn = "2026-03-02"
	assert.Empty(t, ValidStandardReasons([]string{StandardReasonNoReply}, open))
	assert.Empty(t, ValidStandardReasons(nil, nil))
}

func TestADueDateMovesOnlyWhileTheConsultationIsOpen(t *testing.T) {
	c := Consultation{SentOn: "2026-02-01", ReplyDue: "2026-03-01"}
	require.NoError(t, ValidateDueDate(c, "2026-04-01"))
	require.Error(t, ValidateDueDate(c, "2026-01-01"))
	c.RepliedOn = "2026-02-10"
	assert.Equal(t, domain.EConflict, domain.ErrorCode(ValidateDueDate(c, "2026-04-01")))
}
