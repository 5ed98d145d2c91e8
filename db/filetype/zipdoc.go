package filetype

import (
	"archive/zip"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strings"
)

// Limits on an office document's zip. A real letter or spreadsheet has a
// few dozen parts of a few megabytes; a zip bomb has many, or parts that
// inflate a thousandfold.
const (
	ZipMaxEntries    = 1000
	ZipMaxTotalBytes = 100_000_000 // all parts, uncompressed
	ZipMaxRatio      = 100         // uncompressed : compressed, for one part
	zipRatioFloor    = 1 << 20     // parts smaller than this are not judged by ratio
)

// WarnEmbeddedObject warns of objects (OLE, other documents) inside an
// office document: they open in their own program.
const WarnEmbeddedObject = "office_embedded_object"

// Content types of the main parts.
const (
	ctDocxMain = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
	ctXlsxMain = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
	ctExtLink  = "application/vnd.openxmlformats-officedocument.spreadsheetml.externallink+xml"
)

var (
	errZipMacros   = refuse("upload.office_macros")
	errZipExternal = refuse("upload.office_external")
	errZipNotDoc   = refuse("upload.office_not_document")
	errZipDamaged  = refuse("upload.office_damaged")
)

// InspectZip checks an office document (DOCX, XLSX or ODT) through its
// central directory: the number of parts, their total and per-part
// uncompressed size (every part is inflated once, so a size that lies is
// caught by the zip reader's own checks), that it really is the document
// ft says (the main content type, or ODF's mimetype entry; an OOXML file
// of the other kind is taken as what it is), and that it holds no macros
// or other active content and nothing that reaches outside the file. It
// returns the confirmed type and the warnings for staff.
func InspectZip(r io.ReaderAt, size int64, ft Type) (Type, []string, error) {
	n, err := countZipEntries(r, size)
	if err != nil {
		return Type{}, nil, errZipDamaged
	}
	if n > ZipMaxEntries {
		return Type{}, nil, refuse("upload.office_too_many_parts", ZipMaxEntries)
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return Type{}, nil, errZipDamaged
	}
	if err := checkZipSizes(zr, size); err != nil {
		return Type{}, nil, err
	}
	if ft == fileTypeODT {
		return checkODF(zr)
	}
	return checkOOXML(zr)
}

// countZipEntries walks the central directory as archive/zip will, before
// it is asked to read it: archive/zip keeps every entry in memory and
// reads on past the count the end record gives.
func countZipEntries(r io.ReaderAt, size int64) (int, error) {
	tailLen := min(size, 22+65535)
	tail := make([]byte, tailLen)
	if _, err := r.ReadAt(tail, size-tailLen); err != nil && err != io.EOF {
		return 0, err
	}
	i := strings.LastIndex(string(tail), "PK\x05\x06")
	if i < 0 || len(tail)-i < 22 {
		return 0, errors.New("zip: no end of directory")
	}
	end := tail[i:]
	endOff := size - tailLen + int64(i)
	dirSize := int64(binary.LittleEndian.Uint32(end[12:]))
	dirOff := int64(binary.LittleEndian.Uint32(end[16:]))
	if binary.LittleEndian.Uint16(end[10:]) == 0xffff || dirSize == 0xffffffff || dirOff == 0xffffffff {
		// Zip64: its end record says where the directory is.
		if i < 20 || string(tail[i-20:i-16]) != "PK\x06\x07" {
			return 0, errors.New("zip: no zip64 locator")
		}
		rec := make([]byte, 56)
		off := int64(binary.LittleEndian.Uint64(tail[i-12:]))
		if off < 0 || off > size-56 {
			return 0, errors.New("zip: bad zip64 end")
		}
		if _, err := r.ReadAt(rec, off); err != nil || string(rec[:4]) != "PK\x06\x06" {
			return 0, errors.New("zip: bad zip64 end")
		}
		dirSize, dirOff, endOff = int64(binary.LittleEndian.Uint64(rec[40:])), int64(binary.LittleEndian.Uint64(rec[48:])), off
	}
	// archive/zip starts at dirOff, or after data prepended to the zip.
	n := countDirectory(r, size, dirOff)
	if base := endOff - dirSize - dirOff; base > 0 {
		n = max(n, countDirectory(r, size, base+dirOff))
	}
	return n, nil
}

// countDirectory counts central directory records from off, stopping
// once past the limit.
func countDirectory(r io.ReaderAt, size, off int64) int {
	var rec [46]byte
	n := 0
	for off >= 0 && off <= size-46 && n <= ZipMaxEntries {
		if _, err := r.ReadAt(rec[:], off); err != nil || string(rec[:4]) != "PK\x01\x02" {
			break
		}
		n++
		off += 46 + int64(binary.LittleEndian.Uint16(rec[28:])) + int64(binary.LittleEndian.Uint16(rec[30:])) +
			int64(binary.LittleEndian.Uint16(rec[32:]))
	}
	return n
}

// checkZipSizes applies the size limits to what the directory declares;
// reading the parts later holds each to its declared size.
func checkZipSizes(zr *zip.Reader, size int64) error {
	tooLarge := refuse("upload.office_too_large", ZipMaxTotalBytes/1_000_000)
	var total, compressed uint64
	for _, f := range zr.File {
		if f.Flags&1 != 0 || (f.Method != zip.Store && f.Method != zip.Deflate) {
			return errZipDamaged // encrypted, or compressed in a way Office does not write
		}
		total += f.UncompressedSize64
		compressed += f.CompressedSize64
		if total > ZipMaxTotalBytes || f.UncompressedSize64 > ZipMaxTotalBytes {
			return tooLarge
		}
		if f.UncompressedSize64 > zipRatioFloor && f.UncompressedSize64 > ZipMaxRatio*max(f.CompressedSize64, 1) {
			return tooLarge
		}
	}
	// Parts that overlap (one compressed stream shared by many) are a
	// known way to build a bomb from small ratios.
	if compressed > uint64(size) {
		return tooLarge
	}
	return nil
}

// readPart reads a part whole through fn (or discards it), so its size and
// CRC are checked.
func readPart(f *zip.File, fn func(io.Reader) error) error {
	rc, err := f.Open()
	if err != nil {
		return errZipDamaged
	}
	defer rc.Close()
	if fn != nil {
		if err := fn(rc); err != nil {
			return err
		}
	}
	if _, err := io.Copy(io.Discard, rc); err != nil {
		return errZipDamaged
	}
	return nil
}

// ---- OOXML ----

// checkOOXML inspects a Word or Excel zip and returns what its main part
// says it is, whatever its name claimed.
func checkOOXML(zr *zip.Reader) (Type, []string, error) {
	var ft Type
	var warnings []string
	var types *zip.File
	for _, f := range zr.File {
		name := strings.ToLower(f.Name)
		base := path.Base(name)
		switch {
		case name == "[content_types].xml":
			types = f
		case base == "vbaproject.bin" || base == "vbadata.xml" || strings.Contains(name, "/activex/") ||
			strings.Contains(name, "/macrosheets/"):
			return Type{}, nil, errZipMacros
		case strings.Contains(name, "/embeddings/") && !strings.HasSuffix(name, "/"):
			warnings = appendOnce(warnings, WarnEmbeddedObject)
		}
	}
	if types == nil {
		return Type{}, nil, errZipNotDoc
	}
	var main string
	err := readPart(types, func(r io.Reader) error {
		var err error
		main, err = checkContentTypes(r)
		return err
	})
	if err != nil {
		return Type{}, nil, err
	}
	switch main {
	case ctDocxMain:
		ft = fileTypeDOCX
	case ctXlsxMain:
		ft = fileTypeXLSX
	default:
		return Type{}, nil, errZipNotDoc
	}
	for _, f := range zr.File {
		name := strings.ToLower(f.Name)
		var check func(io.Reader) error
		switch {
		case f == types:
			continue
		case strings.HasSuffix(name, ".rels"):
			check = checkRelationships
		case ft == fileTypeDOCX && path.Dir(name) == "word" && strings.HasSuffix(name, ".xml"):
			check = checkWordFields
		}
		if err := readPart(f, check); err != nil {
			return Type{}, nil, err
		}
	}
	return ft, warnings, nil
}

// checkContentTypes refuses macro-enabled and active content types and
// returns the main document's.
func checkContentTypes(r io.Reader) (string, error) {
	dec := xml.NewDecoder(r)
	main := ""
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return main, nil
		}
		if err != nil {
			return "", errZipDamaged
		}
		el, ok := tok.(xml.StartElement)
		if !ok || (el.Name.Local != "Override" && el.Name.Local != "Default") {
			continue
		}
		ct := strings.ToLower(attr(el, "ContentType"))
		switch {
		case strings.Contains(ct, "macro") || strings.Contains(ct, "vbaproject") || strings.Contains(ct, "activex"):
			return "", errZipMacros
		case ct == ctExtLink:
			return "", errZipExternal
		case ct == ctDocxMain || ct == ctXlsxMain:
			if main != "" && main != ct {
				return "", errZipNotDoc
			}
			main = ct
		}
	}
}

// checkRelationships refuses a relationship to anything outside the
// package other than a hyperlink (which opens only when clicked): remote
// templates, linked pictures and OLE links, frames, external workbooks.
// A relationship to a VBA project means macros.
func checkRelationships(r io.Reader) error {
	dec := xml.NewDecoder(r)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return errZipDamaged
		}
		el, ok := tok.(xml.StartElement)
		if !ok || el.Name.Local != "Relationship" {
			continue
		}
		typ := strings.ToLower(attr(el, "Type"))
		if strings.HasSuffix(typ, "/vbaproject") || strings.HasSuffix(typ, "/activexcontrol") {
			return errZipMacros
		}
		if strings.EqualFold(attr(el, "TargetMode"), "External") && !strings.HasSuffix(typ, "/hyperlink") {
			return errZipExternal
		}
	}
}

// checkWordFields refuses field codes that run commands (DDE, DDEAUTO) or
// fetch other files (INCLUDETEXT, INCLUDEPICTURE, LINK) when the document
// updates its fields.
func checkWordFields(r io.Reader) error {
	dec := xml.NewDecoder(r)
	var instr strings.Builder
	inInstr := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return errZipDamaged
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "instrText":
				inInstr = true
			case "fldSimple":
				if err := checkFieldCode(attr(t, "instr")); err != nil {
					return err
				}
			case "fldChar":
				if attr(t, "fldCharType") == "separate" || attr(t, "fldCharType") == "end" {
					if err := checkFieldCode(instr.String()); err != nil {
						return err
					}
					instr.Reset()
				}
			}
		case xml.EndElement:
			if t.Name.Local == "instrText" {
				inInstr = false
			}
		case xml.CharData:
			if inInstr && instr.Len() < 4096 {
				instr.Write(t)
			}
		}
	}
}

func checkFieldCode(code string) error {
	word, _, _ := strings.Cut(strings.TrimSpace(code), " ")
	switch strings.ToUpper(word) {
	case "DDE", "DDEAUTO":
		return errZipMacros
	case "INCLUDETEXT", "INCLUDEPICTURE", "LINK":
		return errZipExternal
	}
	return nil
}

func attr(el xml.StartElement, local string) string {
	for _, a := range el.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func appendOnce(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// ---- ODF ----

const (
	odfMimetype = "application/vnd.oasis.opendocument.text"
	nsScript    = "urn:oasis:names:tc:opendocument:xmlns:script:1.0"
	nsOffice    = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
	nsXlink     = "http://www.w3.org/1999/xlink"
)

// checkODF wants the mimetype entry first and stored, as the format
// requires, and a manifest; it refuses Basic and script libraries, event
// bindings, DDE links and elements that load files from outside.
func checkODF(zr *zip.Reader) (Type, []string, error) {
	if len(zr.File) == 0 || zr.File[0].Name != "mimetype" || zr.File[0].Method != zip.Store {
		return Type{}, nil, errZipNotDoc
	}
	var mt []byte
	if err := readPart(zr.File[0], func(r io.Reader) error {
		var err error
		mt, err = io.ReadAll(io.LimitReader(r, 128))
		return err
	}); err != nil || string(mt) != odfMimetype {
		return Type{}, nil, errZipNotDoc
	}
	var warnings []string
	manifest := false
	for _, f := range zr.File[1:] {
		var check func(io.Reader) error
		switch name := f.Name; {
		case strings.HasPrefix(name, "Basic/") || strings.HasPrefix(name, "Scripts/"):
			return Type{}, nil, errZipMacros
		case name == "META-INF/manifest.xml":
			manifest = true
		case name == "content.xml" || name == "styles.xml":
			check = func(r io.Reader) error {
				embedded, err := checkODFContent(r)
				if embedded {
					warnings = appendOnce(warnings, WarnEmbeddedObject)
				}
				return err
			}
		}
		if err := readPart(f, check); err != nil {
			return Type{}, nil, err
		}
	}
	if !manifest {
		return Type{}, nil, errZipNotDoc
	}
	return fileTypeODT, warnings, nil
}

// checkODFContent scans content.xml or styles.xml, reporting whether it
// embeds OLE objects.
func checkODFContent(r io.Reader) (embedded bool, err error) {
	dec := xml.NewDecoder(r)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return embedded, nil
		}
		if err != nil {
			return embedded, errZipDamaged
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch {
		// Event bindings (script:event-listener) and embedded scripts
		// (office:script); an empty office:scripts is written by every
		// LibreOffice document and is harmless.
		case el.Name.Space == nsScript, el.Name.Space == nsOffice && el.Name.Local == "script":
			return embedded, errZipMacros
		case strings.HasPrefix(el.Name.Local, "dde-"):
			return embedded, errZipExternal
		case el.Name.Local == "object-ole":
			embedded = true
		}
		if el.Name.Local == "a" {
			continue // a hyperlink opens only when clicked
		}
		for _, a := range el.Attr {
			if a.Name.Space == nsXlink && a.Name.Local == "href" && odfExternal(a.Value) {
				return embedded, errZipExternal
			}
		}
	}
}

// odfExternal reports whether an href leaves the package: a URL with a
// scheme, an absolute path or one climbing out of it.
func odfExternal(href string) bool {
	href = strings.TrimSpace(href)
	if href == "" || strings.HasPrefix(href, "#") {
		return false
	}
	if i := strings.IndexAny(href, ":/\\"); i >= 0 && href[i] == ':' {
		return true
	}
	h := strings.TrimPrefix(href, "./")
	return strings.HasPrefix(h, "/") || strings.HasPrefix(h, "\\") || strings.HasPrefix(h, "../")
}
