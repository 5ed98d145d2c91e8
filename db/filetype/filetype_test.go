package filetype

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"

	ftt "github.com/ccf-portal/ccfportal/db/filetype/filetypetest"
)

// Heads of real-looking files of each allowed kind.
var (
	headPDF  = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"
	headJPEG = "\xff\xd8\xff\xe0\x00\x10JFIF\x00"
	headPNG  = "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
	headWEBP = "RIFF\x24\x00\x00\x00WEBPVP8 "
	headTIFF = "II*\x00\x08\x00\x00\x00"
	headZIP  = "PK\x03\x04\x14\x00\x06\x00\x08\x00"
	headOLE2 = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00"
)

// ftyp builds the start of an ISO BMFF file with the given major brand.
func ftyp(brand string) string {
	return "\x00\x00\x00\x18ftyp" + brand + "\x00\x00\x00\x00mif1heic"
}

func TestSniffFileTypeAccepts(t *testing.T) {
	for _, tc := range []struct {
		name, head, filename, mime, label, ext string
	}{
		{"pdf", headPDF, "statement.pdf", "application/pdf", "filetype.pdf", ".pdf"},
		{"pdf renamed .exe: content decides", headPDF, "statement.exe", "application/pdf", "filetype.pdf", ".pdf"},
		{"pdf without name", headPDF, "", "application/pdf", "filetype.pdf", ".pdf"},
		{"jpeg", headJPEG, "photo.jpg", "image/jpeg", "filetype.jpeg", ".jpg"},
		{"jpeg named .png", headJPEG, "photo.png", "image/jpeg", "filetype.jpeg", ".jpg"},
		{"png", headPNG, "scan.png", "image/png", "filetype.png", ".png"},
		{"heic", ftyp("heic"), "IMG_0001.HEIC", "image/heic", "filetype.heic", ".heic"},
		{"heix", ftyp("heix"), "a.heic", "image/heic", "filetype.heic", ".heic"},
		{"mif1", ftyp("mif1"), "a.heif", "image/heif", "filetype.heic", ".heif"},
		{"webp", headWEBP, "a.webp", "image/webp", "filetype.webp", ".webp"},
		{"tiff little endian", headTIFF, "a.tif", "image/tiff", "filetype.tiff", ".tiff"},
		{"tiff big endian", "MM\x00*\x00\x00\x00\x08", "a.tiff", "image/tiff", "filetype.tiff", ".tiff"},
		{"docx", headZIP, "letter.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "filetype.docx", ".docx"},
		{"docx upper case", headZIP, "LETTER.DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "filetype.docx", ".docx"},
		{"docx with path", headZIP, `C:\Users\me\letter.docx`, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "filetype.docx", ".docx"},
		{"odt", headZIP, "letter.odt", "application/vnd.oasis.opendocument.text", "filetype.odt", ".odt"},
		{"xlsx", headZIP, "list.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "filetype.xlsx", ".xlsx"},
		{"docx named by content", docxHead, "letter.bin", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "filetype.docx", ".docx"},
		{"odt named by content", odtHead, "letter", "application/vnd.oasis.opendocument.text", "filetype.odt", ".odt"},
	} {
		ft, ok := Sniff([]byte(tc.head), tc.filename)
		if assert.True(t, ok, tc.name) {
			assert.Equal(t, Type{MIME: tc.mime, Label: tc.label, Ext: tc.ext}, ft, tc.name)
		}
	}
}

func TestSniffFileTypeRefuses(t *testing.T) {
	for _, tc := range []struct{ name, head, filename string }{
		{"empty", "", "a.pdf"},
		{"html named .pdf", "<!DOCTYPE html><html>", "a.pdf"},
		{"html with leading space", "  <html><script>", "a.pdf"},
		{"svg named .png", `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">`, "a.png"},
		{"shell script", "#!/bin/sh\nrm -rf /", "a.pdf"},
		{"windows executable", "MZ\x90\x00\x03\x00\x00\x00", "a.pdf"},
		{"elf executable", "\x7fELF\x02\x01\x01", "a.pdf"},
		{"plain text", "Dear CCF, please find attached", "a.txt"},
		{"plain zip", headZIP, "a.zip"},
		{"zip without name", headZIP, ""},
		{"zip named .pdf", headZIP, "a.pdf"},
		{"zip named .jar", headZIP, "a.jar"},
		{"zip with docx in the path only", headZIP, "a.docx/b.zip"},
		{"zip named .docx.zip", headZIP, "a.docx.zip"},
		{"zip named docx without dot", headZIP, "docx"},
		{"ole2 named .doc", headOLE2, "old.doc"},
		{"ole2 named .xls", headOLE2, "a.xls"},
		{"heif sequence", ftyp("msf1"), "a.heif"},
		{"heif brand that is not one", ftyp("heif"), "a.heif"},
		{"odp named .odt", string(ftt.Zip(ftt.ZipPart{Name: "mimetype", Body: "application/vnd.oasis.opendocument.presentation", Store: true})), "a.odt"},
		{"jar named .docx", string(ftt.Zip(ftt.ZipPart{Name: "META-INF/MANIFEST.MF", Body: "Main-Class: x"})), "a.docx"},
		{"pdf after a newline", "\n%PDF-1.7", "a.pdf"},
		{"ole2 named .msi", headOLE2, "setup.msi"},
		{"ole2 without name", headOLE2, ""},
		{"pdf magic not at start", "junk%PDF-1.7", "a.pdf"},
		{"truncated pdf magic", "%PDF", "a.pdf"},
		{"truncated png magic", "\x89PNG\r\n", "a.png"},
		{"truncated jpeg magic", "\xff\xd8", "a.jpg"},
		{"riff but wave", "RIFF\x24\x00\x00\x00WAVEfmt ", "a.webp"},
		{"riff too short", "RIFF\x24\x00\x00\x00WEB", "a.webp"},
		{"avif", ftyp("avif"), "a.heic"},
		{"mp4", ftyp("isom"), "a.heic"},
		{"quicktime", ftyp("qt  "), "a.heic"},
		{"ftyp too short", "\x00\x00\x00\x18ftyphei", "a.heic"},
		{"gif", "GIF89a\x01\x00", "a.gif"},
		{"rtf", `{\rtf1\ansi`, "a.doc"},
	} {
		_, ok := Sniff([]byte(tc.head), tc.filename)
		assert.False(t, ok, tc.name)
	}
}

// The head of real zips: mimetype names these by their entries.
var (
	docxHead = string(ftt.CleanDOCX())
	odtHead  = string(ftt.ODT())
)

func TestCheckSaysWhyAFileIsRefused(t *testing.T) {
	for _, tc := range []struct{ name, head, filename, key string }{
		{"word 97-2003", headOLE2, "old.doc", "upload.legacy_office"},
		{"excel 97-2003 under another name", headOLE2, "list.pdf", "upload.legacy_office"},
		{"html named .pdf", "<html>", "a.pdf", "upload.type_not_allowed"},
	} {
		_, err := Check([]byte(tc.head), tc.filename)
		var r *Refusal
		if assert.ErrorAs(t, err, &r, tc.name) {
			assert.Equal(t, tc.key, r.Key, tc.name)
		}
	}
}

func TestFileTypeLabels(t *testing.T) {
	for _, ft := range []Type{fileTypePDF, fileTypeJPEG, fileTypePNG, fileTypeHEIC, fileTypeHEIF, fileTypeWEBP, fileTypeTIFF, fileTypeDOCX, fileTypeODT, fileTypeXLSX, fileTypeDOC} {
		assert.True(t, strings.HasPrefix(ft.Label, "filetype."), ft.Label)
		assert.True(t, strings.HasPrefix(ft.Ext, "."), ft.Ext)
		assert.Contains(t, ft.MIME, "/")
	}
}

func TestSanitizeFilename(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"statement.pdf", "statement.pdf"},
		{"Déclaration d'identité.pdf", "Déclaration d'identité.pdf"},
		{"паспорт.jpg", "паспорт.jpg"},
		{"شهادة.pdf", "شهادة.pdf"},
		{"../../etc/passwd", "passwd"},
		{"/etc/passwd", "passwd"},
		{`C:\Users\Amina\Documents\passport.jpg`, "passport.jpg"},
		{`\\server\share\scan.pdf`, "scan.pdf"},
		{`..\..\windows\system32\evil.dll`, "evil.dll"},
		{"mixed/path\\to/file.docx", "file.docx"},
		{"a\u202Egnp.exe", "agnp.exe"},
		{"invoice\u202Efdp.scr", "invoicefdp.scr"},
		{"\u2066x\u2069\u200E\u200F.pdf", "x.pdf"},
		{"new\nline\r.pdf", "newline.pdf"},
		{"tab\there.pdf", "tabhere.pdf"},
		{"nul\x00byte.pdf", "nulbyte.pdf"},
		{"del\x7f.pdf", "del.pdf"},
		{"c1\u0085.pdf", "c1.pdf"},
		{"  spaced.pdf  ", "spaced.pdf"},
		{"...hidden.pdf", "hidden.pdf"},
		{"trailing.exe.", "trailing.exe"},
		{"trailing.pdf . .", "trailing.pdf"},
		{"", "document"},
		{".", "document"},
		{"..", "document"},
		{"../", "document"},
		{"a/..", "document"},
		{"   ", "document"},
		{"\u202E\u202E", "document"},
		{"dir/", "document"},
		{"\xff\xfe.pdf", "\uFFFD\uFFFD.pdf"},
	} {
		assert.Equal(t, tc.want, SanitizeFilename(tc.in), "%q", tc.in)
	}
}

func TestSanitizeFilenameCapsLengthKeepingExtension(t *testing.T) {
	long := strings.Repeat("é", 200) + ".pdf"
	got := SanitizeFilename(long)
	assert.Equal(t, 120, utf8.RuneCountInString(got))
	assert.True(t, strings.HasSuffix(got, ".pdf"), got)
	assert.Equal(t, strings.Repeat("é", 116)+".pdf", got)

	exact := strings.Repeat("a", 116) + ".pdf"
	assert.Equal(t, exact, SanitizeFilename(exact))

	// A huge "extension" is just part of the name.
	hugeExt := "a." + strings.Repeat("b", 300)
	got = SanitizeFilename(hugeExt)
	assert.Equal(t, 120, utf8.RuneCountInString(got))
	assert.True(t, strings.HasPrefix(got, "a.b"), got)

	// A cut landing on spaces must not leave them before the extension.
	spaced := strings.Repeat("a", 100) + strings.Repeat(" ", 100) + ".pdf"
	assert.Equal(t, strings.Repeat("a", 100)+".pdf", SanitizeFilename(spaced))
}
