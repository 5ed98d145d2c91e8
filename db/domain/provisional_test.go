package domain

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func urgentAnswers() Answers {
	return Answers{"urgent_event": "travel", "urgent_where": "Istanbul airport", "urgent_date": "2026-03-05",
		"urgent_time": "06:30", "urgent_tz": "+03:00", "urgent_measures": "block,priority",
		"urgent_why": "Flight to a conference", "urgent_contact": "Sister, +49 170 000000"}
}

func TestEventTimeUsesTheGivenOffset(t *testing.T) {
	at, ok := EventTime(urgentAnswers())
	require.True(t, ok)
	assert.Equal(t, time.Date(2026, 3, 5, 3, 30, 0, 0, time.UTC), at)
	a := urgentAnswers()
	a["urgent_tz"] = "+05:45"
	at, _ = EventTime(a)
	assert.Equal(t, time.Date(2026, 3, 5, 0, 45, 0, 0, time.UTC), at)
	a["urgent_tz"] = "+99:00"
	_, ok = EventTime(a)
	assert.False(t, ok)
}

func TestProvisionalValidation(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	assert.Empty(t, ValidateProvisional(urgentAnswers(), now))

	past := urgentAnswers()
	past["urgent_date"] = "2026-03-02"
	past["urgent_time"] = "11:00" // 08:00 UTC, an hour ago
	errs := ValidateProvisional(past, now)
	require.Len(t, errs, 1)
	assert.Equal(t, "urgent.event_past", errs[0].Message)

	timeWithoutZone := urgentAnswers()
	delete(timeWithoutZone, "urgent_tz")
	_, ok := ValidateProvisional(timeWithoutZone, now).For("urgent_tz")
	assert.True(t, ok, "a time means nothing without its zone")

	badMeasure := urgentAnswers()
	badMeasure["urgent_measures"] = "block,free_me"
	_, ok = ValidateProvisional(badMeasure, now).For("urgent_measures")
	assert.True(t, ok)
}

// A person detained now often knows no date ahead: the form is complete
// without one, and a detention date, when given, lies in the past.
func TestADetainedPersonFilesWithoutADate(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	a := Answers{"urgent_event": "detention", "urgent_where": "Police station, Larnaca", "urgent_measures": "block",
		"urgent_why": "Arrested at the airport on the notice.", "urgent_contact": "Lawyer, +357 99 000000"}
	assert.Empty(t, ValidateProvisional(a, now))
	_, ok := EventTime(a)
	assert.False(t, ok, "no date, no event time")
	assert.True(t, Detained(a))
	assert.Equal(t, now, DetainedSince(a, now), "since filing when no date is known")

	a["urgent_detained_since"] = "2026-02-27"
	assert.Empty(t, ValidateProvisional(a, now))
	assert.Equal(t, time.Date(2026, 2, 27, 0, 0, 0, 0, time.UTC), DetainedSince(a, now))
	a["urgent_detained_since"] = "2026-03-09"
	_, ok = ValidateProvisional(a, now).For("urgent_detained_since")
	assert.True(t, ok, "a detention date cannot lie ahead")

	dated := Answers{"urgent_event": "extradition_hearing", "urgent_date": "2026-03-04"}
	at, ok := EventTime(dated)
	require.True(t, ok)
	assert.Equal(t, time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC), at, "a date without a time counts from its start")
	assert.False(t, Detained(dated))
	assert.True(t, DetainedSince(dated, now).IsZero())
	assert.True(t, Detained(Answers{"urgent_detained": "yes"}), "as earlier filings said it")
}

func TestHoursLeftCountsDownWithTheClock(t *testing.T) {
	clock := NewFixedClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	event := time.Date(2026, 3, 5, 3, 30, 0, 0, time.UTC)
	assert.Equal(t, 66, HoursLeft(event, clock.Now()))
	clock.Advance(65*time.Hour + 59*time.Minute)
	assert.Equal(t, 0, HoursLeft(event, clock.Now()))
	clock.Advance(2 * time.Hour)
	assert.Negative(t, HoursLeft(event, clock.Now()))
}

func TestRevisionWindow(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	discovered := day(2026, 1, 10)
	assert.Equal(t, day(2026, 7, 10), RevisionDeadline(discovered))
	assert.NoError(t, CheckRevisionWindow(discovered, day(2026, 7, 10).Add(15*time.Hour)), "the last day counts")
	err := CheckRevisionWindow(discovered, day(2026, 7, 11))
	assert.Equal(t, EInvalid, ErrorCode(err))
	assert.Equal(t, "revision.too_late", ErrorMessage(err))
	assert.Equal(t, day(2026, 2, 28), RevisionDeadline(day(2025, 8, 31)), "month ends clamp")

	assert.True(t, DecisionOlderThanWindow(day(2024, 5, 1), day(2026, 3, 1)))
	assert.False(t, DecisionOlderThanWindow(day(2026, 1, 1), day(2026, 3, 1)))
	assert.NoError(t, CheckRevisionWindow(day(2026, 2, 1), day(2026, 3, 1)), "an old decision with a recent discovery is allowed")
}

func TestRevisionValidationNeedsAShortSummaryAndAFactInTime(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	a := Answers{"revision_fact": "A court acquitted me.", "revision_discovered": "2026-02-01", "revision_why": "The notice rests on that charge."}
	assert.Empty(t, ValidateRevision(a, NewDocument{PageCount: 2}, true, now))
	_, ok := ValidateRevision(a, NewDocument{PageCount: 3}, true, now).For("summary_file")
	assert.True(t, ok)
	_, ok = ValidateRevision(a, NewDocument{}, false, now).For("summary_file")
	assert.True(t, ok)
	e, ok := ValidateRevision(a, NewDocument{PagesUnknown: true}, true, now).For("summary_file")
	assert.True(t, ok)
	assert.Equal(t, "upload.pages_unknown", e.Message, "a PDF whose pages cannot be counted is refused")
	a["revision_discovered"] = "2025-08-01"
	e, ok = ValidateRevision(a, NewDocument{PageCount: 1}, true, now).For("revision_late_reason")
	require.True(t, ok, "a late application says why")
	assert.Equal(t, "revision.late_reason_required", e.Message)
	assert.Equal(t, []any{"2026-02-01"}, e.Args)
	a["revision_late_reason"] = "The acquittal was only served on me in February."
	assert.Empty(t, ValidateRevision(a, NewDocument{PageCount: 1}, true, now), "late is a warning, not a refusal")
	late, due := RevisionLate(a, now)
	assert.True(t, late)
	assert.Equal(t, time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), due)
}

func TestCanAskProvisional(t *testing.T) {
	assert.NoError(t, CanAskProvisional(Request{Kind: KindAccess, Status: StatusUnderReview}))
	assert.NoError(t, CanAskProvisional(Request{Kind: KindDeletion, Status: StatusDraft}))
	assert.Equal(t, "urgent.case_closed", ErrorMessage(CanAskProvisional(Request{Kind: KindDeletion, Status: StatusClosed})))
	assert.NoError(t, CanAskProvisional(Request{Kind: KindAccess, Status: StatusDraft}), "sent at once, on a draft of either kind")
	assert.Equal(t, "urgent.wrong_kind", ErrorMessage(CanAskProvisional(Request{Kind: KindRevision, Status: StatusSubmitted})))
}

func TestAnUploadedSummaryMustHaveCountablePages(t *testing.T) {
	d := NewDocument{Type: DocSummary, Language: "en", Description: "Summary", PagesUnknown: true}
	e, ok := ValidateEvidence(d, nil).For("file")
	require.True(t, ok)
	assert.Equal(t, "upload.pages_unknown", e.Message)
	d.Type = DocCourtDecision
	_, ok = ValidateEvidence(d, nil).For("file")
	assert.False(t, ok, "evidence without a page limit is accepted with its pages unknown")
}

// Urgent measures on a draft are sent at once, so the draft must first say
// who the person is; a pending request already does.
func TestUrgentMeasuresOnADraftNeedThePersonFirst(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	draft := Request{Kind: KindDeletion, Status: StatusDraft, Answers: Answers{"full_name": "Amal Haddad"}}
	assert.True(t, NeedsUrgentPerson(draft, now))
	draft.Answers = Answers{"representation": "self", "full_name": "Amal Haddad", "birth_date": "1985-07-14", "nationality": "SY"}
	assert.False(t, NeedsUrgentPerson(draft, now))
	draft.Answers["birth_date"] = "2030-01-01"
	assert.True(t, NeedsUrgentPerson(draft, now), "an answer saved but not valid is not enough")
	assert.False(t, NeedsUrgentPerson(Request{Kind: KindAccess, Status: StatusSubmitted}, now))

	start := UrgentAskSection.Validate(Answers{"urgent_new": "yes", "urgent_follow": "revision"}, now)
	_, ok := start.For("urgent_follow")
	assert.True(t, ok, "urgent measures belong to an access or a deletion request")
}

// The pages of an urgent filing: a past detention date and no future
// date are enough; which request follows is asked only on a new case, and
// the person's answers come from the request the measures belong to.
func TestTheUrgentPagesAskOneTopicEach(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	what := Answers{"urgent_event": "detention", "urgent_detained_since": "2026-03-01", "urgent_where": "Larnaca"}
	assert.False(t, UrgentWhatSection.Validate(what, now).Any(), "detained since yesterday, nothing ahead")
	what["urgent_detained_since"] = "2026-03-09"
	_, ok := UrgentWhatSection.Validate(what, now).For("urgent_detained_since")
	assert.True(t, ok, "detained since a date to come")

	ask := Answers{"urgent_measures": "block", "urgent_why": "Held.", "urgent_contact": "+357 1"}
	assert.False(t, UrgentAskSection.Validate(ask, now).Any(), "on an existing case")
	ask["urgent_new"] = "yes"
	_, ok = UrgentAskSection.Validate(ask, now).For("urgent_follow")
	assert.True(t, ok, "a new case says which request follows")

	parent := Answers{"representation": "representative", "relationship": "family", "full_name": "Yusuf Haddad"}
	a := UrgentAnswers(Answers{"urgent_event": "detention", "full_name": ""}, parent)
	assert.Equal(t, "Yusuf Haddad", a["full_name"])
	assert.Equal(t, "family", a["relationship"])
	assert.Equal(t, "detention", a["urgent_event"])
	errs := ValidateUrgentDraft(Answers{"urgent_new": "yes", "urgent_event": "detention", "urgent_where": "Larnaca",
		"urgent_measures": "block", "urgent_why": "Held.", "urgent_contact": "+357 1"}, now)
	assert.Equal(t, []string{"urgent_follow"}, fieldNames(errs))
}

func fieldNames(errs FieldErrors) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Field)
	}
	return out
}
