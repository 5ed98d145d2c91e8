package publish

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/ccf-portal/ccfportal/db/domain"
)

var amal = Identifiers{Names: []string{"Amal Ḥaddād", ""}, BirthDates: []string{"1980-03-04", ""}, IDNumbers: []string{"P 1234567", ""},
	Emails: []string{"Amal.Haddad@example.org"}}

func TestNormaliseFoldsCaseMarksSpacingAndArabic(t *testing.T) {
	assert.Equal(t, "haddad amal", Normalise("  ḤADDĀD,\tAmal! "))
	assert.Equal(t, "حسن", Normalise("حَسَـــن"), "tashkeel and tatweel removed")
	assert.Equal(t, "احمد", Normalise("أحمد"), "the hamza over the alef is a mark")
	assert.Equal(t, "1980", Normalise("١٩٨٠"), "Eastern Arabic digits")
	assert.Equal(t, "ab12", Normalise("ＡＢ１２"), "full-width forms")
	assert.Equal(t, "strasse", Normalise("STRASSE"))
}

func TestFindEachKindOfIdentifierInItsVariants(t *testing.T) {
	for text, want := range map[string]Found{
		"The applicant, Amal Haddad, argued...":         FoundName,
		"HADDAD argued":                                 FoundName,
		"h a d d a d":                                   FoundNone, // spelled out letter by letter is not a word
		"Mme HAḌḌĀD a soutenu":                          FoundName,
		"amal—haddad":                                   FoundName,
		"born on 1980-03-04":                            FoundBirthDate,
		"né le 04/03/1980":                              FoundBirthDate,
		"born 4 March 1980":                             FoundBirthDate,
		"born March 4, 1980":                            FoundBirthDate,
		"née le 4 mars 1980":                            FoundBirthDate,
		"nacida el 4 de marzo de 1980":                  FoundBirthDate,
		"مولودة في ٤ مارس ١٩٨٠":                         FoundBirthDate,
		"مولودة في 4 آذار 1980":                         FoundBirthDate,
		"04.03.80":                                      FoundBirthDate,
		"passport p1234567":                             FoundIDNumber,
		"passport P-123 4567":                           FoundIDNumber,
		"write to AMAL.HADDAD@EXAMPLE.ORG":              FoundEmail,
		"The source did not reply within the time set.": FoundNone,
		"born in 1980 in March":                         FoundNone,
		"the amalgam of charges":                        FoundNone,
	} {
		assert.Equal(t, want, amal.Find(text), text)
	}
}

func TestFindNamesInArabicScript(t *testing.T) {
	id := Identifiers{Names: []string{"أحمد الحسن"}}
	assert.Equal(t, FoundName, id.Find("قدّم السيد احمد طلبه"), "hamza and shadda do not hide the name")
	assert.Equal(t, FoundName, id.Find("الحـسـن"), "tatweel does not hide it")
	assert.Equal(t, FoundNone, id.Find("قدّم مقدم الطلب"))
}

func TestShortNamePartsAreOnlyFoundInTheFullName(t *testing.T) {
	id := Identifiers{Names: []string{"Li Wu"}}
	assert.Equal(t, FoundNone, id.Find("Li argued; Wu replied"), "parts of fewer than three letters alone are not looked for")
	assert.Equal(t, FoundName, id.Find("Mr LI WU argued"))
}

func TestFirstOfTheMonthInFrench(t *testing.T) {
	id := Identifiers{BirthDates: []string{"1975-11-01"}}
	assert.Equal(t, FoundBirthDate, id.Find("né le 1er novembre 1975"))
	assert.Equal(t, FoundBirthDate, id.Find("born on the 1st November 1975"))
}

func TestCheckNamesTheFieldAndOnlyTheKind(t *testing.T) {
	found, errs := Check(amal, Input{Session: "2026 session 3", Excerpt: "Ms Haddad"})
	assert.Equal(t, FoundName, found)
	assert.Equal(t, domain.FieldErrors{{Field: "excerpt", Message: "publish.error.found.name"}}, errs)
	found, errs = Check(amal, Input{Session: "Haddad", Excerpt: "The applicant"})
	assert.Equal(t, FoundName, found)
	assert.Equal(t, "session", errs[0].Field)
	found, errs = Check(amal, Input{Session: "2026 session 3", Excerpt: "The applicant"})
	assert.Equal(t, FoundNone, found)
	assert.Empty(t, errs)
}

func TestTwoPersonApproval(t *testing.T) {
	author := domain.User{ID: 7, Role: domain.RoleStaff}
	other := domain.User{ID: 8, Role: domain.RoleStaff}
	p := Publication{AuthorID: 7, State: Draft}
	assert.EqualError(t, CanApprove(p, author), "forbidden: publish.error.own")
	assert.NoError(t, CanApprove(p, other))
	assert.Error(t, CanApprove(p, domain.User{ID: 9, Role: domain.RoleCounsel}))
	p.State = Published
	assert.Error(t, CanApprove(p, other), "approved once")
	assert.NoError(t, CanWithdraw(p))
	assert.Error(t, CanEdit(p), "a public text is withdrawn before it changes")
}

func TestParseFilterKeepsKnownValues(t *testing.T) {
	f := ParseFilter(url.Values{"year": {"2025"}, "kind": {"deletion"}, "ground": {"political"}, "outcome": {"non_compliant_deletion"},
		"q": {"  Réfugié  "}, "page": {"3"}})
	assert.Equal(t, Filter{Year: 2025, Kind: domain.KindDeletion, Ground: "political", Outcome: "non_compliant_deletion", Query: "Réfugié", Page: 3}, f)
	assert.Equal(t, []string{"refugie"}, f.Words())
	assert.Equal(t, 40, f.Offset())
	assert.Equal(t, "ground=political&kind=deletion&outcome=non_compliant_deletion&q=R%C3%A9fugi%C3%A9&year=2025", f.Values(1).Encode())
	assert.Equal(t, Filter{Page: 1}, ParseFilter(url.Values{"year": {"x"}, "kind": {"provisional_measures"}, "ground": {"nope"},
		"outcome": {"'; DROP"}, "page": {"-1"}}))
}
