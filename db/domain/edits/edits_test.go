package edits

import (
	"net/url"
	"strings"
	"testing"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func applicantSection(t *testing.T) domain.Section {
	s, ok := domain.SectionByKey(domain.KindAccess, domain.SectionApplicant)
	require.True(t, ok)
	return s
}

func editOf(s domain.Section, form url.Values) Edit {
	return Read(s, func(n string) string { return strings.Join(form[n], ",") },
		func(n string) bool { _, ok := form[n]; return ok })
}

func TestMergeWritesOnlyWhatTheFormStartedFrom(t *testing.T) {
	s := applicantSection(t)
	shown := domain.Answers{"full_name": "Amal Haddad", "birth_place": "Aleppo"}
	// Someone else changed the birth place after this form was shown.
	saved := domain.Answers{"full_name": "Amal Haddad", "birth_place": "Homs", "language": "en"}
	e := editOf(s, url.Values{
		"full_name": {"Amal Al-Haddad"}, VersionInput("full_name"): {Version(shown["full_name"])},
		"birth_place": {"Idlib"}, VersionInput("birth_place"): {Version(shown["birth_place"])},
		"other_names": {""}, VersionInput("other_names"): {Version("")},
	})
	m := Merge(s, saved, e)
	assert.True(t, m.Changed)
	assert.Equal(t, "Amal Al-Haddad", m.Answers["full_name"], "unchanged by anyone else: written")
	assert.Equal(t, "Homs", m.Answers["birth_place"], "changed by someone else: kept")
	assert.Equal(t, "en", m.Answers["language"], "fields of other sections are untouched")
	assert.Equal(t, []FieldConflict{{Field: "birth_place", Saved: "Homs"}}, m.Conflicts)
	assert.Equal(t, "Homs", saved["birth_place"], "the saved answers are not modified in place")
	_, carried := m.Answers["nationality"]
	assert.False(t, carried, "a field the form did not carry is left alone")

	untouched := Merge(s, saved, editOf(s, url.Values{
		"birth_place": {"Aleppo"}, VersionInput("birth_place"): {Version(shown["birth_place"])}}))
	assert.Empty(t, untouched.Conflicts, "a field posted back as it was shown was not touched")
	assert.Equal(t, "Homs", untouched.Answers["birth_place"], "and keeps what someone else saved")
}

func TestMergeAcceptsTheSameAnswerAndFormsWithoutVersionsOnlyFillBlanks(t *testing.T) {
	s := applicantSection(t)
	saved := domain.Answers{"full_name": "Amal Haddad"}
	same := Merge(s, saved, editOf(s, url.Values{"full_name": {"Amal Haddad"}, VersionInput("full_name"): {"stale"}}))
	assert.Empty(t, same.Conflicts, "both typed the same: no conflict")
	assert.False(t, same.Changed)

	old := Merge(s, saved, editOf(s, url.Values{"full_name": {"Someone Else"}, "birth_place": {"Aleppo"}}))
	assert.Equal(t, []FieldConflict{{Field: "full_name", Saved: "Amal Haddad"}}, old.Conflicts)
	assert.Equal(t, "Aleppo", old.Answers["birth_place"], "a blank is filled")
}

func TestMergeDropsHiddenAnswersUnderTheSameRule(t *testing.T) {
	s, _ := domain.SectionByKey(domain.KindAccess, domain.SectionRepresentation)
	saved := domain.Answers{"representation": "representative", "relationship": "lawyer", "applicant_minor": "no"}
	form := url.Values{"representation": {"self"}, "relationship": {"lawyer"}}
	for k, v := range saved {
		form.Set(VersionInput(k), Version(v))
	}
	m := Merge(s, saved, editOf(s, form))
	assert.Equal(t, domain.Answers{"representation": "self"}, m.Answers)

	form.Set(VersionInput("relationship"), Version("family"))
	m = Merge(s, saved, editOf(s, form))
	assert.Equal(t, "lawyer", m.Answers["relationship"], "an answer changed meanwhile is not dropped unseen")
	assert.Len(t, m.Conflicts, 1)
}

func TestMergeRefusesWhatCannotBeStored(t *testing.T) {
	s := applicantSection(t)
	saved := domain.Answers{"full_name": "Amal Haddad", "other_names": "A. H."}
	form := url.Values{
		"full_name": {strings.Repeat("x", 100_000)}, VersionInput("full_name"): {Version("Amal Haddad")},
		"other_names": {"one\x00two"}, VersionInput("other_names"): {Version("A. H.")},
		"birth_place": {"Aleppo\tcentre"},
	}
	m := Merge(s, saved, editOf(s, form))
	assert.Equal(t, "Amal Haddad", m.Answers["full_name"])
	assert.Equal(t, "A. H.", m.Answers["other_names"])
	_, ok := m.Answers["birth_place"]
	assert.False(t, ok, "a tab is refused in a one-line answer")
	require.Len(t, m.Refused, 3)
	assert.Equal(t, domain.FieldError{Field: "full_name", Message: "answer.too_long", Args: []any{200}}, m.Refused[0])
	assert.Equal(t, "answer.control_chars", m.Refused[1].Message)
	assert.False(t, m.Changed)
}

func TestPlanGroundsChangesOnlyWhatThePersonChanged(t *testing.T) {
	shownFiling := domain.Filing{Grounds: []domain.Ground{{Code: "political", Explanation: "Articles."}, {Code: "outdated"}}}
	shown := map[domain.GroundCode]string{"political": GroundVersion(shownFiling, "political"),
		"outdated": GroundVersion(shownFiling, "outdated")}
	// Since then: "political" got evidence, "refugee" was chosen by someone else.
	now := domain.Filing{Grounds: []domain.Ground{{Code: "political", Explanation: "Articles."}, {Code: "outdated"}, {Code: "refugee"}},
		DocGrounds: map[int64][]domain.GroundCode{7: {"political"}}}
	c := PlanGrounds(now, GroundsEdit{Ticked: []domain.GroundCode{"human_rights", "human_rights"}, Shown: shown})
	assert.Equal(t, []domain.GroundCode{"human_rights"}, c.Add)
	assert.Equal(t, []domain.GroundCode{"outdated"}, c.Remove, "unchanged since shown: removed")
	assert.Equal(t, []domain.GroundCode{"political"}, c.Kept, "given evidence meanwhile: kept")

	old := PlanGrounds(now, GroundsEdit{Ticked: []domain.GroundCode{"wrong_identity"}})
	assert.Empty(t, old.Remove, "a page without versions can add grounds, never remove them")
	assert.NotEqual(t, GroundVersion(shownFiling, "political"), GroundVersion(now, "political"))
}
