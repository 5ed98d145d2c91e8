package countries

import (
	"cmp"
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// The portal's languages (INTERPOL's four working languages). Their namers
// are looked up once: a display.Namer for regions is a stateless table index,
// so one value can be shared by all goroutines without locking, and holding
// them in a map written only here keeps reads lock-free too. Other languages
// are still served, by a fresh lookup per call, so that arbitrary
// Accept-Language values cannot grow a cache without bound.
var regionNamers = map[language.Base]display.Namer{}

var englishNamer = display.Regions(language.English)

func init() {
	for _, t := range []language.Tag{language.English, language.French, language.Spanish, language.Arabic} {
		b, _ := t.Base()
		regionNamers[b] = display.Regions(t)
	}
}

// nameOverrides replaces names where x/text's CLDR snapshot is out of date
// with the country's current official short name, as later CLDR releases and
// INTERPOL itself use: Eswatini (renamed 2018), North Macedonia (2019),
// Türkiye (English name adopted by the UN in 2022). Palestine is an INTERPOL
// member country, so CLDR's "Palestinian Territories" would contradict the
// list it appears in; CLDR's own short form "Palestine" is used instead.
var nameOverrides = map[string]map[string]string{
	"en": {"SZ": "Eswatini", "MK": "North Macedonia", "TR": "Türkiye", "PS": "Palestine"},
	"fr": {"SZ": "Eswatini", "MK": "Macédoine du Nord", "PS": "Palestine"},
	"es": {"SZ": "Esuatini", "MK": "Macedonia del Norte", "PS": "Palestina"},
	"ar": {"SZ": "إسواتيني", "MK": "مقدونيا الشمالية", "PS": "فلسطين"},
}

// ParseLang returns the tag for lang, or English when lang is not a valid
// BCP 47 tag, since a bad Accept-Language must not blank out the page.
func ParseLang(lang string) language.Tag {
	t, err := language.Parse(lang)
	if err != nil {
		return language.English
	}
	return t
}

// Name returns the country's name in the given language (a BCP 47
// tag such as "en", "fr", "es" or "ar"). It falls back to the English name
// when the language has none, and to the code itself when the code is not a
// region x/text knows, so the caller always has something to show.
func Name(code, lang string) string {
	tag := ParseLang(lang)
	base, _ := tag.Base()
	upper := strings.ToUpper(code)
	if name := nameOverrides[base.String()][upper]; name != "" {
		return name
	}
	region, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	namer, ok := regionNamers[base]
	if !ok {
		namer = display.Regions(tag) // nil when x/text has no data for tag
	}
	if namer != nil {
		if name := namer.Name(region); name != "" {
			return name
		}
	}
	if name := nameOverrides["en"][upper]; name != "" {
		return name
	}
	if name := englishNamer.Name(region); name != "" {
		return name
	}
	return code
}

// Sorted returns a copy of list sorted by each country's name in
// lang, using the language's collation rules so that, in French for example,
// "États-Unis" sorts among the E's rather than after Z as a byte order would
// put it. All with equal names keep a stable order by code.
func Sorted(list []Country, lang string) []Country {
	tag := ParseLang(lang)
	// A Collator keeps iteration state and is not safe for concurrent use;
	// building one is cheap (a few microseconds), so each call gets its own.
	coll := collate.New(tag)

	type named struct {
		Country
		name string
	}
	items := make([]named, len(list))
	for i, c := range list {
		items[i] = named{c, Name(c.Code, lang)}
	}
	slices.SortStableFunc(items, func(a, b named) int {
		if r := coll.CompareString(a.name, b.name); r != 0 {
			return r
		}
		return cmp.Compare(a.Code, b.Code)
	})
	out := make([]Country, len(items))
	for i, it := range items {
		out[i] = it.Country
	}
	return out
}
