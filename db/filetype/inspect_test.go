package filetype

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	ftt "github.com/ccf-portal/ccfportal/db/filetype/filetypetest"
)

func inspect(doc []byte, ft Type) (Report, error) {
	return Inspect(bytes.NewReader(doc), int64(len(doc)), ft)
}

func refusalKey(t *testing.T, err error) string {
	t.Helper()
	var r *Refusal
	require.ErrorAs(t, err, &r)
	return r.Key
}

const xlsxTypes = `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Override PartName="/xl/workbook.xml" ContentType="` + ctXlsxMain + `"/>%s</Types>`

func TestInspectAcceptsCleanOfficeDocuments(t *testing.T) {
	rep, err := inspect(ftt.CleanDOCX(), fileTypeDOCX)
	require.NoError(t, err)
	assert.Equal(t, fileTypeDOCX, rep.Type)
	assert.Empty(t, rep.Warnings)

	xlsx := ftt.Zip(ftt.ZipPart{Name: "[Content_Types].xml", Body: fmt.Sprintf(xlsxTypes, "")}, ftt.ZipPart{Name: "xl/workbook.xml", Body: "<workbook/>"})
	rep, err = inspect(xlsx, fileTypeXLSX)
	require.NoError(t, err)
	assert.Equal(t, fileTypeXLSX, rep.Type)

	rep, err = inspect(xlsx, fileTypeDOCX)
	require.NoError(t, err)
	assert.Equal(t, fileTypeXLSX, rep.Type, "a spreadsheet named .docx is taken as what it is")

	rep, err = inspect(ftt.ODT(), fileTypeODT)
	require.NoError(t, err)
	assert.Equal(t, fileTypeODT, rep.Type)

	withOLE := ftt.DOCX("", "", "", ftt.ZipPart{Name: "word/embeddings/oleObject1.bin", Body: "ole"})
	rep, err = inspect(withOLE, fileTypeDOCX)
	require.NoError(t, err)
	assert.Equal(t, []string{WarnEmbeddedObject}, rep.Warnings)

	// Ordinary, well-compressible text stays under the ratio limit.
	var text strings.Builder
	for i := range 40000 {
		fmt.Fprintf(&text, "<w:p><w:r><w:t>Paragraph %d: the notice of %d was issued %x.</w:t></w:r></w:p>", i, i*7919%10007, i*31)
	}
	long := ftt.DOCX("", text.String(), "")
	_, err = inspect(long, fileTypeDOCX)
	assert.NoError(t, err)
}

func TestInspectRefusesHostileOfficeDocuments(t *testing.T) {
	odtWith := func(content string) []byte {
		return ftt.Zip(ftt.ZipPart{Name: "mimetype", Body: odfMimetype, Store: true},
			ftt.ZipPart{Name: "META-INF/manifest.xml", Body: "<m/>"},
			ftt.ZipPart{Name: "content.xml", Body: `<office:document-content xmlns:office="` + nsOffice +
				`" xmlns:script="` + nsScript + `" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:xlink="` + nsXlink + `">` +
				content + `</office:document-content>`})
	}
	for _, tc := range []struct {
		name string
		doc  []byte
		ft   Type
		key  string
	}{
		{"vbaProject.bin", ftt.MacroDOCX(), fileTypeDOCX, "upload.office_macros"},
		{"vbaProject.bin without its content type", ftt.DOCX("", "", "", ftt.ZipPart{Name: "word/vbaProject.bin", Body: "x"}), fileTypeDOCX, "upload.office_macros"},
		{"macro-enabled main part", ftt.Zip(ftt.ZipPart{Name: "[Content_Types].xml", Body: `<Types><Override PartName="/word/document.xml" ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>`}), fileTypeDOCX, "upload.office_macros"},
		{"excel 4 macro sheet", ftt.Zip(ftt.ZipPart{Name: "[Content_Types].xml", Body: fmt.Sprintf(xlsxTypes, "")}, ftt.ZipPart{Name: "xl/macrosheets/sheet1.xml", Body: "<x/>"}), fileTypeXLSX, "upload.office_macros"},
		{"activeX control", ftt.DOCX("", "", "", ftt.ZipPart{Name: "word/activeX/activeX1.xml", Body: "<x/>"}), fileTypeDOCX, "upload.office_macros"},
		{"DDE field", ftt.DOCX("", `<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DDEAUTO c:\\windows\\system32\\cmd.exe "/k calc.exe"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r></w:p>`, ""), fileTypeDOCX, "upload.office_macros"},
		{"remote template", ftt.ExternalTemplateDOCX(), fileTypeDOCX, "upload.office_external"},
		{"linked picture", ftt.DOCX("", "", `<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="\\\\attacker\\share\\a.png" TargetMode="External"/>`), fileTypeDOCX, "upload.office_external"},
		{"external OLE link", ftt.DOCX("", "", `<Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/oleObject" Target="file:///C:/x.xlsx" TargetMode="External"/>`), fileTypeDOCX, "upload.office_external"},
		{"INCLUDEPICTURE field", ftt.DOCX("", `<w:p><w:fldSimple w:instr=" INCLUDEPICTURE &quot;http://attacker.invalid/a.png&quot; "/></w:p>`, ""), fileTypeDOCX, "upload.office_external"},
		{"external workbook", ftt.Zip(ftt.ZipPart{Name: "[Content_Types].xml", Body: fmt.Sprintf(xlsxTypes, `<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/>`)}), fileTypeXLSX, "upload.office_external"},
		{"zip bomb", ftt.ZipBomb(), fileTypeDOCX, "upload.office_too_large"},
		{"too many entries", ftt.ManyEntriesDOCX(), fileTypeDOCX, "upload.office_too_many_parts"},
		{"plain zip named .docx", ftt.NotOfficeZip(), fileTypeDOCX, "upload.office_not_document"},
		{"content types without a main part", ftt.Zip(ftt.ZipPart{Name: "[Content_Types].xml", Body: "<Types/>"}), fileTypeDOCX, "upload.office_not_document"},
		{"not a zip at all", []byte("PK\x03\x04 broken"), fileTypeDOCX, "upload.office_damaged"},
		{"odt with Basic macros", ftt.MacroODT(), fileTypeODT, "upload.office_macros"},
		{"odt with an event listener", odtWith(`<script:event-listener script:language="ooo:script" xlink:href="vnd.sun.star.script:Standard.Module1.Main"/>`), fileTypeODT, "upload.office_macros"},
		{"odt with a linked picture", odtWith(`<draw:image xlink:href="http://attacker.invalid/a.png"/>`), fileTypeODT, "upload.office_external"},
		{"odt with a DDE link", odtWith(`<office:dde-source/>`), fileTypeODT, "upload.office_external"},
		{"odt without its mimetype first", ftt.Zip(ftt.ZipPart{Name: "content.xml", Body: "<x/>"}, ftt.ZipPart{Name: "mimetype", Body: odfMimetype, Store: true}), fileTypeODT, "upload.office_not_document"},
		{"odt presentation", ftt.Zip(ftt.ZipPart{Name: "mimetype", Body: "application/vnd.oasis.opendocument.presentation", Store: true}), fileTypeODT, "upload.office_not_document"},
	} {
		_, err := inspect(tc.doc, tc.ft)
		if assert.Error(t, err, tc.name) {
			assert.Equal(t, tc.key, refusalKey(t, err), tc.name)
		}
	}
}

func TestInspectZipIsNotFooledByALyingDirectory(t *testing.T) {
	// Declared sizes are what the limits judge; the zip reader then holds
	// every part to its declared size, so shrinking the declaration breaks
	// the read instead of letting the bomb through.
	lied := ftt.ZipBomb()
	for off := bytes.Index(lied, []byte("PK\x01\x02")); off >= 0; {
		if bytes.HasPrefix(lied[off+46:], []byte("word/document.xml")) {
			copy(lied[off+24:off+28], []byte{0xff, 0x0f, 0, 0}) // uncompressed size: 4 KiB
		}
		next := bytes.Index(lied[off+4:], []byte("PK\x01\x02"))
		if next < 0 {
			break
		}
		off += 4 + next
	}
	_, err := inspect(lied, fileTypeDOCX)
	assert.Equal(t, "upload.office_damaged", refusalKey(t, err))
}

func TestInspectBoundsImageDimensions(t *testing.T) {
	for _, tc := range []struct {
		name string
		doc  []byte
		ft   Type
		key  string // "" when accepted
	}{
		{"small png", ftt.SmallPNG(), fileTypePNG, ""},
		{"png of 100,000 x 100,000", ftt.PNGHeader(100_000, 100_000), fileTypePNG, "upload.image_too_large"},
		{"png of 12,000 x 9,000 (108 Mpx)", ftt.PNGHeader(12_000, 9_000), fileTypePNG, "upload.image_too_large"},
		{"png 4,960 x 7,016 (A4 at 600 dpi)", ftt.PNGHeader(4960, 7016), fileTypePNG, ""},
		{"jpeg of 65,000 x 65,000", ftt.JPEGHeader(65000, 65000), fileTypeJPEG, "upload.image_too_large"},
		{"jpeg 3,000 x 4,000", ftt.JPEGHeader(3000, 4000), fileTypeJPEG, ""},
		{"jpeg header only", []byte("\xff\xd8\xff\xe0"), fileTypeJPEG, "upload.image_damaged"},
		{"tiff second page too large", ftt.TIFFPages([2]uint32{2000, 3000}, [2]uint32{50000, 50000}), fileTypeTIFF, "upload.image_too_large"},
		{"tiff two pages", ftt.TIFFPages([2]uint32{2000, 3000}, [2]uint32{2000, 3000}), fileTypeTIFF, ""},
		{"heic", ftt.HEIF("heic", 4032, 3024), fileTypeHEIC, ""},
		{"heic too large", ftt.HEIF("heic", 40000, 30000), fileTypeHEIC, "upload.image_too_large"},
		{"heic without extents", ftt.HEIF("heic", 0, 0)[:24], fileTypeHEIC, "upload.image_damaged"},
		{"webp garbage", []byte("RIFF\x24\x00\x00\x00WEBPVP8X"), fileTypeWEBP, "upload.image_damaged"},
	} {
		_, err := inspect(tc.doc, tc.ft)
		if tc.key == "" {
			assert.NoError(t, err, tc.name)
		} else if assert.Error(t, err, tc.name) {
			assert.Equal(t, tc.key, refusalKey(t, err), tc.name)
		}
	}
}

func TestInspectReportsPDFPagesAndWarnings(t *testing.T) {
	rep, err := inspect(ftt.ObjStmPDF(ftt.PageTree(3, ""), false), fileTypePDF)
	require.NoError(t, err)
	assert.Equal(t, 3, rep.Pages)
	assert.False(t, rep.PagesUnknown)

	rep, err = inspect(ftt.UncountablePDF(), fileTypePDF)
	require.NoError(t, err, "a PDF is not refused for its structure")
	assert.True(t, rep.PagesUnknown)
	assert.Zero(t, rep.Pages)

	rep, err = inspect(ftt.JavaScriptPDF(), fileTypePDF)
	require.NoError(t, err)
	assert.Equal(t, []string{WarnAutoAction, WarnJavaScript}, rep.Warnings)
}
