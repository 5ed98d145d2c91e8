package receipt

import (
	"io"
	"strings"
	"unicode/utf8"

	"github.com/tdewolff/canvas"
	"github.com/tdewolff/canvas/renderers/pdf"

	"github.com/ccf-portal/ccfportal/views"
)

// The page: A4, in millimetres, with margins wide enough for any printer.
const (
	pageWidth, pageHeight = 210.0, 297.0
	margin                = 18.0
	textWidth             = pageWidth - 2*margin
	itemIndent            = 6.0
)

// faceSet is the pair of typefaces at one size and the spacing of its
// lines.
type faceSet struct {
	latin, arabic *canvas.FontFace
	lineHeight    float64 // from one baseline to the next, in mm
	before, after float64 // space around the paragraph, in mm
}

// style gives each print style its type size (in points) and spacing.
func (f faces) style(s views.PrintStyle) faceSet {
	size, before, after := 10.5, 0.0, 2.0
	switch s {
	case views.PrintTitle:
		size, after = 18, 4
	case views.PrintHeading:
		size, before, after = 12.5, 3, 1.5
	case views.PrintItem:
		after = 0.8
	case views.PrintCode:
		size, after = 9, 3
	case views.PrintHint:
		size, before = 9, 1
	}
	lh := size * 0.3528 * 1.45 // points to mm, with the leading the fonts need for Arabic marks
	return faceSet{latin: f.latin.Face(size, canvas.Black), arabic: f.arabic.Face(size, canvas.Black),
		lineHeight: lh, before: before, after: after}
}

// document lays paragraphs out on A4 pages, top to bottom, breaking lines
// and pages.
type document struct {
	pdf *pdf.PDF
	ctx *canvas.Context
	f   faces
	rtl bool
	y   float64 // the top of the next line, from the page's bottom, in mm
}

// writePDF sets lines as a PDF document in the reader's direction.
func writePDF(w io.Writer, lines []views.PrintLine, lang, title string, rtl bool) error {
	f, err := loadFaces()
	if err != nil {
		return err
	}
	p := pdf.New(w, pageWidth, pageHeight, &pdf.Options{Compress: true, SubsetFonts: true})
	p.SetLang(lang)
	p.SetInfo(title, "", "", "", "")
	d := &document{pdf: p, ctx: canvas.NewContext(p), f: f, rtl: rtl, y: pageHeight - margin}
	for _, l := range lines {
		d.paragraph(l)
	}
	return p.Close()
}

// paragraph sets one paragraph, wrapped to the text width.
func (d *document) paragraph(l views.PrintLine) {
	fs := d.f.style(l.Style)
	width, indent := textWidth, 0.0
	if l.Style == views.PrintItem {
		width, indent = textWidth-itemIndent, itemIndent
		l.Text = "•\u00a0" + l.Text
	}
	d.y -= fs.before
	for _, line := range wrap(fs, l.Text, width, d.rtl) {
		d.line(fs, line, indent)
	}
	d.y -= fs.after
}

// line draws one line, starting a new page first if it would not fit.
func (d *document) line(fs faceSet, line string, indent float64) {
	if d.y-fs.lineHeight < margin {
		d.pdf.NewPage(pageWidth, pageHeight)
		d.y = pageHeight - margin
	}
	d.y -= fs.lineHeight
	baseline := d.y + fs.lineHeight*0.3
	runs := fs.runs(line, d.rtl)
	total := 0.0
	for _, r := range runs {
		total += r.width
	}
	x := margin + indent
	if d.rtl {
		x = pageWidth - margin - indent - total
	}
	for _, r := range runs {
		d.ctx.DrawText(x, baseline, canvas.NewTextLine(r.face, r.text, canvas.Left))
		x += r.width
	}
}

// wrap breaks a paragraph into lines no wider than width, at spaces, and
// within a word only when the word alone is too wide (a long file name).
func wrap(fs faceSet, s string, width float64, rtl bool) []string {
	var lines []string
	cur := ""
	for _, word := range strings.Fields(s) {
		next := word
		if cur != "" {
			next = cur + " " + word
		}
		if fs.width(next, rtl) <= width {
			cur = next
			continue
		}
		if cur != "" {
			lines = append(lines, cur)
		}
		for fs.width(word, rtl) > width {
			head := fitting(fs, word, width, rtl)
			lines = append(lines, head)
			word = word[len(head):]
		}
		cur = word
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// fitting is the longest start of word that fits in width, at least one
// character.
func fitting(fs faceSet, word string, width float64, rtl bool) string {
	end := 0
	for i := range word {
		if i > 0 && fs.width(word[:i], rtl) > width {
			break
		}
		end = i
	}
	if end == 0 {
		_, n := utf8.DecodeRuneInString(word)
		return word[:n]
	}
	return word[:end]
}

// width is the width of a line as it will be drawn.
func (fs faceSet) width(s string, rtl bool) float64 {
	w := 0.0
	for _, r := range fs.runs(s, rtl) {
		w += r.width
	}
	return w
}
