package blob

import (
	"bytes"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/filetype"
	ftt "github.com/ccf-portal/ccfportal/db/filetype/filetypetest"
)

func TestPlaintextReaderReadsAnyRange(t *testing.T) {
	s, _ := newTestBlobStore(t)
	rng := rand.New(rand.NewPCG(1, 2))
	for _, size := range []int{1, 100, blobChunkSize - 1, blobChunkSize, blobChunkSize + 1, 5*blobChunkSize + 17} {
		plain := pdfBytes(size, "")
		key := putRawBlob(t, s, plain)
		r, err := s.openPlaintext(s.finalPath(key))
		require.NoError(t, err)
		assert.Equal(t, int64(size), r.Size())
		for range 200 {
			off := rng.IntN(size)
			n := rng.IntN(3*blobChunkSize) + 1
			buf := make([]byte, n)
			got, err := r.ReadAt(buf, int64(off))
			want := plain[off:min(size, off+n)]
			assert.Equal(t, len(want), got, "size %d off %d n %d", size, off, n)
			assert.Equal(t, want, buf[:got])
			if off+n > size {
				assert.Equal(t, io.EOF, err)
			} else {
				assert.NoError(t, err)
			}
		}
		// The whole file through a section reader, as the checks read it.
		all, err := io.ReadAll(io.NewSectionReader(r, 0, r.Size()))
		require.NoError(t, err)
		assert.Equal(t, plain, all)
		require.NoError(t, r.Close())
	}
}

func TestPlaintextReaderDetectsTampering(t *testing.T) {
	s, _ := newTestBlobStore(t)
	plain := pdfBytes(3*blobChunkSize+10, "")
	for name, tamper := range map[string]func([]byte) []byte{
		"flipped bit in chunk 1": func(b []byte) []byte { b[blobHeaderSize+blobSealedSize+5] ^= 1; return b },
		"last chunk cut off":     func(b []byte) []byte { return b[:blobHeaderSize+3*blobSealedSize] },
		"chunks swapped": func(b []byte) []byte {
			c0 := bytes.Clone(b[blobHeaderSize : blobHeaderSize+blobSealedSize])
			copy(b[blobHeaderSize:], b[blobHeaderSize+blobSealedSize:blobHeaderSize+2*blobSealedSize])
			copy(b[blobHeaderSize+blobSealedSize:], c0)
			return b
		},
	} {
		key := putRawBlob(t, s, plain)
		path := s.finalPath(key)
		raw, err := os.ReadFile(path)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(path, tamper(raw), 0o600))
		r, err := s.openPlaintext(path)
		require.NoError(t, err, name)
		_, err = io.ReadAll(io.NewSectionReader(r, 0, r.Size()))
		assert.Error(t, err, name)
		r.Close()
	}
}

func TestStageInspectsTheWholeFile(t *testing.T) {
	s, dir := newTestBlobStore(t)
	b, err := s.Stage(bytes.NewReader(ftt.ObjStmPDF(ftt.PageTree(3, ""), false)), "summary.pdf", testMaxSize)
	require.NoError(t, err)
	assert.Equal(t, 3, b.Inspection.Pages, "pages counted inside a compressed object stream")
	assert.Empty(t, b.Inspection.Warnings)
	s.Discard(b)

	b, err = s.Stage(bytes.NewReader(ftt.JavaScriptPDF()), "x.pdf", testMaxSize)
	require.NoError(t, err, "a PDF with JavaScript is accepted, with a warning for staff")
	assert.Equal(t, []string{filetype.WarnAutoAction, filetype.WarnJavaScript}, b.Inspection.Warnings)
	s.Discard(b)

	b, err = s.Stage(bytes.NewReader(ftt.UncountablePDF()), "x.pdf", testMaxSize)
	require.NoError(t, err)
	assert.True(t, b.Inspection.PagesUnknown)
	s.Discard(b)

	xlsx := ftt.Zip(ftt.ZipPart{Name: "[Content_Types].xml", Body: `<Types><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`})
	b, err = s.Stage(bytes.NewReader(xlsx), "list.docx", testMaxSize)
	require.NoError(t, err)
	assert.Equal(t, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b.ContentType, "the content decides")
	s.Discard(b)
	assertNoFiles(t, dir+"/tmp")

	for name, tc := range map[string]struct {
		content  []byte
		filename string
		key      string
	}{
		"word 97-2003":       {ftt.OLEDoc(), "old.doc", "upload.legacy_office"},
		"macros":             {ftt.MacroDOCX(), "a.docx", "upload.office_macros"},
		"remote template":    {ftt.ExternalTemplateDOCX(), "a.docx", "upload.office_external"},
		"zip bomb":           {ftt.ZipBomb(), "a.docx", "upload.office_too_large"},
		"too many parts":     {ftt.ManyEntriesDOCX(), "a.docx", "upload.office_too_many_parts"},
		"zip named .docx":    {ftt.NotOfficeZip(), "a.docx", "upload.office_not_document"},
		"huge png":           {ftt.PNGHeader(50_000, 50_000), "a.png", "upload.image_too_large"},
		"html named .jpg":    {ftt.HTML, "a.jpg", "upload.type_not_allowed"},
		"svg named .png":     {ftt.SVG, "a.png", "upload.type_not_allowed"},
		"executable as heic": {ftt.EXE, "a.heic", "upload.type_not_allowed"},
	} {
		_, err := s.Stage(bytes.NewReader(tc.content), tc.filename, testMaxSize)
		assert.Equal(t, domain.EInvalid, domain.ErrorCode(err), name)
		assert.Equal(t, tc.key, domain.ErrorMessage(err), name)
	}
	assertNoFiles(t, dir)
}

func TestStageInspectionWritesNoPlaintext(t *testing.T) {
	s, dir := newTestBlobStore(t)
	marker := "PLAINTEXT-MARKER-" + strings.Repeat("x", 40)
	doc := ftt.DOCX("", "", "", ftt.ZipPart{Name: "word/media/note.txt", Body: marker, Store: true})
	b, err := s.Stage(bytes.NewReader(doc), "a.docx", testMaxSize)
	require.NoError(t, err)
	assertNoMarker(t, dir, marker)
	s.Discard(b)
}

func TestCopyInspectsLikeAnUpload(t *testing.T) {
	s, _ := newTestBlobStore(t)
	// A Word 97-2003 file stored before such files were refused.
	old := putRawBlob(t, s, ftt.OLEDoc())
	_, err := s.Copy(old, "old.doc")
	assert.Equal(t, "upload.legacy_office", domain.ErrorMessage(err))

	js := putRawBlob(t, s, ftt.JavaScriptPDF())
	b, err := s.Copy(js, "x.pdf")
	require.NoError(t, err)
	assert.Contains(t, b.Inspection.Warnings, filetype.WarnJavaScript, "a copy carries its warnings")
	s.Discard(b)
}
