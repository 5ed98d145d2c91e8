package stats

import (
	"fmt"
	"math"
)

// attacker knows every published figure and every published total, and
// that each year's counts add up to its total; tables in one group count
// the same cases, so their totals are one unknown. It tries to work out
// hidden figures by subtraction and elimination: a hidden figure is given
// away when its unit vector lies in the span of the equations over the
// hidden figures.
type attacker struct {
	vars map[string]int
	eqs  []map[int]float64
}

func newAttacker() *attacker { return &attacker{vars: map[string]int{}} }

func (a *attacker) unknown(name string) int {
	if i, ok := a.vars[name]; ok {
		return i
	}
	a.vars[name] = len(a.vars)
	return a.vars[name]
}

// learn adds the equations of one published table; group names the
// population its totals count ("" for its own).
func (a *attacker) learn(p Published, group string) {
	if p.Totals == nil || p.Unit != UnitCount {
		return
	}
	if group == "" {
		group = p.Key
	}
	for c := range p.Years {
		eq := map[int]float64{}
		for r := range p.Rows {
			if p.Cells[r][c].Hidden != Shown {
				eq[a.unknown(fmt.Sprintf("%s/%s/%d", p.Key, p.Rows[r], p.Years[c]))] += 1
			}
		}
		if p.Totals[c].Hidden != Shown {
			eq[a.unknown(fmt.Sprintf("total/%s/%d", group, p.Years[c]))] -= 1
		}
		if len(eq) > 0 {
			a.eqs = append(a.eqs, eq)
		}
	}
}

// recovers reports whether the named hidden figure is determined by the
// equations learnt.
func (a *attacker) recovers(name string) bool {
	i, ok := a.vars[name]
	if !ok {
		return false
	}
	n := len(a.vars)
	var m [][]float64
	for _, eq := range a.eqs {
		row := make([]float64, n)
		for k, v := range eq {
			row[k] = v
		}
		m = append(m, row)
	}
	unit := make([]float64, n)
	unit[i] = 1
	return rank(m) == rank(append(m, unit))
}

func rank(in [][]float64) int {
	m := make([][]float64, len(in))
	for i := range in {
		m[i] = append([]float64(nil), in[i]...)
	}
	r := 0
	for c := 0; len(m) > 0 && c < len(m[0]) && r < len(m); c++ {
		p := -1
		for i := r; i < len(m); i++ {
			if math.Abs(m[i][c]) > 1e-9 {
				p = i
				break
			}
		}
		if p < 0 {
			continue
		}
		m[r], m[p] = m[p], m[r]
		for i := range m {
			if i != r && math.Abs(m[i][c]) > 1e-9 {
				f := m[i][c] / m[r][c]
				for k := c; k < len(m[i]); k++ {
					m[i][k] -= f * m[r][k]
				}
			}
		}
		r++
	}
	return r
}

// hiddenNames lists the names of every hidden count of p, and of its
// hidden totals.
func hiddenNames(p Published, group string) []string {
	if group == "" {
		group = p.Key
	}
	var out []string
	for r := range p.Rows {
		for c := range p.Years {
			if p.Cells[r][c].Hidden != Shown {
				out = append(out, fmt.Sprintf("%s/%s/%d", p.Key, p.Rows[r], p.Years[c]))
			}
		}
	}
	for c := range p.Totals {
		if p.Totals[c].Hidden != Shown {
			out = append(out, fmt.Sprintf("total/%s/%d", group, p.Years[c]))
		}
	}
	return out
}
