package countries

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
	all := All()
	// ISO 3166-1 has had 249 current alpha-2 assignments since SS in 2011.
	require.Len(t, all, 249)
	codes := countryCodes(all)
	assert.True(t, slices.IsSorted(codes), "All must be sorted by code")
	assert.Len(t, slices.Compact(slices.Clone(codes)), len(codes), "duplicate codes")
	for _, c := range codes {
		assert.Len(t, c, 2, c)
		assert.Equal(t, strings.ToUpper(c), c)
		assert.True(t, Exists(c), c)
	}
	for _, code := range []string{"XK", "EU", "UK", "AN", "YU", "de", "", "DEU"} {
		assert.False(t, Exists(code), code)
	}
}

func TestCountriesUNList(t *testing.T) {
	// The member list is derived from the UN list, so a typo there would
	// silently shift the INTERPOL count; pin it independently.
	un := strings.Fields(unMembers)
	require.Len(t, un, 193)
	assert.Len(t, slices.Compact(slices.Sorted(slices.Values(un))), 193, "duplicate UN codes")
	for _, c := range un {
		assert.True(t, Exists(c), "UN member %s is not an ISO code", c)
	}
}

func TestMemberCountries(t *testing.T) {
	members := Members()
	require.Len(t, members, 196, "INTERPOL has 196 member countries (Palau, the 196th, joined in November 2023)")
	codes := countryCodes(members)
	assert.True(t, slices.IsSorted(codes), "Members must be sorted by code")
	for _, c := range members {
		assert.True(t, c.Member, c.Code)
		assert.True(t, Exists(c.Code), "member %s is not an ISO code", c.Code)
		assert.True(t, IsMember(c.Code), c.Code)
	}

	// All agrees with Members on who is a member.
	var flagged []string
	for _, c := range All() {
		if c.Member {
			flagged = append(flagged, c.Code)
		}
	}
	assert.Equal(t, codes, flagged)

	for _, code := range []string{"PS", "VA", "AW", "CW", "SX", "PW", "FM", "FR", "US", "CN"} {
		assert.True(t, IsMember(code), "%s should be a member", code)
	}
	for _, code := range []string{"KP", "TV", "TW", "XK", "EH", "BQ", "GI", "BM", "HK", "", "fr"} {
		assert.False(t, IsMember(code), "%s should not be a member", code)
	}
}

func TestCountriesReturnCopies(t *testing.T) {
	// Callers may sort or edit what they get; that must not leak into the
	// package's data.
	m := Members()
	m[0] = Country{Code: "ZZ"}
	assert.Equal(t, "AD", Members()[0].Code)
	c := All()
	c[0].Member = false
	assert.True(t, All()[0].Member, "AD is a member")
}

func TestCountryNamesForAllMembers(t *testing.T) {
	for _, lang := range []string{"en", "fr", "es", "ar"} {
		for _, c := range Members() {
			name := Name(c.Code, lang)
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
	assert.Equal(t, "Allemagne", Name("DE", "fr"))
	assert.Equal(t, "Germany", Name("DE", "en"))
	assert.Equal(t, "Alemania", Name("DE", "es"))
	assert.Equal(t, "ألمانيا", Name("DE", "ar"))
	assert.True(t, hasScript(Name("FR", "ar"), unicode.Arabic), Name("FR", "ar"))
	assert.Equal(t, "États-Unis", Name("US", "fr"))

	// Regional variants and case use the base language's names.
	assert.Equal(t, "Allemagne", Name("DE", "fr-CA"))
	assert.Equal(t, "Allemagne", Name("de", "FR"))

	// Overrides for names that x/text's CLDR snapshot has out of date.
	assert.Equal(t, "Eswatini", Name("SZ", "en"))
	assert.Equal(t, "Macédoine du Nord", Name("MK", "fr"))
	assert.Equal(t, "Palestina", Name("PS", "es"))
	assert.Equal(t, "Türkiye", Name("TR", "en"))

	// Fallbacks: a language x/text cannot name regions in, or an invalid
	// tag, gives English; an unknown code gives the code.
	assert.Equal(t, "Germany", Name("DE", "not a tag!"))
	assert.Equal(t, "Germany", Name("DE", ""))
	assert.Equal(t, "North Macedonia", Name("MK", ""))
	assert.Equal(t, "Q1", Name("Q1", "fr"))
	assert.Equal(t, "", Name("", "fr"))
	// Other languages x/text covers still work, not only the four above.
	assert.Equal(t, "Deutschland", Name("DE", "de"))
}

func TestSortedCountriesFrench(t *testing.T) {
	sorted := Sorted(Members(), "fr")
	require.Len(t, sorted, 196)
	names := make([]string, len(sorted))
	for i, c := range sorted {
		names[i] = Name(c.Code, "fr")
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
	assert.ElementsMatch(t, Members(), sorted)
}

func TestSortedCountriesOtherLanguages(t *testing.T) {
	for _, lang := range []string{"en", "es", "ar"} {
		sorted := Sorted(Members(), lang)
		require.Len(t, sorted, 196, lang)
		assert.ElementsMatch(t, Members(), sorted, lang)
	}
	en := Sorted(Members(), "en")
	assert.Equal(t, "AF", en[0].Code) // Afghanistan
	assert.Equal(t, "ZW", en[len(en)-1].Code)
	es := Sorted(Members(), "es")
	assert.Equal(t, "AF", es[0].Code) // Afganistán

	// The input is not reordered in place.
	in := Members()
	_ = Sorted(in, "fr")
	assert.Equal(t, Members(), in)
	assert.Empty(t, Sorted(nil, "fr"))
}

func TestSortedCountriesConcurrent(t *testing.T) {
	// Run under -race: the shared namers must be safe to use concurrently.
	want := countryCodes(Sorted(Members(), "fr"))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for _, lang := range []string{"fr", "en", "es", "ar"} {
				got := Sorted(Members(), lang)
				if lang == "fr" {
					assert.Equal(t, want, countryCodes(got))
				}
			}
		})
	}
	wg.Wait()
}

// A nationality is a state's: the list holds the UN's members, Palestine,
// the Holy See and Taiwan, and no territory without a nationality of its
// own.
func TestNationalitiesAreStatesNotTerritories(t *testing.T) {
	assert.Len(t, Nationalities(), 193+3)
	for _, code := range []string{"SY", "TR", "KP", "TV", "PS", "VA", "TW", "CH"} {
		assert.True(t, IsNationality(code), code)
	}
	for _, code := range []string{"AQ", "BV", "HM", "TF", "GS", "UM", "IO", "GI", "HK", "AW", "EH"} {
		assert.False(t, IsNationality(code), code)
		assert.True(t, Exists(code), "%s still exists as a country or territory", code)
	}
}
