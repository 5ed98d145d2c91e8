package domain

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestEveryDocumentTypeIsInTheOneList(t *testing.T) {
	seen := map[DocType]bool{}
	for _, dt := range DocTypes {
		assert.False(t, seen[dt], "%s listed twice", dt)
		seen[dt] = true
	}
	subsets := [][]DocType{FilingDocTypes, EvidenceDocTypes, RecordDocTypes}
	for _, g := range Grounds {
		subsets = append(subsets, g.Evidence)
	}
	for _, subset := range subsets {
		for _, dt := range subset {
			assert.True(t, seen[dt], "%s is not in DocTypes", dt)
		}
	}
}

// The CCF counts appendices without the summary and without translations
// of a counted document, and its format limits are warnings.
func TestAppendicesLeaveOutTheSummaryAndTranslations(t *testing.T) {
	f := Filing{Request: Request{Kind: KindDeletion}, Documents: []Document{
		{ID: 1, Type: DocCourtDecision}, {ID: 2, Type: DocPressArticle}, {ID: 3, Type: DocSummary, PageCount: 12},
		{ID: 4, Type: DocTranslation, TranslationOf: 1}, {ID: 5, Type: DocTranslation, TranslationOf: 2},
		{ID: 6, Type: DocIdentity},
	}}
	assert.Len(t, f.Appendices(), 2)
	problems := deletionProblems(f, Limits{MaxAppendices: 1, MaxSummaryPages: 10})
	var keys []string
	for _, p := range problems {
		if p.Key == "problem.too_many_appendices" || p.Key == "problem.summary_too_long" {
			keys = append(keys, p.Key)
			assert.False(t, p.Blocking, "%s is the CCF's practice: a warning", p.Key)
		}
	}
	assert.ElementsMatch(t, []string{"problem.too_many_appendices", "problem.summary_too_long"}, keys)
}
