package order

import (
	"testing"
	"time"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/stretchr/testify/assert"
)

func TestSortByNameFollowsTheLanguagesCollation(t *testing.T) {
	names := []string{"Zoé Martin", "Élodie Bernard", "Emma Petit", "ana López", "Ñuño Díaz", "Nora Blanc"}
	id := func(s string) string { return s }

	fr := append([]string(nil), names...)
	SortByName(fr, "fr", id)
	assert.Equal(t, []string{"ana López", "Élodie Bernard", "Emma Petit", "Nora Blanc", "Ñuño Díaz", "Zoé Martin"}, fr,
		"accents and case do not push a name after Z")

	es := append([]string(nil), names...)
	SortByName(es, "es", id)
	assert.Equal(t, []string{"ana López", "Élodie Bernard", "Emma Petit", "Nora Blanc", "Ñuño Díaz", "Zoé Martin"}, es,
		"Ñ comes after N in Spanish")

	ar := []string{"يوسف", "أحمد", "بشير", "Zoe", "ثامر"}
	SortByName(ar, "ar", id)
	assert.Equal(t, []string{"Zoe", "أحمد", "بشير", "ثامر", "يوسف"}, ar, "Arabic names in the order of the alphabet")
}

func TestSortSummariesKeepsUrgencyFirstAndNamesAsTies(t *testing.T) {
	soon := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	list := []domain.ApplicantSummary{
		{Applicant: domain.Applicant{FullName: "Zoé"}},
		{Applicant: domain.Applicant{FullName: "Élise"}},
		{Applicant: domain.Applicant{FullName: "Yann"}, Urgent: true, UrgentEvent: soon},
		{Applicant: domain.Applicant{FullName: "Adèle"}, NextDeadline: soon},
	}
	SortSummaries(list, "fr")
	var got []string
	for _, s := range list {
		got = append(got, s.Applicant.FullName)
	}
	assert.Equal(t, []string{"Yann", "Adèle", "Élise", "Zoé"}, got)
}
