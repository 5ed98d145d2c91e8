package domain

import (
	"math"
	"time"
)

// Urgent events and measures of a provisional-measures request.
var (
	UrgentEvents = []string{"travel", "border_crossing", "extradition_hearing", "detention", "asylum_decision", "other"}
	Measures     = []string{"block", "remove_public", "priority"}
)

func detained(a Answers) bool { return a["urgent_detained"] == "yes" }

// ProvisionalSection is the one-page urgent form: what is about to happen,
// where and when, detention, the measures asked for, why, and a contact
// reachable day and night.
var ProvisionalSection = Section{Key: "urgent", Fields: []FieldSpec{
	{Name: "urgent_event", Kind: FieldChoice, Required: true, Options: UrgentEvents},
	{Name: "urgent_where", Kind: FieldText, Required: true, MaxRunes: 300},
	{Name: "urgent_date", Kind: FieldDate, Required: true, Date: FutureDate},
	{Name: "urgent_time", Kind: FieldTime, Required: true},
	{Name: "urgent_tz", Kind: FieldUTCOffset, Required: true},
	{Name: "urgent_detained", Kind: FieldChoice, Required: true, Options: []string{"no", "yes"}},
	{Name: "urgent_detained_where", Kind: FieldText, MaxRunes: 300, RequiredIf: detained},
	{Name: "urgent_measures", Kind: FieldChoices, Required: true, Options: Measures},
	{Name: "urgent_why", Kind: FieldLongText, Required: true, MaxRunes: 5000},
	{Name: "urgent_contact", Kind: FieldText, Required: true, MaxRunes: 300},
}}

// EventTime is the moment of the feared event, in UTC.
func EventTime(a Answers) (time.Time, bool) {
	loc, ok := ParseUTCOffset(a["urgent_tz"])
	if !ok {
		return time.Time{}, false
	}
	t, err := time.ParseInLocation("2006-01-02 15:04", a["urgent_date"]+" "+a["urgent_time"], loc)
	if err != nil {
		return time.Time{}, false
	}
	return t.UTC(), true
}

// ValidateProvisional checks the urgent form; the event must lie ahead.
func ValidateProvisional(a Answers, now time.Time) FieldErrors {
	errs := ProvisionalSection.Validate(a, now)
	if errs.Any() {
		return errs
	}
	if at, _ := EventTime(a); !at.After(now) {
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
// r: a pending access or deletion request, or a deletion draft (filed
// together with it).
func CanAskProvisional(r Request) error {
	switch {
	case r.Kind != KindAccess && !r.IsDeletion():
		return Errorf(EConflict, "urgent.wrong_kind")
	case r.IsDraft() && r.IsDeletion():
		return nil
	case !r.Status.IsOpen():
		return Errorf(EConflict, "urgent.case_closed")
	}
	return nil
}
