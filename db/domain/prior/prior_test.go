package prior

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// clock is the tests' controllable clock: 2 March 2026, the portal's start.
func clock() *domain.FixedClock {
	return domain.NewFixedClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
}

func messages(errs domain.FieldErrors) map[string]string {
	out := map[string]string{}
	for _, e := range errs {
		out[e.Field] = e.Message
	}
	return out
}

func TestTheCCFsUsualFormsAreReadAsOneReference(t *testing.T) {
	now := clock().Now()
	for _, typed := range []string{"CCF/2019/1234", "CCF-2019-001234", "ccf/2019/1234", " CCF / 2019 / 01234 ",
		"Ccf 2019 1234", "CCF.2019.1234"} {
		ref, ok := ParseReference(typed, now)
		require.True(t, ok, typed)
		assert.Equal(t, "CCF-2019-001234", ref.String(), typed)
	}
	for _, typed := range []string{"", "2019/1234", "CCF/19/1234", "CCF/2019/", "CCF/2019/0", "CCF/2003/12",
		"CCF/2027/12", "CCF/2019/1234567", "CCF/2019/12a", "XCCF/2019/12", "CCF//2019/12"} {
		_, ok := ParseReference(typed, now)
		assert.False(t, ok, typed)
	}
}

func TestTheCurrentYearBecomesValidWithTheClock(t *testing.T) {
	c := clock()
	_, ok := ParseReference("CCF/2027/5", c.Now())
	assert.False(t, ok, "a case cannot be registered in a year still to come")
	c.Set(time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC))
	_, ok = ParseReference("CCF/2027/5", c.Now())
	assert.True(t, ok)
}

func TestAValidEarlierCaseIsNormalised(t *testing.T) {
	d := Decision{Reference: "ccf/2019/1234", DecidedOn: "2020-06-15", HasCopy: true}
	assert.Empty(t, Validate(&d, clock().Now()))
	assert.Equal(t, "CCF-2019-001234", d.Reference)
}

func TestABadReferenceKeepsWhatWasTyped(t *testing.T) {
	d := Decision{Reference: "2019-1234", DecidedOn: "2020-06-15", HasCopy: true}
	errs := Validate(&d, clock().Now())
	assert.Equal(t, "prior.reference_format", messages(errs)["prior_reference"])
	assert.Equal(t, []any{Example}, errs[0].Args, "the message shows an example")
	assert.Equal(t, "2019-1234", d.Reference, "left as typed for the form")
}

func TestTheDecisionDateIsPastAndNotBefore2004(t *testing.T) {
	now := clock().Now()
	for decided, want := range map[string]string{
		"2026-03-03": "answer.date_must_be_past",
		"2003-12-31": "prior.decided_too_early",
		"2018-05-01": "prior.decided_before_case",
		"":           "answer.required",
	} {
		d := Decision{Reference: "CCF/2019/1234", DecidedOn: decided, HasCopy: true}
		got := messages(Validate(&d, now))["prior_decided"]
		if want == "answer.required" {
			assert.NotEmpty(t, got, "a date is needed")
			continue
		}
		assert.Equal(t, want, got, decided)
	}
	today := Decision{Reference: "CCF/2026/7", DecidedOn: "2026-03-02", HasCopy: true}
	assert.Empty(t, Validate(&today, now), "today is allowed")
}

func TestWithoutACopyANoteIsNeeded(t *testing.T) {
	now := clock().Now()
	d := Decision{Reference: "CCF/2019/1234", DecidedOn: "2020-06-15"}
	assert.Equal(t, "prior.copy_or_note", messages(Validate(&d, now))["decision_copy"])
	d.CopyNote = "The letter was lost when I had to leave my home."
	assert.Empty(t, Validate(&d, now))
	d.CopyNote = strings.Repeat("x", MaxNoteRunes+1)
	assert.Contains(t, messages(Validate(&d, now)), "prior_copy_note")
}

func revision(discovered string) Revision {
	return Revision{
		Person: domain.Answers{"representation": "self", "full_name": "Amal Haddad", "birth_date": "1985-07-14",
			"nationality": "SY", "language": "en"},
		Decision: Decision{Reference: "CCF/2019/1234", DecidedOn: "2020-06-15", HasCopy: true},
		Answers: domain.Answers{"revision_fact": "Acquitted.", "revision_discovered": discovered,
			"revision_why": "The notice rested on that charge."},
		Summary: domain.NewDocument{Type: domain.DocRevisionSummary, Name: "s.pdf", PageCount: 2}, HasSummary: true,
	}
}

func TestARevisionOfAnEarlierCaseIsCheckedWhole(t *testing.T) {
	c := clock()
	r := revision("2026-02-01")
	assert.Empty(t, ValidateRevision(&r, c.Now()))
	assert.Equal(t, "CCF-2019-001234", r.Decision.Reference)
	late, _ := r.Late(c.Now())
	assert.False(t, late)

	empty := Revision{Person: domain.Answers{}, Answers: domain.Answers{}}
	got := messages(ValidateRevision(&empty, c.Now()))
	for _, field := range []string{"representation", "full_name", "language", "prior_reference", "prior_decided",
		"decision_copy", "revision_fact", "summary_file"} {
		assert.Contains(t, got, field)
	}
}

func TestALateRevisionAsksWhyAndIsThenAccepted(t *testing.T) {
	c := clock()
	r := revision("2025-08-01")
	assert.Equal(t, "revision.late_reason_required", messages(ValidateRevision(&r, c.Now()))["revision_late_reason"])
	r.Answers["revision_late_reason"] = "The acquittal was served on me only last month."
	assert.Empty(t, ValidateRevision(&r, c.Now()), "late is a warning, not a refusal")
	late, due := r.Late(c.Now())
	assert.True(t, late)
	assert.Equal(t, "2026-02-01", due.Format(time.DateOnly))

	inTime := revision("2025-10-01")
	late, _ = inTime.Late(c.Now())
	assert.False(t, late)
	c.Set(time.Date(2026, 4, 2, 9, 0, 0, 0, time.UTC))
	late, _ = inTime.Late(c.Now())
	assert.True(t, late, "the same discovery becomes late as the clock moves")
}

// FuzzParseReference checks that whatever is typed, the parser never
// panics, and that what it accepts reads back as itself once normalised.
func FuzzParseReference(f *testing.F) {
	for _, s := range []string{"CCF/2019/1234", "CCF-2019-001234", "ccf 2019 1", "", "CCF/0000/0", "CCF/2019/999999"} {
		f.Add(s)
	}
	now := clock().Now()
	f.Fuzz(func(t *testing.T, typed string) {
		ref, ok := ParseReference(typed, now)
		if !ok {
			return
		}
		if ref.Year < FirstDecisionYear || ref.Year > now.Year() || ref.Number < 1 || ref.Number > 999999 {
			t.Fatalf("%q read as %+v", typed, ref)
		}
		again, ok := ParseReference(ref.String(), now)
		if !ok || again != ref {
			t.Fatalf("%q normalised to %q which reads as %+v", typed, ref.String(), again)
		}
	})
}
