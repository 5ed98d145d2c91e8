// Package chart is the geometry of the portal's SVG charts, laid out on
// the server: every shape and label with its coordinates, already
// mirrored for a right-to-left page, so the page needs no script and no
// inline style. What the charts show is the views' business.
package chart

// Width is the width of every chart's drawing: about a phone's, so that
// its labels stay legible at 375 px; the stylesheet scales it.
const Width = 360

// Chart is a laid-out chart.
type Chart struct {
	Width, Height int
	Dir           string
	Rects         []Rect
	Texts         []Text
	Lines         []Line
	Dots          []Dot
}

// Rect is a bar, a swatch or a grid line.
type Rect struct {
	X, Y, W, H int
	Class      string
}

// Text is a label. Anchor is logical ("start" or "end"), so that it
// follows the chart's direction.
type Text struct {
	X, Y   int
	Anchor string
	Class  string
	Text   string
}

// Line is one series of a line chart.
type Line struct {
	Points string
	Class  string
}

// Dot is one point of a line chart.
type Dot struct {
	X, Y  int
	Class string
}

// Mirror lays out a chart left to right and flips it for a right-to-left
// page.
type Mirror struct{ RTL bool }

// X is the horizontal position x, flipped on a right-to-left page.
func (m Mirror) X(x int) int {
	if m.RTL {
		return Width - x
	}
	return x
}

// Rect is a rectangle laid out from the left at x, flipped as a whole.
func (m Mirror) Rect(x, y, w, h int, class string) Rect {
	if m.RTL {
		x = Width - x - w
	}
	return Rect{X: x, Y: y, W: w, H: h, Class: class}
}

// Text is a label at x, flipped.
func (m Mirror) Text(x, y int, anchor, class, s string) Text {
	return Text{X: m.X(x), Y: y, Anchor: anchor, Class: class, Text: s}
}

// NiceTop is the top of a chart's scale: four equal steps of 1, 2, 2.5
// or 5 times a power of ten (whole numbers only), at least v.
func NiceTop(v int) int {
	for unit := 1; ; unit *= 10 {
		for _, tenths := range []int{10, 20, 25, 50} {
			step := tenths * unit / 10
			if step*10 == tenths*unit && step*4 >= v {
				return step * 4
			}
		}
	}
}
