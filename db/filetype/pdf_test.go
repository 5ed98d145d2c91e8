package filetype

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	ftt "github.com/ccf-portal/ccfportal/db/filetype/filetypetest"
)

func inspectPDF(doc []byte) PDFInfo {
	return InspectPDF(bytes.NewReader(doc), int64(len(doc)))
}

func TestInspectPDFCountsPages(t *testing.T) {
	for _, tc := range []struct {
		name  string
		doc   []byte
		pages int
	}{
		{"minimal", MinimalPDF("x"), 1},
		{"twelve pages", MinimalPDFPages("x", 12), 12},
		{"object stream", ftt.ObjStmPDF(ftt.PageTree(3, ""), false), 3},
		{"object stream, xref broken", ftt.ObjStmPDF(ftt.PageTree(4, ""), true), 4},
		{"nested tree", ftt.BuildPDF([]string{
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 3 >>",
			"<< /Type /Pages /Parent 2 0 R /Kids [5 0 R 6 0 R] /Count 2 >>",
			"<< /Type /Page /Parent 2 0 R >>",
			"<< /Type /Page /Parent 3 0 R >>",
			"<< /Type /Page /Parent 3 0 R >>",
		}, "/Root 1 0 R"), 3},
		{"count understates", ftt.BuildPDF(append(ftt.PageTree(3, "")[:1],
			"<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 1 >>",
			"<< /Type /Page >>", "<< /Type /Page >>", "<< /Type /Page >>"), "/Root 1 0 R"), 3},
		{"no xref at all", []byte("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" +
			"2 0 obj << /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >> endobj\n" +
			"3 0 obj << /Type /Page /Parent 2 0 R >> endobj\n4 0 obj << /Type/Page /Parent 2 0 R >> endobj\n%%EOF\n"), 2},
		{"incremental update adds a page", ftt.IncrementalPDF(), 2},
		{"length by reference", ftt.LengthByRefPDF(), 1},
	} {
		info := inspectPDF(tc.doc)
		assert.True(t, info.Counted, tc.name)
		assert.Equal(t, tc.pages, info.Pages, tc.name)
		assert.Empty(t, info.Warnings, tc.name)
	}
}

func TestInspectPDFCannotCount(t *testing.T) {
	for _, tc := range []struct {
		name string
		doc  string
	}{
		{"no catalog", "%PDF-1.4\n1 0 obj << /Type /Font >> endobj\n%%EOF\n"},
		{"catalog without pages", "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"},
		{"only a header", "%PDF-1.7\n"},
		{"garbage", "%PDF-1.7\n\x00\xff garbage ((( <<<< [[[[ \n%%EOF"},
		{"kids cycle", string(ftt.BuildPDF([]string{
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Pages /Kids [2 0 R] /Count 1 >>",
		}, "/Root 1 0 R"))},
		{"missing kid", string(ftt.BuildPDF([]string{
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R 9 0 R] /Count 2 >>",
			"<< /Type /Page >>",
		}, "/Root 1 0 R"))},
		{"page tree in an object stream it cannot decode",
			strings.Replace(string(ftt.ObjStmPDF(ftt.PageTree(2, ""), false)), "/Filter /FlateDecode /Length", "/Filter /LZWDecode /Length", 1)},
	} {
		info := inspectPDF([]byte(tc.doc))
		assert.False(t, info.Counted, tc.name)
		assert.Zero(t, info.Pages, tc.name)
	}
}

func TestInspectPDFWarnsOfActiveContent(t *testing.T) {
	for _, tc := range []struct {
		name string
		doc  []byte
		want []string
	}{
		{"javascript open action", ftt.BuildPDF(append(ftt.PageTree(1, "/OpenAction 4 0 R"),
			"<< /Type /Action /S /JavaScript /JS (app.alert\\(1\\)) >>"), "/Root 1 0 R"),
			[]string{WarnAutoAction, WarnJavaScript}},
		{"obfuscated name", ftt.BuildPDF(append(ftt.PageTree(1, "/Names << /J#61vaScript 4 0 R >>"),
			"<< /Names [(x) 5 0 R] >>", "<< /S /JavaScript /JS 6 0 R >>", "<< /Length 0 >>\nstream\n\nendstream"), "/Root 1 0 R"),
			[]string{WarnJavaScript}},
		{"launch", ftt.BuildPDF(append(ftt.PageTree(1, ""), "<< /Type /Annot /Subtype /Link /A << /S /Launch /F (calc.exe) >> >>"), "/Root 1 0 R"),
			[]string{WarnLaunch}},
		{"embedded file", ftt.BuildPDF(append(ftt.PageTree(1, "/Names << /EmbeddedFiles 4 0 R >>"),
			"<< /Names [(a.exe) 5 0 R] >>", "<< /Type /Filespec /F (a.exe) /EF << /F 6 0 R >> >>",
			"<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream"), "/Root 1 0 R"),
			[]string{WarnEmbeddedFile}},
		{"additional actions on a page", ftt.BuildPDF([]string{
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /AA << /O << /S /URI /URI (http://example.invalid/) >> >> >>",
		}, "/Root 1 0 R"), []string{WarnAutoAction}},
		{"open action showing a page is fine", ftt.BuildPDF(ftt.PageTree(1, "/OpenAction [3 0 R /Fit]"), "/Root 1 0 R"), nil},
		{"go-to open action is fine", ftt.BuildPDF(ftt.PageTree(1, "/OpenAction << /S /GoTo /D [3 0 R /Fit] >>"), "/Root 1 0 R"), nil},
		{"javascript inside an object stream", ftt.ObjStmPDF(append(ftt.PageTree(1, "/OpenAction 4 0 R"),
			"<< /S /JavaScript /JS (x) >>"), false), []string{WarnAutoAction, WarnJavaScript}},
		{"object left out of the xref still counts", append(MinimalPDF("x"), []byte("9 0 obj << /S /Launch /F (x) >> endobj\n")...),
			[]string{WarnLaunch}},
		{"unreadable object stream", []byte(strings.Replace(string(ftt.ObjStmPDF(ftt.PageTree(1, ""), false)), "/FlateDecode /Length", "/LZWDecode /Length", 1)),
			[]string{WarnUnchecked}},
	} {
		info := inspectPDF(tc.doc)
		assert.Equal(t, tc.want, info.Warnings, tc.name)
	}
}

func TestInspectPDFNamesInsideStreamsAreNotObjects(t *testing.T) {
	// Text in a content stream that looks like an object is not one.
	content := "(9 0 obj << /S /JavaScript /JS (x) >> endobj)"
	doc := ftt.BuildPDF(append(ftt.PageTree(1, ""), "<< /Length "+strconv.Itoa(len(content))+" >>\nstream\n"+content+"\nendstream"), "/Root 1 0 R")
	info := inspectPDF(doc)
	assert.Empty(t, info.Warnings)
	assert.Equal(t, 1, info.Pages)
}

// FuzzInspectPDF feeds mutations of well-formed PDFs of every shape the
// reader knows (classic xref, xref and object streams, broken xref,
// incremental update, stream length by reference, active content): it
// must never panic, and a count is always positive and within the limit.
func FuzzInspectPDF(f *testing.F) {
	for _, seed := range [][]byte{
		MinimalPDF("seed"), MinimalPDFPages("seed", 3), ftt.ObjStmPDF(ftt.PageTree(3, ""), false),
		ftt.ObjStmPDF(ftt.PageTree(2, "/OpenAction 5 0 R"), true), ftt.IncrementalPDF(), ftt.LengthByRefPDF(),
		ftt.BuildPDF(append(ftt.PageTree(1, "/OpenAction 4 0 R"), "<< /S /JavaScript /JS (x) >>"), "/Root 1 0 R"),
		[]byte("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Kids [2 0 R] >> endobj\n"),
		[]byte("%PDF-"),
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		info := inspectPDF(doc)
		if info.Counted != (info.Pages > 0) || info.Pages > pdfMaxPageNodes {
			t.Fatalf("pages %d counted %v", info.Pages, info.Counted)
		}
	})
}

// Files built to make a reader go quadratic or recurse: they must be
// read in about the time of one pass.
func TestInspectPDFHostileStructuresStayCheap(t *testing.T) {
	var noEnd strings.Builder
	noEnd.WriteString("%PDF-1.4\n")
	for i := range 50_000 {
		fmt.Fprintf(&noEnd, "%d 0 obj << /Length 99999999 >> stream\nxx\n", i+1)
	}
	var chain strings.Builder
	chain.WriteString("%PDF-1.5\n")
	for i := range 2000 {
		// Each object stream's length is an object held in the next one.
		fmt.Fprintf(&chain, "%d 0 obj << /Type /ObjStm /N 1 /First 4 /Length %d 0 R /Filter /FlateDecode >> stream\nxx\nendstream endobj\n", i+1, i+2)
	}
	for name, doc := range map[string]string{"streams without endstream": noEnd.String(), "length chain": chain.String()} {
		start := time.Now()
		info := inspectPDF([]byte(doc))
		assert.False(t, info.Counted, name)
		assert.Less(t, time.Since(start), 30*time.Second, name, "quadratic work would take minutes")
	}
}
