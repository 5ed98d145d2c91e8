// Package order sorts what people read in their language's collation:
// names, and a counsel's applicants in the dashboard's order.
package order

import (
	"slices"

	"golang.org/x/text/collate"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/countries"
)

// SortByName sorts items stably by the names name gives, with the
// collation of lang: in French "Élodie" sorts among the E's, in Spanish
// "Ñ" after "N", in Arabic names follow the Arabic alphabet, and case and
// accents matter only to break ties. SQL's ORDER BY cannot do this (SQLite
// compares bytes), so lists whose order people read are sorted here after
// reading. Items with equal names keep their order.
func SortByName[T any](items []T, lang string, name func(T) string) {
	// A Collator keeps iteration state and is not safe for concurrent use;
	// building one per call costs a few microseconds.
	coll := collate.New(countries.ParseLang(lang))
	slices.SortStableFunc(items, func(a, b T) int { return coll.CompareString(name(a), name(b)) })
}

// SortSummaries puts a counsel's applicants in the dashboard's order --
// urgent first, then by the nearest deadline -- with names in the reader's
// collation breaking ties.
func SortSummaries(list []domain.ApplicantSummary, lang string) {
	SortByName(list, lang, func(s domain.ApplicantSummary) string { return s.Applicant.FullName })
	slices.SortStableFunc(list, func(a, b domain.ApplicantSummary) int {
		switch {
		case domain.SummaryBefore(a, b):
			return -1
		case domain.SummaryBefore(b, a):
			return 1
		}
		return 0
	})
}
