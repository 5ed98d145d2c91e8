package publish

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Found names the kind of identifier an excerpt contains, never the
// identifier itself: it is what the refusal says and what the audit log
// keeps.
type Found string

// The kinds of identifier an excerpt may not contain.
const (
	FoundNone      Found = ""
	FoundName      Found = "name"
	FoundBirthDate Found = "birth_date"
	FoundIDNumber  Found = "id_number"
	FoundEmail     Found = "email"
)

// minNamePart is the shortest part of a name that is looked for on its
// own: shorter ones ("Al", "de", "Li") are too often ordinary words.
const minNamePart = 3

// minIDNumber is the shortest identity document number looked for:
// shorter strings of letters and digits turn up in any text.
const minIDNumber = 4

// Identifiers are what the case stores about the person concerned that
// an excerpt must never repeat: each may be stored more than once (the
// filing's answers, the applicant record it was filed for), and an empty
// one is ignored.
type Identifiers struct {
	Names      []string // full names
	BirthDates []string // YYYY-MM-DD, as the filing stores them
	IDNumbers  []string
	Emails     []string // the contact addresses on the case and the filer's
}

// Find reports the first kind of identifier found in excerpt, comparing
// normalised texts word by word (so "Amal" is not found in "Amalgam").
func (id Identifiers) Find(excerpt string) Found {
	text := " " + Normalise(excerpt) + " "
	// The most specific first: an address often holds the name too.
	for _, e := range id.Emails {
		if n := Normalise(e); n != "" && strings.Contains(text, " "+n+" ") {
			return FoundEmail
		}
	}
	packed := compact(excerpt)
	for _, n := range id.IDNumbers {
		if n := compact(n); utf8.RuneCountInString(n) >= minIDNumber && strings.Contains(packed, n) {
			return FoundIDNumber
		}
	}
	for _, b := range id.BirthDates {
		for _, d := range birthDateForms(b) {
			if strings.Contains(text, " "+d+" ") {
				return FoundBirthDate
			}
		}
	}
	for _, n := range id.Names {
		if hasName(text, n) {
			return FoundName
		}
	}
	return FoundNone
}

// hasName reports whether text holds the full name or one of its parts.
func hasName(text, name string) bool {
	full := Normalise(name)
	if full == "" {
		return false
	}
	if strings.Contains(text, " "+full+" ") {
		return true
	}
	for _, part := range strings.Fields(full) {
		if utf8.RuneCountInString(part) >= minNamePart && strings.Contains(text, " "+part+" ") {
			return true
		}
	}
	return false
}

// months are the names of the months in the four working languages, as
// normalised text; Arabic has both the names used in Egypt and the Gulf
// and those of the Levant and Iraq.
var months = [12][]string{
	{"january", "janvier", "enero", "يناير", "كانون الثاني"},
	{"february", "fevrier", "febrero", "فبراير", "شباط"},
	{"march", "mars", "marzo", "مارس", "اذار"},
	{"april", "avril", "abril", "ابريل", "نيسان"},
	{"may", "mai", "mayo", "مايو", "ايار"},
	{"june", "juin", "junio", "يونيو", "حزيران"},
	{"july", "juillet", "julio", "يوليو", "تموز"},
	{"august", "aout", "agosto", "اغسطس", "اب"},
	{"september", "septembre", "septiembre", "setiembre", "سبتمبر", "ايلول"},
	{"october", "octobre", "octubre", "اكتوبر", "تشرين الاول"},
	{"november", "novembre", "noviembre", "نوفمبر", "تشرين الثاني"},
	{"december", "decembre", "diciembre", "ديسمبر", "كانون الاول"},
}

// birthDateForms are the ways a birth date is commonly written, as
// normalised text: 1980-03-04, 04/03/1980, 4/3/1980, 03/04/1980,
// 04.03.80, 19800304, "4 March 1980", "March 4, 1980", "4th March
// 1980", "1er mars 1980", "4 de marzo de 1980", "4 مارس 1980".
func birthDateForms(stored string) []string {
	d, err := time.Parse(time.DateOnly, stored)
	if err != nil {
		return nil
	}
	y, yy := strconv.Itoa(d.Year()), d.Format("06")
	dd, mm := d.Format("02"), d.Format("01")
	day, mon := strconv.Itoa(d.Day()), strconv.Itoa(int(d.Month()))
	forms := []string{y + " " + mm + " " + dd, y + " " + mon + " " + day, y + mm + dd, dd + mm + y}
	for _, dm := range [][2]string{{dd, mm}, {day, mon}, {mm, dd}, {mon, day}} {
		forms = append(forms, dm[0]+" "+dm[1]+" "+y, dm[0]+" "+dm[1]+" "+yy)
	}
	days := []string{day, dd, day + ordinal(d.Day())}
	if d.Day() == 1 {
		days = append(days, "1er")
	}
	for _, m := range months[d.Month()-1] {
		for _, n := range days {
			forms = append(forms, n+" "+m+" "+y, m+" "+n+" "+y, n+" de "+m+" de "+y, n+" de "+m+" "+y)
		}
	}
	return forms
}

// ordinal is the English suffix of day n: 1st, 2nd, 3rd, 4th, 11th.
func ordinal(n int) string {
	switch {
	case n >= 11 && n <= 13:
		return "th"
	case n%10 == 1:
		return "st"
	case n%10 == 2:
		return "nd"
	case n%10 == 3:
		return "rd"
	}
	return "th"
}
