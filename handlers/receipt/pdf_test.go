package receipt

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/views"
)

// A receipt longer than a page goes on to further pages, with nothing
// lost, and a word too long for a line (a file name without spaces) is
// broken rather than cut off.
func TestALongReceiptRunsOnToFurtherPages(t *testing.T) {
	lines := []views.PrintLine{{Style: views.PrintTitle, Text: "Receipt"}}
	for i := range 80 {
		lines = append(lines, views.PrintLine{Style: views.PrintText, Text: "Line " + strconv.Itoa(i) + " مستند داعم"})
	}
	long := strings.Repeat("x", 300)
	lines = append(lines, views.PrintLine{Style: views.PrintText, Text: long}, views.PrintLine{Style: views.PrintCode, Text: "the-end"})
	var buf bytes.Buffer
	require.NoError(t, writePDF(&buf, lines, "en", "Receipt", false))
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not found: install poppler-utils to check the PDF's text")
	}
	in := filepath.Join(t.TempDir(), "r.pdf")
	require.NoError(t, os.WriteFile(in, buf.Bytes(), 0o600))
	out, err := exec.Command(tool, "-enc", "UTF-8", in, "-").Output()
	require.NoError(t, err)
	text := string(out)
	assert.GreaterOrEqual(t, strings.Count(text, "\f"), 2, "more than one page")
	assert.Contains(t, text, "Line 79")
	assert.Contains(t, text, "the-end")
	assert.Equal(t, 300, strings.Count(text, "x"), "the long word is all there")
}

func TestVisualOrderReversesRightToLeftRuns(t *testing.T) {
	rs := visualOrder([]run{{text: "a", level: 1}, {text: "b", level: 2}, {text: "c", level: 1}})
	assert.Equal(t, []string{"c", "b", "a"}, []string{rs[0].text, rs[1].text, rs[2].text})
	assert.Equal(t, "(x)", mirrored([]rune("(x)")), "reversed, with each bracket mirrored")
	assert.Equal(t, " :", mirrored([]rune(": ")))
}
