package stats

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/outcome"
)

var asOf = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }

func find(t *testing.T, r Report, key string) Published {
	t.Helper()
	for _, p := range r.Tables {
		if p.Key == key {
			return p
		}
	}
	t.Fatalf("no table %s", key)
	return Published{}
}

func values(p Published) [][]any {
	out := make([][]any, len(p.Cells))
	for r := range p.Cells {
		for _, c := range p.Cells[r] {
			switch c.Hidden {
			case Small:
				out[r] = append(out[r], "<")
			case Protected:
				out[r] = append(out[r], "x")
			default:
				out[r] = append(out[r], c.Value)
			}
		}
	}
	return out
}

func TestBuildCountsEachFigureAsWorkedOutByHand(t *testing.T) {
	raw := Raw{
		Filed: []Filed{
			{2025, domain.KindAccess, false, "FR", 12}, {2025, domain.KindAccess, false, "TR", 3},
			{2025, domain.KindDeletion, false, "TR", 20}, {2025, domain.KindCorrection, false, "VE", 2},
			{2025, domain.KindDeletion, true, "VE", 9}, {2025, domain.KindRevision, false, "", 6},
			{2025, domain.KindProvisional, false, "TR", 7},
			{2026, domain.KindAccess, false, "NG", 5},
		},
		Assessed: []Assessed{{2025, true, 40}, {2025, false, 10}, {2026, true, 5}, {2026, false, 1}},
		Decided: []Decided{
			{2025, domain.KindDeletion, outcome.Compliant, 6}, {2025, domain.KindCorrection, outcome.NonCompliantCorrection, 2},
			{2025, domain.KindDeletion, outcome.NonCompliantDeletion, 14}, {2025, domain.KindAccess, outcome.NoData, 8},
		},
		Urgent:   []YearCount{{2025, "", 7}, {2026, "", 2}},
		Measures: []YearCount{{2025, domain.MeasureGranted, 6}, {2025, domain.MeasureRefused, 1}},
	}
	r := Build(raw, asOf, 5)
	assert.Equal(t, []int{2025, 2026}, r.Years)

	rec := find(t, r, TableReceived)
	// 2025: access 12+3=15; deletion alone 20+2=22; with access 9; revision 6 -> 52. Provisional not counted.
	assert.Equal(t, [][]any{{15, 5}, {22, 0}, {9, 0}, {6, 0}}, values(rec))
	assert.Equal(t, []Cell{{Value: 52}, {Value: 5}}, rec.Totals)

	reg := find(t, r, TableRegions)
	// 2025: Africa 0, Americas 2+9=11, Asia 3+20=23, Europe 12, Oceania 0, unknown 6. 2026: Africa 5.
	assert.Equal(t, [][]any{{0, 5}, {11, 0}, {23, 0}, {12, 0}, {0, 0}, {6, 0}}, values(reg))
	assert.Equal(t, rec.Totals, reg.Totals, "the same requests")

	// 40 of 50 admissible in 2025; 2026: 1 inadmissible of 6 is small.
	assert.Equal(t, [][]any{{80, "x"}}, values(find(t, r, TableAdmissible)))

	// Deletion 2025: compliant 6, after update 0, deleted 14, source silent 0, corrected 2 (small),
	// other measures 0, before decision 0, then the endings; the 2 is protected by the 6, the
	// smallest other count.
	assert.Equal(t, [][]any{{"x", 0}, {0, 0}, {14, 0}, {0, 0}, {"<", 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}},
		values(find(t, r, TableDeletion)))
	assert.Equal(t, [][]any{{8, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}}, values(find(t, r, TableAccess)))
	assert.Equal(t, [][]any{{7, "<"}}, values(find(t, r, TableMeasuresAsked)))
	assert.Equal(t, [][]any{{"x", 0}, {"<", 0}}, values(find(t, r, TableMeasuresDecided)), "the lone refusal would be 7 - 6")
}

// TestEveryOutcomeIsCountedInTheCCFsCategories builds the CCF's 2021
// figures for deletion (DOMAIN.md: 133 compliant, 20 compliant after the
// source updated the data, 296 deleted of which 50 because the source
// never answered, 49 deleted before a decision) from the outcomes as
// stored, with an access part of a combined filing disclosed in part.
func TestEveryOutcomeIsCountedInTheCCFsCategories(t *testing.T) {
	raw := Raw{Decided: []Decided{
		{2021, domain.KindDeletion, outcome.Compliant, 130}, {2021, domain.KindCorrection, outcome.Compliant, 3},
		{2021, domain.KindDeletion, outcome.CompliantAfterUpdate, 20}, {2021, domain.KindDeletion, outcome.NonCompliantDeletion, 246},
		{2021, domain.KindDeletion, outcome.DeletedNoReply, 50}, {2021, domain.KindDeletion, outcome.DeletedBeforeDecision, 49},
		{2021, domain.KindDeletion, outcome.OtherMeasures, 7}, {2021, domain.KindDeletion, outcome.ClosedWithoutDecision, 6},
		{2021, domain.KindAccess, outcome.DataHeld, 10}, {2021, domain.KindAccess, outcome.DataHeldPart, 5},
		{2021, domain.KindAccess, outcome.NeitherConfirmNorDeny, 6}, {2021, domain.KindAccess, outcome.Inadmissible, 7},
	}}
	r := Build(raw, time.Date(2021, 12, 31, 0, 0, 0, 0, time.UTC), 5)
	del := find(t, r, TableDeletion)
	assert.Equal(t, outcome.ReportRows(domain.KindDeletion), del.Rows)
	assert.Equal(t, [][]any{{133}, {20}, {246}, {50}, {0}, {7}, {49}, {0}, {0}, {6}}, values(del))
	deleted := 0
	for i, row := range del.Rows {
		if row == outcome.NonCompliantDeletion || row == outcome.DeletedNoReply {
			deleted += del.Cells[i][0].Value
		}
	}
	assert.Equal(t, 296, deleted, "deleted, the source's silence included")
	// Disclosed in full or in part: one row, as the CCF reports it.
	assert.Equal(t, [][]any{{0}, {15}, {6}, {7}, {0}, {0}}, values(find(t, r, TableAccess)))
}

func TestBuildTimeLimitsAndMedians(t *testing.T) {
	var timed []Timed
	// Access, admissible 31 October 2024: due 28 February 2025 (month end).
	for _, decided := range []time.Time{day(2025, 2, 28), day(2025, 1, 10), day(2025, 3, 1), day(2025, 2, 1), day(2025, 2, 27),
		day(2025, 3, 20), day(2025, 4, 1), day(2025, 5, 1), day(2025, 6, 1), day(2025, 7, 1)} {
		timed = append(timed, Timed{domain.KindAccess, day(2024, 10, 31), decided})
	}
	// Deletion: five within 9 months, none late.
	for _, d := range []int{30, 60, 90, 120, 150} {
		timed = append(timed, Timed{domain.KindDeletion, day(2025, 1, 1), day(2025, 1, 1).AddDate(0, 0, d)})
	}
	r := Build(Raw{Timed: timed}, asOf, 5)
	assert.Equal(t, []int{2025, 2026}, find(t, r, TableTimeLimits).Years)
	// Access: within = 28 Feb, 10 Jan, 1 Feb, 27 Feb -> 4 of 10 is a small count: withheld. Deletion 5/5 = 100%.
	assert.Equal(t, [][]any{{"x", "x"}, {100, "x"}}, values(find(t, r, TableTimeLimits)))
	// Access days: 71, 93, 119, 120, 121, 140, 152, 182, 213, 243 -> lower middle 121. Deletion: 90.
	assert.Equal(t, [][]any{{121, "x"}, {90, "x"}}, values(find(t, r, TableMedianDays)))
}

// TestNoSuppressedFigureOfTheReportCanBeRecovered attacks every count
// table of reports built from random stores, with the totals of the two
// tables over the same requests joined.
func TestNoSuppressedFigureOfTheReportCanBeRecovered(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	kinds := []domain.Kind{domain.KindAccess, domain.KindDeletion, domain.KindCorrection, domain.KindRevision}
	countries := []string{"FR", "TR", "VE", "NG", "AU", "", "unknown", "JP"}
	for round := range 200 {
		var raw Raw
		for range rng.IntN(30) {
			raw.Filed = append(raw.Filed, Filed{2024 + rng.IntN(3), kinds[rng.IntN(4)], rng.IntN(2) == 0, countries[rng.IntN(len(countries))], 1 + rng.IntN(6)})
		}
		for _, o := range append(outcome.ReportRows(domain.KindDeletion), outcome.ReportRows(domain.KindAccess)...) {
			k := domain.KindAccess
			if !contains(outcome.ReportRows(k), o) {
				k = kinds[1+rng.IntN(2)]
			}
			raw.Decided = append(raw.Decided, Decided{2024 + rng.IntN(3), k, o, rng.IntN(9)})
		}
		raw.Measures = []YearCount{{2025, domain.MeasureGranted, rng.IntN(9)}, {2025, domain.MeasureRefused, rng.IntN(9)}}
		rep := Build(raw, asOf, 5)
		a := newAttacker()
		group := map[string]string{TableReceived: "filed", TableRegions: "filed"}
		for _, p := range rep.Tables {
			a.learn(p, group[p.Key])
		}
		for _, p := range rep.Tables {
			for _, name := range hiddenNames(p, group[p.Key]) {
				require.False(t, a.recovers(name), "round %d: %s", round, name)
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
