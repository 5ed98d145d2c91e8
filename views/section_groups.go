package views

import (
	"slices"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// A fieldGroup is one topic of a long section of the guided form, under
// its own heading: the questions most people answer, then, in a
// disclosure, those fewer can. A phone then shows one topic at a time.
type fieldGroup struct {
	Heading string   // catalogue key of the group's heading
	Fields  []string // questions shown at once
	More    []string // less common questions, in a disclosure
	MoreKey string   // catalogue key of the disclosure's summary
}

// sectionGroups lays out the sections that are too long for a phone as
// one list. The sections' questions and rules stay in domain; only their
// arrangement on the page is set here.
var sectionGroups = map[string][]fieldGroup{
	domain.SectionData: {
		{Heading: "section.data.group_data", Fields: []string{"data_kind", "source_country"},
			More: []string{"data_references", "learned_date"}, MoreKey: "section.data.more_data"},
		{Heading: "section.data.group_learned", Fields: []string{"learned_how", "learned_details"}},
	},
}

// lessCommonOptions are the choices of a radio group that few people
// pick, shown in a disclosure after the others, with its summary's key.
var lessCommonOptions = map[string]struct {
	Values  []string
	MoreKey string
}{
	"data_kind": {Values: []string{"blue_notice", "green_notice", "yellow_notice", "black_notice", "orange_notice",
		"purple_notice", "un_special_notice", "silver_notice"}, MoreKey: "section.data.more_kinds"},
}

// FieldGroupView is a group with the section's field specs it holds.
type FieldGroupView struct {
	Heading, MoreKey string
	Fields, More     []domain.FieldSpec
}

// SectionGroups arranges section s into its groups, or reports false for a
// section shown as one list. A question no group names is added to the
// last group's visible ones, so that no question is ever left off the page.
func SectionGroups(s domain.Section) ([]FieldGroupView, bool) {
	groups, ok := sectionGroups[s.Key]
	if !ok {
		return nil, false
	}
	byName := map[string]domain.FieldSpec{}
	for _, fs := range s.Fields {
		byName[fs.Name] = fs
	}
	placed := map[string]bool{}
	pick := func(names []string) []domain.FieldSpec {
		var out []domain.FieldSpec
		for _, n := range names {
			if fs, ok := byName[n]; ok {
				out = append(out, fs)
				placed[n] = true
			}
		}
		return out
	}
	out := make([]FieldGroupView, len(groups))
	for i, g := range groups {
		out[i] = FieldGroupView{Heading: g.Heading, MoreKey: g.MoreKey, Fields: pick(g.Fields), More: pick(g.More)}
	}
	for _, fs := range s.Fields {
		if !placed[fs.Name] {
			out[len(out)-1].Fields = append(out[len(out)-1].Fields, fs)
		}
	}
	return out, true
}

// anyAnswered reports whether any of fields holds an answer, a problem or
// someone else's saved answer: a disclosure holding one opens by itself,
// so that nothing typed or wrong is hidden.
func anyAnswered(f Form, fields []domain.FieldSpec) bool {
	for _, fs := range fields {
		if f.HasError(fs.Name) {
			return true
		}
		if _, ok := f.Conflict(fs.Name); ok {
			return true
		}
		for _, n := range []string{fs.Name, fs.Name + "-day", fs.Name + "-month", fs.Name + "-year"} {
			if f.Value(n) != "" {
				return true
			}
		}
	}
	return false
}

// splitOptions parts a radio group's options into the common ones and the
// less common ones, each with its place in the full list (which the
// radios' ids keep); ok is false for a group shown whole.
func splitOptions(name string, options []Option) (common, rare []IndexedOption, moreKey string, ok bool) {
	less, ok := lessCommonOptions[name]
	if !ok {
		return nil, nil, "", false
	}
	for i, o := range options {
		if slices.Contains(less.Values, o.Value) {
			rare = append(rare, IndexedOption{i, o})
		} else {
			common = append(common, IndexedOption{i, o})
		}
	}
	return common, rare, less.MoreKey, true
}

// IndexedOption is an option with its place in its group.
type IndexedOption struct {
	Index int
	Option
}

// chosenAmong reports whether the field's answer is one of options.
func chosenAmong(f Form, name string, options []IndexedOption) bool {
	for _, o := range options {
		if f.Has(name, o.Value) {
			return true
		}
	}
	return false
}
