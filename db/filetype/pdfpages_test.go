package filetype

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func pdfWithPages(n int) string {
	var b strings.Builder
	b.WriteString("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n")
	fmt.Fprintf(&b, "2 0 obj << /Type /Pages /Count %d >> endobj\n", n)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "%d 0 obj << /Type/Page /Parent 2 0 R >> endobj\n", i+3)
	}
	return b.String() + "%%EOF\n"
}

func TestPDFPageCounterCountsAcrossAnyWriteBoundary(t *testing.T) {
	doc := pdfWithPages(12)
	for _, chunk := range []int{1, 3, 7, 64, 1 << 20} {
		var c PDFPageCounter
		r := strings.NewReader(doc)
		buf := make([]byte, chunk)
		_, err := io.CopyBuffer(&c, io.LimitReader(r, int64(len(doc))), buf)
		assert.NoError(t, err)
		assert.Equal(t, 12, c.Pages(), "chunk %d", chunk)
	}
	var none PDFPageCounter
	none.Write([]byte("%PDF-1.7 compressed object streams only /Type /Pages"))
	assert.Zero(t, none.Pages())
}

func FuzzPDFPageCounter(f *testing.F) {
	f.Add([]byte(pdfWithPages(3)), 5)
	f.Fuzz(func(t *testing.T, data []byte, chunk int) {
		if chunk <= 0 || chunk > 4096 {
			chunk = 1
		}
		var whole, parts PDFPageCounter
		whole.Write(data)
		for i := 0; i < len(data); i += chunk {
			parts.Write(data[i:min(len(data), i+chunk)])
		}
		if whole.Pages() != parts.Pages() {
			t.Fatalf("whole %d != parts %d", whole.Pages(), parts.Pages())
		}
	})
}
