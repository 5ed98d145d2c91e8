package stats

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func table(counts ...[]int) Table {
	t := Table{Key: "t", Totals: true, Counts: counts}
	for i := range counts {
		t.Rows = append(t.Rows, string(rune('a'+i)))
	}
	for i := range counts[0] {
		t.Years = append(t.Years, 2020+i)
	}
	return t
}

func hidden(p Published) [][]Hidden {
	out := make([][]Hidden, len(p.Cells))
	for r := range p.Cells {
		for _, c := range p.Cells[r] {
			out[r] = append(out[r], c.Hidden)
		}
	}
	return out
}

func TestSuppressHidesSmallCountsAndOneComplementPerYear(t *testing.T) {
	p := Suppress(table(
		[]int{3, 10, 2, 0},
		[]int{20, 12, 4, 0},
		[]int{7, 0, 9, 0},
		[]int{0, 6, 1, 0},
	), 5)
	assert.Equal(t, [][]Hidden{
		{Small, Shown, Small, Shown},
		{Shown, Shown, Small, Shown},
		{Protected, Shown, Shown, Shown},
		{Shown, Shown, Small, Shown},
	}, hidden(p), "2020: 3 is small, and 7 (the smallest count above zero) protects it from 30-20-0")
	assert.Equal(t, []Cell{{Value: 30}, {Value: 28}, {Value: 16}, {Value: 0}}, p.Totals)
	for r := range p.Cells {
		for c, cell := range p.Cells[r] {
			assert.Equal(t, []int{3, 10, 2, 0, 20, 12, 4, 0, 7, 0, 9, 0, 0, 6, 1, 0}[r*4+c], cell.Value, "values are kept for the record; views show hidden ones as such")
		}
	}
}

func TestSuppressNeverTakesAZeroAsComplement(t *testing.T) {
	p := Suppress(table([]int{2}, []int{40}, []int{0}), 5)
	assert.Equal(t, [][]Hidden{{Small}, {Protected}, {Shown}}, hidden(p), "a hidden zero beside a shown 40 would still give 2 back as a range of 1 or 2")
}

func TestSuppressHidesASmallTotalAndAllItsCounts(t *testing.T) {
	p := Suppress(table([]int{1}, []int{3}, []int{0}), 5)
	assert.Equal(t, Small, p.Totals[0].Hidden)
	assert.Equal(t, [][]Hidden{{Small}, {Small}, {Shown}}, hidden(p))
}

func TestSuppressWithoutTotalsHidesOnlySmallCounts(t *testing.T) {
	tb := table([]int{2, 9})
	tb.Totals = false
	p := Suppress(tb, 5)
	assert.Nil(t, p.Totals)
	assert.Equal(t, [][]Hidden{{Small, Shown}}, hidden(p))
}

func TestSuppressThresholdIsConfigurable(t *testing.T) {
	p := Suppress(table([]int{8}, []int{30}, []int{12}), 10)
	assert.Equal(t, [][]Hidden{{Small}, {Shown}, {Protected}}, hidden(p))
	assert.Equal(t, [][]Hidden{{Shown}, {Shown}, {Shown}}, hidden(Suppress(table([]int{8}, []int{30}, []int{12}), 5)))
}

// TestNoSuppressedCountCanBeRecoveredFromTotals throws the subtraction
// attack at many tables of small and large counts.
func TestNoSuppressedCountCanBeRecoveredFromTotals(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 500 {
		rows, years := 1+rng.IntN(6), 1+rng.IntN(4)
		counts := make([][]int, rows)
		for r := range counts {
			for range years {
				v := rng.IntN(8)
				if rng.IntN(3) == 0 {
					v = rng.IntN(200)
				}
				counts[r] = append(counts[r], v)
			}
		}
		threshold := 2 + rng.IntN(8)
		p := Suppress(table(counts...), threshold)
		a := newAttacker()
		a.learn(p, "")
		for _, name := range hiddenNames(p, "") {
			require.False(t, a.recovers(name), "round %d: %s recovered from %v (threshold %d)", round, name, counts, threshold)
		}
		for r := range counts {
			for c, v := range counts[r] {
				if v > 0 && v < threshold {
					require.NotEqual(t, Shown, p.Cells[r][c].Hidden, "round %d: small count shown", round)
				}
			}
		}
	}
}

func TestAttackerRecoversALoneHiddenCount(t *testing.T) {
	// The attack works: without the secondary rule, one hidden count and
	// its total give it away.
	p := Published{Key: "t", Unit: UnitCount, Rows: []string{"a", "b"}, Years: []int{2020},
		Cells: [][]Cell{{{Value: 2, Hidden: Small}}, {{Value: 40}}}, Totals: []Cell{{Value: 42}}}
	a := newAttacker()
	a.learn(p, "")
	assert.True(t, a.recovers("t/a/2020"))
}

func TestShareIsWithheldWhenEitherSideIsSmall(t *testing.T) {
	assert.Equal(t, Cell{Value: 90}, Share(90, 100, 5))
	assert.Equal(t, Cell{Value: 100}, Share(12, 12, 5), "nobody on the other side")
	assert.Equal(t, Cell{Value: 0}, Share(0, 12, 5))
	assert.Equal(t, Cell{Value: 67}, Share(10, 15, 5), "rounded to the nearest")
	assert.Equal(t, Protected, Share(97, 100, 5).Hidden, "3 inadmissible would be 100 - 97")
	assert.Equal(t, Protected, Share(3, 100, 5).Hidden)
	assert.Equal(t, Protected, Share(4, 4, 5).Hidden, "too few cases")
	assert.Equal(t, Protected, Share(0, 0, 5).Hidden)
}

func TestMedianNeedsEnoughCases(t *testing.T) {
	assert.Equal(t, Cell{Value: 30}, Median([]int{90, 10, 30, 20, 100}, 5))
	assert.Equal(t, Cell{Value: 20}, Median([]int{90, 10, 30, 20, 100, 5}, 5), "the lower middle of an even count: 5 10 [20] 30 90 100")
	assert.Equal(t, Protected, Median([]int{1, 2, 3, 4}, 5).Hidden)
	assert.Equal(t, Protected, Median(nil, 5).Hidden)
}

func TestRegionOf(t *testing.T) {
	for code, want := range map[string]string{"FR": RegionEurope, "TR": RegionAsia, "VE": RegionAmericas,
		"NG": RegionAfrica, "AU": RegionOceania, "unknown": RegionUnknown, "": RegionUnknown, "ZZ": RegionUnknown} {
		assert.Equal(t, want, RegionOf(code), code)
	}
}
