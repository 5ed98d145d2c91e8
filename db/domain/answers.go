package domain

import (
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ccf-portal/ccfportal/db/domain/countries"
)

// Answers are a filing's answers, field name to value, as the guided form
// collects them one section at a time. They are stored as JSON with the
// request and frozen when it is submitted.
type Answers map[string]string

// Get returns the value of field, or "".
func (a Answers) Get(field string) string { return a[field] }

// FieldKind says how a field is entered and checked.
type FieldKind int

// The kinds of field the guided forms use.
const (
	FieldText          FieldKind = iota // one line of text
	FieldLongText                       // paragraphs
	FieldEmail                          // an email address
	FieldDate                           // a calendar date, entered as day, month, year
	FieldChoice                         // one of Options, as radio buttons
	FieldCountry                        // any ISO 3166 country
	FieldMemberCountry                  // an INTERPOL member country, an international entity, or "unknown"
	FieldChoices                        // any of Options, as checkboxes; stored joined by commas
	FieldTime                           // a time of day, HH:MM on the 24-hour clock
	FieldUTCOffset                      // a time zone as an offset from UTC, e.g. "+03:00"
	FieldNationality                    // a state whose nationality people hold
)

// DateRule limits a date field to the past or the future.
type DateRule int

// Date rules.
const (
	AnyDate DateRule = iota
	PastDate
	FutureDate
)

// FieldSpec describes one question of a section.
type FieldSpec struct {
	Name     string
	Kind     FieldKind
	Required bool
	// RequiredIf makes the field required only when it returns true.
	RequiredIf func(Answers) bool
	// ShownIf hides the field unless it returns true (a conditional question).
	ShownIf  func(Answers) bool
	Options  []string
	MaxRunes int
	Date     DateRule
	// Approx lets a date leave out its day, or its day and month: it is
	// kept as "2024-03" or "2024", with the precision given.
	Approx bool
}

// Shown reports whether the field is asked, given the other answers.
func (f FieldSpec) Shown(a Answers) bool { return f.ShownIf == nil || f.ShownIf(a) }

func (f FieldSpec) required(a Answers) bool {
	return f.Shown(a) && (f.Required || (f.RequiredIf != nil && f.RequiredIf(a)))
}

// UnknownCountry is the answer for "I do not know which country".
const UnknownCountry = "unknown"

// Check validates the field's value in a and records any problem in errs.
// Message keys follow the field: "field.<name>.required" and so on, with
// generic fallbacks in the catalog.
func (f FieldSpec) Check(a Answers, now time.Time, errs *FieldErrors) {
	v := strings.TrimSpace(a[f.Name])
	if v == "" {
		if f.required(a) {
			errs.Add(f.Name, "answer."+f.Name+".required")
		}
		return
	}
	if key := TextFault(v, f.Kind == FieldLongText); key != "" {
		errs.Add(f.Name, key)
		return
	}
	if f.MaxRunes > 0 && utf8.RuneCountInString(v) > f.MaxRunes {
		errs.Add(f.Name, "answer.too_long", f.MaxRunes)
		return
	}
	switch f.Kind {
	case FieldEmail:
		if addr, err := mail.ParseAddress(v); err != nil || addr.Address != v {
			errs.Add(f.Name, "field.email.invalid")
		}
	case FieldChoice:
		if !contains(f.Options, v) {
			errs.Add(f.Name, "answer."+f.Name+".required")
		}
	case FieldCountry:
		if !countries.Exists(v) {
			errs.Add(f.Name, "answer.country_invalid")
		}
	case FieldNationality:
		if !countries.IsNationality(v) {
			errs.Add(f.Name, "answer.country_invalid")
		}
	case FieldMemberCountry:
		if v != UnknownCountry && !IsInternationalSource(v) && !countries.IsMember(v) {
			errs.Add(f.Name, "answer.country_invalid")
		}
	case FieldDate:
		checkDate(f, v, now, errs)
	case FieldChoices:
		for _, c := range strings.Split(v, ",") {
			if !contains(f.Options, c) {
				errs.Add(f.Name, "answer."+f.Name+".required")
				return
			}
		}
	case FieldTime:
		if _, err := time.Parse("15:04", v); err != nil {
			errs.Add(f.Name, "answer.time_invalid")
		}
	case FieldUTCOffset:
		if _, ok := ParseUTCOffset(v); !ok {
			errs.Add(f.Name, "answer."+f.Name+".required")
		}
	}
}

// UTCOffsets are the offsets from UTC in use around the world.
var UTCOffsets = []string{"-12:00", "-11:00", "-10:00", "-09:30", "-09:00", "-08:00", "-07:00", "-06:00", "-05:00",
	"-04:00", "-03:30", "-03:00", "-02:00", "-01:00", "+00:00", "+01:00", "+02:00", "+03:00", "+03:30", "+04:00",
	"+04:30", "+05:00", "+05:30", "+05:45", "+06:00", "+06:30", "+07:00", "+08:00", "+08:45", "+09:00", "+09:30",
	"+10:00", "+10:30", "+11:00", "+12:00", "+12:45", "+13:00", "+14:00"}

// ParseUTCOffset turns "+03:00" into a fixed time zone.
func ParseUTCOffset(v string) (*time.Location, bool) {
	if !contains(UTCOffsets, v) {
		return nil, false
	}
	t, err := time.Parse("-07:00", v)
	if err != nil {
		return nil, false
	}
	_, offset := t.Zone()
	return time.FixedZone("UTC"+v, offset), true
}

func checkDate(f FieldSpec, v string, now time.Time, errs *FieldErrors) {
	d, err := time.Parse(time.DateOnly, v)
	if f.Approx && err != nil {
		d, err = parseApprox(v)
	}
	if err != nil || d.Year() < 1900 || d.Year() > 2200 {
		errs.Add(f.Name, "answer.date_invalid")
		return
	}
	today := now.Truncate(24 * time.Hour)
	switch {
	case f.Date == PastDate && !d.Before(today.Add(24*time.Hour)):
		errs.Add(f.Name, "answer.date_must_be_past")
	case f.Date == FutureDate && d.Before(today):
		errs.Add(f.Name, "answer.date_must_be_future")
	}
}

func contains(list []string, v string) bool {
	for _, s := range list {
		if s == v {
			return true
		}
	}
	return false
}

// ParseDateParts joins day, month and year inputs into an ISO date. Input
// that does not make a real date is kept recognisably invalid, so the
// person sees an error and not a silently different date.
func ParseDateParts(day, month, year string) string {
	day, month, year = strings.TrimSpace(day), strings.TrimSpace(month), strings.TrimSpace(year)
	if day == "" && month == "" && year == "" {
		return ""
	}
	d, err := time.Parse("2006-1-2", year+"-"+month+"-"+day)
	if err != nil {
		return "invalid:" + year + "-" + month + "-" + day
	}
	return d.Format(time.DateOnly)
}

// ParseApproxDate is ParseDateParts for a date that may leave out its day,
// or its day and month: "2024-03" or "2024".
func ParseApproxDate(day, month, year string) string {
	day, month, year = strings.TrimSpace(day), strings.TrimSpace(month), strings.TrimSpace(year)
	if day != "" || year == "" {
		return ParseDateParts(day, month, year)
	}
	layout, v := "2006", year
	if month != "" {
		layout, v = "2006-1", year+"-"+month
	}
	d, err := time.Parse(layout, v)
	if err != nil {
		return "invalid:" + year + "-" + month + "-"
	}
	if month == "" {
		return d.Format("2006")
	}
	return d.Format("2006-01")
}

// parseApprox reads "2024-03" or "2024" as the start of that month or year.
func parseApprox(v string) (time.Time, error) {
	if len(v) == 4 {
		return time.Parse("2006", v)
	}
	return time.Parse("2006-01", v)
}

// DateParts splits a stored date back into day, month and year for the form.
func DateParts(v string) (day, month, year string) {
	if strings.HasPrefix(v, "invalid:") {
		parts := strings.SplitN(strings.TrimPrefix(v, "invalid:"), "-", 3)
		for len(parts) < 3 {
			parts = append(parts, "")
		}
		return parts[2], parts[1], parts[0]
	}
	d, err := time.Parse(time.DateOnly, v)
	if err == nil {
		return d.Format("2"), d.Format("1"), d.Format("2006")
	}
	if d, err := parseApprox(v); err == nil {
		if len(v) == 4 {
			return "", "", d.Format("2006")
		}
		return "", d.Format("1"), d.Format("2006")
	}
	return "", "", ""
}

// TextFault refuses text that is not valid UTF-8 or holds control
// characters: NUL and the other C0 and C1 controls, and DEL. Paragraphs may
// hold tabs and line breaks. It returns a message key, or "".
func TextFault(value string, paragraphs bool) string {
	if !utf8.ValidString(value) {
		return "answer.control_chars"
	}
	for _, r := range value {
		if r >= 0x20 && (r < 0x7f || r > 0x9f) {
			continue
		}
		if paragraphs && (r == '\t' || r == '\n' || r == '\r') {
			continue
		}
		return "answer.control_chars"
	}
	return ""
}
