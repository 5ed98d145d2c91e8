package countries

import (
	"slices"
	"strings"
)

// Country is an ISO 3166-1 country or territory.
type Country struct {
	Code   string // ISO 3166-1 alpha-2, upper case
	Member bool   // an INTERPOL member country
	// Nationality is whether people hold this state's nationality: the
	// UN's member states, Palestine, the Holy See and Taiwan.
	Nationality bool
}

// isoCodes holds every current ISO 3166-1 alpha-2 assignment (249 codes),
// sorted. It matches Debian's iso-codes 4.15.0 (iso_3166-1.json). It is kept
// as data in the binary so that validating a request never depends on a
// download or on what the host happens to have installed.
const isoCodes = `
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ
BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ
DE DJ DK DM DO DZ
EC EE EG EH ER ES ET
FI FJ FK FM FO FR
GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY
HK HM HN HR HT HU
ID IE IL IM IN IO IQ IR IS IT
JE JM JO JP
KE KG KH KI KM KN KP KR KW KY KZ
LA LB LC LI LK LR LS LT LU LV LY
MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ
NA NC NE NF NG NI NL NO NP NR NU NZ
OM
PA PE PF PG PH PK PL PM PN PR PS PT PW PY
QA
RE RO RS RU RW
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ
TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ
UA UG UM US UY UZ
VA VC VE VG VI VN VU
WF WS
YE YT
ZA ZM ZW
`

// INTERPOL publishes its members only as web pages, so the list is derived
// here from the better-documented UN membership plus the known differences,
// which keeps each decision visible and reviewable:
//
//	INTERPOL members = 193 UN member states
//	                   - North Korea (KP) and Tuvalu (TV), the only two outside
//	                   + State of Palestine (PS, admitted 2017)
//	                   + Vatican City State (VA, admitted 2008)
//	                   + Aruba (AW, 1987), Curaçao (CW, 2011), Sint Maarten (SX, 2011)
//	                 = 196
//
// Sources, checked November 2026: INTERPOL's news release "Palau becomes
// INTERPOL's 196th member country" (29 November 2023, 91st General Assembly,
// Vienna), the latest admission found; interpol.int member pages for Aruba
// ("Member since 23 November 1987") and Curaçao ("31 October 2011"); the 2011
// admissions of Sint Maarten, Curaçao and South Sudan (190 members); the 2017
// release admitting Palestine and the Solomon Islands (192); Kiribati and
// Vanuatu in 2018 (194); Micronesia in 2021 (195); and English Wikipedia's
// "Interpol" article (2024 revision), which names North Korea and Tuvalu as
// the only UN member states outside INTERPOL. The history adds up: the 190
// members of late 2011 were the UN states less KP, SB, KI, VU, FM, PW and TV,
// plus VA, AW, CW and SX.
//
// Deliberately not members: Taiwan (TW; INTERPOL moved China's seat to the
// PRC in 1984); Kosovo (XK is not an ISO code, and its 2018 application was
// rejected); Western Sahara (EH); and territories served by a "sub-bureau" of
// another member's National Central Bureau, e.g. the UK's Anguilla, Bermuda,
// British Virgin Islands, Cayman Islands, Gibraltar, Montserrat and Turks and
// Caicos, or the Caribbean Netherlands (BQ) under NCB The Hague. Some
// third-party lists name those territories as members; INTERPOL's own count
// of 196 leaves no room for them.
//
// When the General Assembly admits a new member, add it to interpolExtra (or
// remove it from unNonInterpol) and update the count in the test.

// unMembers are the 193 member states of the United Nations.
const unMembers = `
AD AE AF AG AL AM AO AR AT AU AZ
BA BB BD BE BF BG BH BI BJ BN BO BR BS BT BW BY BZ
CA CD CF CG CH CI CL CM CN CO CR CU CV CY CZ
DE DJ DK DM DO DZ
EC EE EG ER ES ET
FI FJ FM FR
GA GB GD GE GH GM GN GQ GR GT GW GY
HN HR HT HU
ID IE IL IN IQ IR IS IT
JM JO JP
KE KG KH KI KM KN KP KR KW KZ
LA LB LC LI LK LR LS LT LU LV LY
MA MC MD ME MG MH MK ML MM MN MR MT MU MV MW MX MY MZ
NA NE NG NI NL NO NP NR NZ
OM
PA PE PG PH PK PL PT PW PY
QA
RO RS RU RW
SA SB SC SD SE SG SI SK SL SM SN SO SR SS ST SV SY SZ
TD TG TH TJ TL TM TN TO TR TT TV TZ
UA UG US UY UZ
VC VE VN VU
WS
YE
ZA ZM ZW
`

// unNonInterpol are the UN member states that are not INTERPOL members.
const unNonInterpol = "KP TV"

// interpolExtra are the INTERPOL members that are not UN member states.
const interpolExtra = "PS VA AW CW SX"

// nationalityExtra are the states beyond the UN's whose nationality people
// hold and name: the two observer states, and Taiwan, whose passport is that
// of the Republic of China. A nationality list offers states only, never a
// territory without a nationality of its own (Antarctica, Bouvet Island,
// Gibraltar, Hong Kong...). Kosovo has no ISO 3166-1 code to store.
const nationalityExtra = "PS VA TW"

// Built once: the lists are fixed at compile time, and the maps make the
// Is* checks constant-time for request validation.
var (
	countryList   []Country
	memberList    []Country
	nationalList  []Country
	countryByCode map[string]Country
)

func init() {
	members := make(map[string]bool)
	for _, c := range strings.Fields(unMembers) {
		members[c] = true
	}
	nationals := make(map[string]bool)
	for _, c := range append(strings.Fields(unMembers), strings.Fields(nationalityExtra)...) {
		nationals[c] = true
	}
	for _, c := range strings.Fields(unNonInterpol) {
		delete(members, c)
	}
	for _, c := range strings.Fields(interpolExtra) {
		members[c] = true
	}

	codes := strings.Fields(isoCodes)
	slices.Sort(codes)
	countryByCode = make(map[string]Country, len(codes))
	for _, code := range codes {
		c := Country{Code: code, Member: members[code], Nationality: nationals[code]}
		countryList = append(countryList, c)
		countryByCode[code] = c
		if c.Member {
			memberList = append(memberList, c)
		}
		if c.Nationality {
			nationalList = append(nationalList, c)
		}
	}
}

// All returns every ISO 3166-1 alpha-2 code (current assignments),
// sorted by code. The slice is a fresh copy the caller may modify.
func All() []Country {
	return slices.Clone(countryList)
}

// Members returns the 196 INTERPOL member countries, sorted by code.
// The slice is a fresh copy the caller may modify.
func Members() []Country {
	return slices.Clone(memberList)
}

// Nationalities returns the states a person can be a national of (196),
// sorted by code. The slice is a fresh copy the caller may modify.
func Nationalities() []Country {
	return slices.Clone(nationalList)
}

// IsNationality reports whether code names a state a person can be a
// national of.
func IsNationality(code string) bool {
	return countryByCode[code].Nationality
}

// Exists reports whether code is a current ISO 3166-1 alpha-2 code. The
// match is exact: callers are expected to store and send upper-case codes,
// so "de" is rejected rather than silently accepted.
func Exists(code string) bool {
	_, ok := countryByCode[code]
	return ok
}

// IsMember reports whether code is an INTERPOL member country.
func IsMember(code string) bool {
	return countryByCode[code].Member
}
