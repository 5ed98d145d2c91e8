package views

import (
	"context"
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/a-h/templ"
	qrcode "github.com/yeqown/go-qrcode/v2"
)

// qrQuietZone is the blank margin, in modules, that readers need around a
// QR code.
const qrQuietZone = 4

// qrCode draws text as an inline SVG QR code: drawn by the server, it needs
// no script and no image source beyond the page itself under the CSP, and
// its colours are attributes, not styles. label is its text alternative.
func qrCode(text, label string) templ.Component {
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		q, err := qrcode.New(text)
		if err != nil {
			return err
		}
		sw := &svgWriter{label: label}
		if err := q.Save(sw); err != nil {
			return err
		}
		_, err = io.WriteString(w, sw.out)
		return err
	})
}

// svgWriter is a qrcode.Writer that keeps the code as SVG markup.
type svgWriter struct {
	label string
	out   string
}

// Write draws every dark module as a one-unit square of a single path.
func (s *svgWriter) Write(mat qrcode.Matrix) error {
	bits := mat.Bitmap()
	size := len(bits) + 2*qrQuietZone
	var path strings.Builder
	for y, row := range bits {
		for x, dark := range row {
			if dark {
				fmt.Fprintf(&path, "M%d %dh1v1h-1z", x+qrQuietZone, y+qrQuietZone)
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

// groupSecret writes a secret in groups of four, easier to type by hand;
// authenticator apps ignore the spaces.
func groupSecret(secret string) string {
	var b strings.Builder
	for i, r := range secret {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}
