// Package edits merges what several people save on one draft at once.
package edits

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode/utf8"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// Several people may edit one draft at once: counsel and a colleague, or a
// petitioner and their counsel. A form therefore says, for every field it
// shows, which saved value it started from (its version), and a save
// changes only the fields the form carried, and of those only the ones
// nobody else has changed since the form was shown. A field someone else
// saved meanwhile is left as they saved it and reported as a conflict, so
// no save ever silently replaces another person's answer.

// Version names a saved value as a form showed it: a short hash, so the
// form carries no copy of the value and equal values have equal versions.
// The version of a missing answer is the version of "".
func Version(value string) string {
	sum := sha256.Sum256([]byte(value))
	return hex.EncodeToString(sum[:8])
}

// VersionInput is the name of the hidden input that carries a field's
// version in a form.
func VersionInput(field string) string { return "_v." + field }

// Edit is what a form posted for a section: the value of each field it
// carried, and the version of that field's value when the form was shown.
type Edit struct {
	Values   domain.Answers
	Versions map[string]string
}

// Read reads section s's form. get returns a posted value (values of
// one name joined by commas); has reports whether a name was posted at all.
// A field is carried when its version or any of its inputs was posted; a
// field carried without a version is taken to have been shown empty, so a
// form that predates versions can fill blanks but never replace an answer.
func Read(s domain.Section, get func(string) string, has func(string) bool) Edit {
	e := Edit{Values: domain.Answers{}, Versions: map[string]string{}}
	for _, f := range s.Fields {
		inputs := []string{f.Name}
		if f.Kind == domain.FieldDate {
			inputs = []string{f.Name + "-day", f.Name + "-month", f.Name + "-year"}
		}
		carried := has(VersionInput(f.Name))
		for _, in := range inputs {
			carried = carried || has(in)
		}
		if !carried {
			continue
		}
		e.Values[f.Name] = f.Bind(get)
		e.Versions[f.Name] = Version("")
		if has(VersionInput(f.Name)) {
			e.Versions[f.Name] = get(VersionInput(f.Name))
		}
	}
	return e
}

// FieldConflict is a field that someone else saved with a different value
// after the form was shown; Saved is that value, which was kept.
type FieldConflict struct {
	Field string
	Saved string
}

// Merged is the outcome of applying an edit to saved answers.
type Merged struct {
	// Answers are the answers as they are now saved.
	Answers domain.Answers
	// Changed reports whether any answer differs from before.
	Changed bool
	// Conflicts are fields left as someone else saved them.
	Conflicts []FieldConflict
	// Refused are fields whose posted value cannot be stored at all (control
	// characters, far too long); their saved value is kept.
	Refused domain.FieldErrors
}

// Merge applies e to the saved answers cur, field by field, without
// changing cur. A field whose posted value is the one the form showed was
// not touched and keeps whatever is saved now. A changed field is written
// when the saved value is still the one the form started from; otherwise
// someone else saved it meanwhile, and it is a conflict that keeps their
// value. Answers to questions the edit hides (a representative's
// relationship after switching to "myself") are dropped under the same
// rule, so hidden answers never linger and are never dropped unseen.
func Merge(s domain.Section, cur domain.Answers, e Edit) Merged {
	m := Merged{Answers: domain.Answers{}}
	for k, v := range cur {
		m.Answers[k] = v
	}
	proposed := domain.Answers{}
	for k, v := range m.Answers {
		proposed[k] = v
	}
	for k, v := range e.Values {
		proposed[k] = v
	}
	for _, f := range s.Fields {
		v, carried := e.Values[f.Name]
		if !carried {
			continue
		}
		old, had := cur[f.Name]
		base := e.Versions[f.Name]
		switch {
		case !f.Shown(proposed):
			if !had {
				continue
			}
			if old != "" && Version(old) != base {
				m.Conflicts = append(m.Conflicts, FieldConflict{Field: f.Name, Saved: old})
				continue
			}
			delete(m.Answers, f.Name)
			m.Changed = true
		case Version(v) == base || v == old:
			// Untouched by this person, or already as they want it.
		default:
			if key, args := Storable(f, v); key != "" {
				m.Refused.Add(f.Name, key, args...)
			} else if Version(old) != base {
				m.Conflicts = append(m.Conflicts, FieldConflict{Field: f.Name, Saved: old})
			} else {
				m.Answers[f.Name] = v
				m.Changed = true
			}
		}
	}
	return m
}

// DefaultMaxRunes bounds, at save time, a field that sets no limit of its
// own (choices, dates, countries): their valid values are all far shorter.
const DefaultMaxRunes = 200

// Storable says why value cannot be stored as an answer to f, as a message
// key and its arguments, or "" if it can. This holds at save time, whatever
// the section's state: no answer is stored with control characters (tab
// and line breaks are allowed in paragraphs) or over the field's length.
func Storable(f domain.FieldSpec, value string) (string, []any) {
	if key := domain.TextFault(value, f.Kind == domain.FieldLongText); key != "" {
		return key, nil
	}
	limit := f.MaxRunes
	if limit <= 0 {
		limit = DefaultMaxRunes
	}
	if utf8.RuneCountInString(strings.TrimSpace(value)) > limit {
		return "answer.too_long", []any{limit}
	}
	return "", nil
}
