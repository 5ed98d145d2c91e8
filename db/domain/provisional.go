package domain

import (
	"math"
	"time"
)

// Urgent situations and measures of a provisional-measures request. A
// person detained now comes first: the most urgent case, often with no
// date known.
var (
	UrgentEvents = []string{"detention", "travel", "border_crossing", "extradition_hearing", "asylum_decision", "other"}
	Measures     = []string{"block", "remove_public", "priority"}
)

// Detained reports whether the urgent answers say the person is held now
// (urgent_detained is how earlier filings said it).
func Detained(a Answers) bool {
	return a["urgent_event"] == "detention" || a["urgent_detained_since"] != "" || a["urgent_detained"] == "yes"
}

// ProvisionalSection is the urgent form: what is happening, where, since
// when or when next (each date only if known: a person detained now can
// file with none), the measures asked for, why, and a contact reachable
// day and night.
var ProvisionalSection = Section{Key: "urgent", Fields: []FieldSpec{
	{Name: "urgent_event", Kind: FieldChoice, Required: true, Options: UrgentEvents},
	{Name: "urgent_detained_since", Kind: FieldDate, Date: PastDate},
	{Name: "urgent_where", Kind: FieldText, Required: true, MaxRunes: 300},
	{Name: "urgent_detained_where", Kind: FieldText, MaxRunes: 300},
	{Name: "urgent_extradition", Kind: FieldChoice, Options: []string{"yes", "no", "unknown"}},
	{Name: "urgent_date", Kind: FieldDate, Date: FutureDate},
	{Name: "urgent_time", Kind: FieldTime},
	{Name: "urgent_tz", Kind: FieldUTCOffset, RequiredIf: func(a Answers) bool { return a["urgent_time"] != "" }},
	{Name: "urgent_measures", Kind: FieldChoices, Required: true, Options: Measures},
	{Name: "urgent_why", Kind: FieldLongText, Required: true, MaxRunes: 5000},
	{Name: "urgent_contact", Kind: FieldText, Required: true, MaxRunes: 300},
}}

// UrgentPersonSection is the least the CCF needs about the person before
// urgent measures can be sent on a request not filed yet: who files, and
// the person's name, date of birth and nationality. The full request
// follows, and may be completed later.
var UrgentPersonSection = Section{Key: "urgent_person", Fields: []FieldSpec{
	commonSections[0].Fields[0], // representation
	commonSections[1].Fields[0], // full_name
	commonSections[1].Fields[2], // birth_date
	commonSections[1].Fields[4], // nationality
}}

// The urgent filing's pages, one topic each, short enough for a phone:
// what is happening (UrgentWhatSection), the person (UrgentPersonStep,
// saved on the request the measures belong to), what is asked
// (UrgentAskSection); a check page then sends them at once.
var (
	UrgentWhatSection = Section{Key: "urgent_what", Fields: ProvisionalSection.Fields[:8]}
	UrgentPersonStep  = Section{Key: "urgent_person", Fields: []FieldSpec{
		commonSections[0].Fields[0], // representation
		commonSections[0].Fields[1], // relationship: a relative or counsel
		commonSections[1].Fields[0], // full_name
		commonSections[1].Fields[2], // birth_date
		commonSections[1].Fields[4], // nationality
		dataSection.Fields[0],       // data_kind: what INTERPOL may hold
	}}
	UrgentAskSection = Section{Key: "urgent_ask", Fields: append([]FieldSpec{
		{Name: "urgent_follow", Kind: FieldChoice, RequiredIf: UrgentOnNewCase, ShownIf: UrgentOnNewCase,
			Options: []string{string(KindDeletion), string(KindAccess)}},
	}, ProvisionalSection.Fields[8:]...)}
)

// UrgentOnNewCase reports whether urgent answers were started before any
// request about the person existed: they then say which request follows.
func UrgentOnNewCase(a Answers) bool { return a["urgent_new"] == "yes" }

// UrgentAnswers are an urgent draft's own answers with the person's, which
// the person page saved on the request they belong to.
func UrgentAnswers(own, parent Answers) Answers {
	out := Answers{}
	for k, v := range own {
		out[k] = v
	}
	for _, f := range UrgentPersonStep.Fields {
		if v := parent[f.Name]; v != "" || out[f.Name] == "" {
			out[f.Name] = v
		}
	}
	return out
}

// ValidateUrgentDraft checks an urgent draft before it is sent: every
// page's answers (see ValidateProvisional) and, on a new case, which
// request follows.
func ValidateUrgentDraft(a Answers, now time.Time) FieldErrors {
	errs := ValidateProvisional(a, now)
	if e, ok := UrgentAskSection.Validate(a, now).For("urgent_follow"); ok {
		errs = append(FieldErrors{e}, errs...)
	}
	return errs
}

// NeedsUrgentPerson reports whether urgent measures asked on r must first
// say who the person is: r is a draft without those answers.
func NeedsUrgentPerson(r Request, now time.Time) bool {
	return r.IsDraft() && UrgentPersonSection.Validate(r.Answers, now).Any()
}

// EventTime is the moment of the next feared event, in UTC, when a date is
// known: at its start when no time is given.
func EventTime(a Answers) (time.Time, bool) {
	if a["urgent_date"] == "" {
		return time.Time{}, false
	}
	clock, loc := "00:00", time.UTC
	if a["urgent_time"] != "" {
		clock, loc = a["urgent_time"], nil
		if l, ok := ParseUTCOffset(a["urgent_tz"]); ok {
			loc = l
		}
	}
	if loc == nil {
		return time.Time{}, false
	}
	t, err := time.ParseInLocation("2006-01-02 15:04", a["urgent_date"]+" "+clock, loc)
	return t.UTC(), err == nil
}

// DetainedSince is when the person was detained, for the staff's order:
// the date given, or else the moment of filing; zero when not detained.
func DetainedSince(a Answers, filed time.Time) time.Time {
	if !Detained(a) {
		return time.Time{}
	}
	if d, err := time.Parse(time.DateOnly, a["urgent_detained_since"]); err == nil {
		return d
	}
	return filed
}

// ValidateProvisional checks the urgent form; a next event, when a date is
// given, must lie ahead.
func ValidateProvisional(a Answers, now time.Time) FieldErrors {
	errs := ProvisionalSection.Validate(a, now)
	if errs.Any() {
		return errs
	}
	if at, ok := EventTime(a); ok && !at.After(now) {
		errs.Add("urgent_date", "urgent.event_past")
	}
	return errs
}

// HoursLeft is how many whole hours remain before an urgent event; zero or
// negative once it has passed. Staff see urgent requests ordered by it.
func HoursLeft(event, now time.Time) int {
	return int(math.Floor(event.Sub(now).Hours()))
}

// CanAskProvisional reports whether provisional measures may be asked on
// r: a pending access or deletion request, or a draft of one (the urgent
// request is sent at once; the draft follows when it is complete).
func CanAskProvisional(r Request) error {
	switch {
	case r.Kind != KindAccess && !r.IsDeletion():
		return Errorf(EConflict, "urgent.wrong_kind")
	case r.IsDraft():
		return nil
	case !r.Status.IsOpen():
		return Errorf(EConflict, "urgent.case_closed")
	}
	return nil
}
