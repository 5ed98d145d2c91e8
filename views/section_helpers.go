package views

import (
	"context"
	"strconv"
	"sync"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/countries"
)

func labelKey(field string) string { return "answer." + field + ".label" }

// hintKey returns the field's hint key if the catalog has one.
func hintKey(ctx context.Context, field string) string {
	key := "answer." + field + ".hint"
	if Locale(ctx).Has(key) {
		return key
	}
	return ""
}

// choiceOptions turns a choice field's values into radio options, each with
// its hint when the catalog has one.
func choiceOptions(ctx context.Context, f domain.FieldSpec) []Option {
	out := make([]Option, 0, len(f.Options))
	for _, v := range f.Options {
		o := Option{Value: v, LabelKey: "option." + f.Name + "." + v}
		if Locale(ctx).Has(o.LabelKey + ".hint") {
			o.HintKey = o.LabelKey + ".hint"
		}
		out = append(out, o)
	}
	return out
}

// countryChoice says which countries a country field offers.
type countryChoice int

const (
	anyCountry      countryChoice = iota // every ISO 3166 country or territory
	memberCountries                      // INTERPOL's members, plus "I do not know"
	nationalities                        // states whose nationality people hold
)

// countryOptions lists countries by name in the reader's language: every
// country and territory (an identity document's issuer), the states of
// nationalities, or, for the source of INTERPOL data, its member countries
// plus "I do not know". Sorting 249 names with a collator is the costly
// part of a form page, and the result depends only on the language, so
// each list is built once.
func countryOptions(ctx context.Context, which countryChoice) []SelectOption {
	lang := Locale(ctx).Tag
	key := lang + "/" + strconv.Itoa(int(which))
	if cached, ok := countryOptionCache.Load(key); ok {
		return cached.([]SelectOption)
	}
	list := countries.All()
	var out []SelectOption
	switch which {
	case memberCountries:
		list = countries.Members()
		out = append(out, SelectOption{Value: domain.UnknownCountry, Label: T(ctx, "answer.country_unknown")})
		for _, e := range domain.InternationalSources {
			out = append(out, SelectOption{Value: e, Label: T(ctx, domain.SourceKey(e))})
		}
	case nationalities:
		list = countries.Nationalities()
	}
	for _, c := range countries.Sorted(list, lang) {
		out = append(out, SelectOption{Value: c.Code, Label: countries.Name(c.Code, lang)})
	}
	countryOptionCache.Store(key, out)
	return out
}

// countryOptionCache holds the sorted lists by language; only the
// portal's few locales ever fill it.
var countryOptionCache sync.Map

// autocompleteFor helps browsers and password managers fill known fields.
func autocompleteFor(field string) string {
	switch field {
	case "full_name":
		return "name"
	case "contact_phone":
		return "tel"
	}
	return "off"
}

// offsetOptions are the UTC offsets, labelled as people see them on
// phones and tickets.
func offsetOptions() []SelectOption {
	out := make([]SelectOption, 0, len(domain.UTCOffsets))
	for _, o := range domain.UTCOffsets {
		out = append(out, SelectOption{Value: o, Label: "UTC" + o})
	}
	return out
}

// LeaveInput names the submit button that leaves a form page (back, or to
// the list of sections) after saving what was typed, instead of going on.
const LeaveInput = "leave"
