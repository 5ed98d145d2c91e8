package domain

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func countryCodes(list []Country) []string {
	codes := make([]string, len(list))
	for i, c := range list {
		codes[i] = c.Code
	}
	return codes
}

func TestCountriesISOList(t *testing.T) {
	all := Countries()
	// ISO 3166-1 has had 249 current alpha-2 assignments since SS in 2011.
	require.Len(t, all, 249)
	codes := countryCodes(all)
	assert.True(t, slices.IsSorted(codes), "Countries must be sorted by code")
	assert.Len(t, slices.Compact(slices.Clone(codes)), len(codes), "duplicate codes")
	for _, c := range codes {
		assert.Len(t, c, 2, c)
		assert.Equal(t, strings.ToUpper(c), c)
		assert.True(t, IsCountry(c), c)
	}
	for _, code := range []string{"XK", "EU", "UK", "AN", "YU", "de", "", "DEU"} {
		assert.False(t, IsCountry(code), code)
	}
}

func TestCountriesUNList(t *testing.T) {
	// The member list is derived from the UN list, so a typo there would
	// silently shift the INTERPOL count; pin it independently.
	un := strings.Fields(unMembers)
	require.Len(t, un, 193)
	assert.Len(t, slices.Compact(slices.Sorted(slices.Values(un))), 193, "duplicate UN codes")
	for _, c := range un {
		assert.True(t, IsCountry(c), "UN member %s is not an ISO code", c)
	}
}

func TestMemberCountries(t *testing.T) {
	members := MemberCountries()
	require.Len(t, members, 196, "INTERPOL has 196 member countries (Palau, the 196th, joined in November 2023)")
	codes := countryCodes(members)
	assert.True(t, slices.IsSorted(codes), "MemberCountries must be sorted by code")
	for _, c := range members {
		assert.True(t, c.Member, c.Code)
		assert.True(t, IsCountry(c.Code), "member %s is not an ISO code", c.Code)
		assert.True(t, IsMemberCountry(c.Code), c.Code)
	}

	// Countries agrees with MemberCountries on who is a member.
	var flagged []string
	for _, c := range Countries() {
		if c.Member {
			flagged = append(flagged, c.Code)
		}
	}
	assert.Equal(t, codes, flagged)

	for _, code := range []string{"PS", "VA", "AW", "CW", "SX", "PW", "FM", "FR", "US", "CN"} {
		assert.True(t, IsMemberCountry(code), "%s should be a member", code)
	}
	for _, code := range []string{"KP", "TV", "TW", "XK", "EH", "BQ", "GI", "BM", "HK", "", "fr"} {
		assert.False(t, IsMemberCountry(code), "%s should not be a member", code)
	}
}

func TestCountriesReturnCopies(t *testing.T) {
	// Callers may sort or edit what they get; that must not leak into the
	// package's data.
	m := MemberCountries()
	m[0] = Country{Code: "ZZ"}
	assert.Equal(t, "AD", MemberCountries()[0].Code)
	c := Countries()
	c[0].Member = false
	assert.True(t, Countries()[0].Member, "AD is a member")
}

func TestCountryNamesForAllMembers(t *testing.T) {
	for _, lang := range []string{"en", "fr", "es", "ar"} {
		for _, c := range MemberCountries() {
			name := CountryName(c.Code, lang)
			assert.NotEmpty(t, name, "%s/%s", lang, c.Code)
			assert.NotEqual(t, c.Code, name, "no %s name for %s", lang, c.Code)
			if lang != "ar" {
				continue
			}
			// An Arabic page showing a Latin name would mean a silent
			// fallback to English.
			assert.True(t, hasScript(name, unicode.Arabic), "ar/%s = %q", c.Code, name)
		}
	}
}

func hasScript(s string, table *unicode.RangeTable) bool {
	for _, r := range s {
		if unicode.Is(table, r) {
			return true
		}
	}
	return false
}

func TestCountryName(t *testing.T) {
	assert.Equal(t, "Allemagne", CountryName("DE", "fr"))
	assert.Equal(t, "Germany", CountryName("DE", "en"))
	assert.Equal(t, "Alemania", CountryName("DE", "es"))
	assert.Equal(t, "ألمانيا", CountryName("DE", "ar"))
	assert.True(t, hasScript(CountryName("FR", "ar"), unicode.Arabic), CountryName("FR", "ar"))
	assert.Equal(t, "États-Unis", CountryName("US", "fr"))

	// Regional variants and case use the base language's names.
	assert.Equal(t, "Allemagne", CountryName("DE", "fr-CA"))
	assert.Equal(t, "Allemagne", CountryName("de", "FR"))

	// Overrides for names that x/text's CLDR snapshot has out of date.
	assert.Equal(t, "Eswatini", CountryName("SZ", "en"))
	assert.Equal(t, "Macédoine du Nord", CountryName("MK", "fr"))
	assert.Equal(t, "Palestina", CountryName("PS", "es"))
	assert.Equal(t, "Türkiye", CountryName("TR", "en"))

	// Fallbacks: a language x/text cannot name regions in, or an invalid
	// tag, gives English; an unknown code gives the code.
	assert.Equal(t, "Germany", CountryName("DE", "not a tag!"))
	assert.Equal(t, "Germany", CountryName("DE", ""))
	assert.Equal(t, "North Macedonia", CountryName("MK", ""))
	assert.Equal(t, "Q1", CountryName("Q1", "fr"))
	assert.Equal(t, "", CountryName("", "fr"))
	// Other languages x/text covers still work, not only the four above.
	assert.Equal(t, "Deutschland", CountryName("DE", "de"))
}

func TestSortedCountriesFrench(t *testing.T) {
	sorted := SortedCountries(MemberCountries(), "fr")
	require.Len(t, sorted, 196)
	names := make([]string, len(sorted))
	for i, c := range sorted {
		names[i] = CountryName(c.Code, "fr")
	}
	assert.Equal(t, "Afghanistan", names[0])

	// Accented initials sort with their base letter: "États-Unis" sits
	// between "Espagne"/"Estonie" and "Éthiopie", not after "Zimbabwe".
	us := slices.Index(names, "États-Unis")
	require.NotEqual(t, -1, us)
	assert.Equal(t, "Zimbabwe", names[len(names)-1])
	assert.Less(t, slices.Index(names, "Estonie"), us)
	assert.Greater(t, slices.Index(names, "Éthiopie"), us)
	assert.Less(t, us, slices.Index(names, "Fidji"))
	// The same holds inside the E's: É and E differ only at the secondary
	// level, so the letters after them decide.
	assert.Less(t, slices.Index(names, "Égypte"), slices.Index(names, "Émirats arabes unis"))
	assert.Less(t, slices.Index(names, "Djibouti"), slices.Index(names, "Égypte"))
	assert.Less(t, slices.Index(names, "Égypte"), slices.Index(names, "Équateur"))
	assert.Less(t, slices.Index(names, "Équateur"), slices.Index(names, "Érythrée"))
	assert.Less(t, slices.Index(names, "Érythrée"), slices.Index(names, "Espagne"))

	// Same set, nothing lost or duplicated.
	assert.ElementsMatch(t, MemberCountries(), sorted)
}

func TestSortedCountriesOtherLanguages(t *testing.T) {
	for _, lang := range []string{"en", "es", "ar"} {
		sorted := SortedCountries(MemberCountries(), lang)
		require.Len(t, sorted, 196, lang)
		assert.ElementsMatch(t, MemberCountries(), sorted, lang)
	}
	en := SortedCountries(MemberCountries(), "en")
	assert.Equal(t, "AF", en[0].Code) // Afghanistan
	assert.Equal(t, "ZW", en[len(en)-1].Code)
	es := SortedCountries(MemberCountries(), "es")
	assert.Equal(t, "AF", es[0].Code) // Afganistán

	// The input is not reordered in place.
	in := MemberCountries()
	_ = SortedCountries(in, "fr")
	assert.Equal(t, MemberCountries(), in)
	assert.Empty(t, SortedCountries(nil, "fr"))
}

func TestSortedCountriesConcurrent(t *testing.T) {
	// Run under -race: the shared namers must be safe to use concurrently.
	want := countryCodes(SortedCountries(MemberCountries(), "fr"))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for _, lang := range []string{"fr", "en", "es", "ar"} {
				got := SortedCountries(MemberCountries(), lang)
				if lang == "fr" {
					assert.Equal(t, want, countryCodes(got))
				}
			}
		})
	}
	wg.Wait()
}
