// Package qr draws QR codes as inline SVG: drawn by the server, a code
// needs no script and no image source beyond the page itself under the
// CSP, and its colours are attributes, not styles.
package qr

import (
	"fmt"
	"html"
	"strings"

	qrcode "github.com/yeqown/go-qrcode/v2"
)

// quietZone is the blank margin, in modules, that readers need around a
// QR code.
const quietZone = 4

// SVG is the markup of text's QR code; label is its text alternative.
func SVG(text, label string) (string, error) {
	q, err := qrcode.New(text)
	if err != nil {
		return "", err
	}
	sw := &svgWriter{label: label}
	if err := q.Save(sw); err != nil {
		return "", err
	}
	return sw.out, nil
}

// svgWriter is a qrcode.Writer that keeps the code as SVG markup.
type svgWriter struct {
	label string
	out   string
}

// Write draws every dark module as a one-unit square of a single path.
func (s *svgWriter) Write(mat qrcode.Matrix) error {
	bits := mat.Bitmap()
	size := len(bits) + 2*quietZone
	var path strings.Builder
	for y, row := range bits {
		for x, dark := range row {
			if dark {
				fmt.Fprintf(&path, "M%d %dh1v1h-1z", x+quietZone, y+quietZone)
			}
		}
	}
	s.out = fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" class="qr-code" viewBox="0 0 %d %d" width="240" height="240" role="img" aria-label="%s" shape-rendering="crispEdges">`+
		`<rect width="%d" height="%d" fill="#ffffff"/><path fill="#000000" d="%s"/></svg>`,
		size, size, html.EscapeString(s.label), size, size, path.String())
	return nil
}

// Close has nothing to release.
func (s *svgWriter) Close() error { return nil }
