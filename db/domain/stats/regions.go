package stats

import "golang.org/x/text/language"

// The source regions requests are published by: the continents of the
// United Nations' M49 standard, which every member country belongs to,
// and one row for requests whose source is unknown, not given, or an
// international entity. A country is never published on its own: a
// country's count in a year is the figure most likely to point to a
// person.
const (
	RegionAfrica   = "africa"
	RegionAmericas = "americas"
	RegionAsia     = "asia"
	RegionEurope   = "europe"
	RegionOceania  = "oceania"
	RegionUnknown  = "unknown"
)

// Regions lists the regions in the order they are published.
var Regions = []string{RegionAfrica, RegionAmericas, RegionAsia, RegionEurope, RegionOceania, RegionUnknown}

var continents = []struct {
	key  string
	code language.Region
}{
	{RegionAfrica, language.MustParseRegion("002")},
	{RegionAmericas, language.MustParseRegion("019")},
	{RegionAsia, language.MustParseRegion("142")},
	{RegionEurope, language.MustParseRegion("150")},
	{RegionOceania, language.MustParseRegion("009")},
}

// RegionOf is the region of an ISO 3166-1 alpha-2 country code; anything
// else (empty, "unknown", an entity) is RegionUnknown.
func RegionOf(country string) string {
	if len(country) != 2 {
		return RegionUnknown
	}
	r, err := language.ParseRegion(country)
	if err != nil || !r.IsCountry() {
		return RegionUnknown
	}
	for _, c := range continents {
		if c.code.Contains(r) {
			return c.key
		}
	}
	return RegionUnknown
}
