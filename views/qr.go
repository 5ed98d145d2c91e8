package views

import (
	"context"
	"io"
	"strings"

	"github.com/a-h/templ"

	"github.com/ccf-portal/ccfportal/views/qr"
)

// qrCode draws text as an inline SVG QR code (views/qr); label is its
// text alternative.
func qrCode(text, label string) templ.Component {
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		svg, err := qr.SVG(text, label)
		if err != nil {
			return err
		}
		_, err = io.WriteString(w, svg)
		return err
	})
}

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
