package receipt

import (
	"strings"
	"unicode"

	"github.com/tdewolff/canvas"
	"github.com/tdewolff/canvas/text"
)

// A run is a piece of one line in one direction and one typeface, which
// canvas shapes on its own (joining Arabic letters, right to left) and
// which is placed beside the others in visual order. canvas lays out a
// single run correctly, but reorders the words of right-to-left text
// wrongly when it breaks lines itself, so lines are broken and runs
// ordered here, by the Unicode bidirectional algorithm's levels.
type run struct {
	text  string
	level int
	face  *canvas.FontFace
	width float64
}

// bidiControls are the invisible marks and isolates the views put around
// names; neither font draws them, and the levels are taken without them.
var bidiControls = strings.NewReplacer("\u2066", "", "\u2067", "", "\u2068", "", "\u2069", "", "\u200e", "", "\u200f", "", "\u061c", "")

// runs splits one line into runs in visual order, from left to right. rtl
// is the paragraph's direction: the reader's language's, not guessed from
// the line, so that a line starting with a reference reads as the rest of
// the page does.
func (ff faceSet) runs(line string, rtl bool) []run {
	rs := []rune(bidiControls.Replace(line))
	if len(rs) == 0 {
		return nil
	}
	mark := '\u200e'
	if rtl {
		mark = '\u200f'
	}
	levels := text.EmbeddingLevels(append([]rune{mark}, rs...))[1:]
	var out []run
	start := 0
	for i := 1; i <= len(rs); i++ {
		if i < len(rs) && levels[i] == levels[start] && ff.pick(rs[i], levels[i]) == ff.pick(rs[start], levels[start]) {
			continue
		}
		out = append(out, ff.newRun(rs[start:i], levels[start]))
		start = i
	}
	return visualOrder(out)
}

// newRun makes a run of runes at one level. A right-to-left run without a
// letter of its own (a colon, a bracket, a space) is reversed and mirrored
// here, since canvas would lay it out left to right.
func (ff faceSet) newRun(rs []rune, level int) run {
	face := ff.pick(rs[0], level)
	s := string(rs)
	if level%2 == 1 && !strings.ContainsFunc(s, unicode.IsLetter) {
		s = mirrored(rs)
	}
	return run{text: s, level: level, face: face, width: face.TextWidth(s)}
}

// pick chooses the typeface for a rune: Arabic for Arabic script and for
// the neutral characters of right-to-left text the Arabic font has, Latin
// otherwise.
func (ff faceSet) pick(r rune, level int) *canvas.FontFace {
	if unicode.Is(unicode.Arabic, r) {
		return ff.arabic
	}
	if level%2 == 1 && !unicode.IsLetter(r) && ff.arabic.Font.GlyphIndex(r) != 0 {
		return ff.arabic
	}
	return ff.latin
}

// visualOrder reverses, from the highest level down to the lowest odd
// one, every sequence of runs at that level or higher (rule L2 of the
// bidirectional algorithm).
func visualOrder(rs []run) []run {
	high, lowOdd := 0, 1<<30
	for _, r := range rs {
		high = max(high, r.level)
		if r.level%2 == 1 {
			lowOdd = min(lowOdd, r.level)
		}
	}
	for lvl := high; lvl >= lowOdd && lvl > 0; lvl-- {
		for i := 0; i < len(rs); {
			if rs[i].level < lvl {
				i++
				continue
			}
			j := i
			for j < len(rs) && rs[j].level >= lvl {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				rs[a], rs[b] = rs[b], rs[a]
			}
			i = j
		}
	}
	return rs
}

// mirrored reverses neutral runes set right to left, mirroring brackets.
func mirrored(rs []rune) string {
	pairs := map[rune]rune{'(': ')', ')': '(', '[': ']', ']': '[', '{': '}', '}': '{', '<': '>', '>': '<', '«': '»', '»': '«'}
	out := make([]rune, len(rs))
	for i, r := range rs {
		if m, ok := pairs[r]; ok {
			r = m
		}
		out[len(rs)-1-i] = r
	}
	return string(out)
}
