package filetype

import (
	"bytes"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gabriel-vasile/mimetype"
)

// Type is an accepted kind of upload. The type is always decided from
// the content: a browser-supplied Content-Type or a filename alone is
// attacker-controlled, and serving an HTML or SVG file back to staff under a
// trusted MIME type would be a stored cross-site scripting hole.
type Type struct {
	MIME  string // the type we store and serve the file as
	Label string // message key naming the type to users, e.g. "filetype.pdf"
	Ext   string // canonical extension with its dot, e.g. ".pdf"
}

// The allowlist. Anything not matched below is refused. Word 97-2003 files
// stay on it only so that documents stored before they were refused can
// still be named and downloaded; Check refuses new ones.
var (
	fileTypePDF  = Type{"application/pdf", "filetype.pdf", ".pdf"}
	fileTypeJPEG = Type{"image/jpeg", "filetype.jpeg", ".jpg"}
	fileTypePNG  = Type{"image/png", "filetype.png", ".png"}
	fileTypeHEIC = Type{"image/heic", "filetype.heic", ".heic"}
	fileTypeHEIF = Type{"image/heif", "filetype.heic", ".heif"}
	fileTypeWEBP = Type{"image/webp", "filetype.webp", ".webp"}
	fileTypeTIFF = Type{"image/tiff", "filetype.tiff", ".tiff"}
	fileTypeDOCX = Type{"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "filetype.docx", ".docx"}
	fileTypeODT  = Type{"application/vnd.oasis.opendocument.text", "filetype.odt", ".odt"}
	fileTypeXLSX = Type{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "filetype.xlsx", ".xlsx"}
	fileTypeDOC  = Type{"application/msword", "filetype.doc", ".doc"}
)

// SniffSize is how much of the head Sniff needs: mimetype looks at up to
// 4 KiB, enough to see the first entries of an office document's zip.
const SniffSize = 4096

// Magic numbers of the allowed formats. mimetype decides the format; these
// stricter checks must hold as well, so that what is accepted starts the
// way its readers expect (mimetype also takes a PDF after a newline or a
// byte order mark, which this portal does not).
var (
	magicPDF  = []byte("%PDF-")
	magicJPEG = []byte{0xFF, 0xD8, 0xFF}
	magicPNG  = []byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}
	magicTIFF = [][]byte{[]byte("II*\x00"), []byte("MM\x00*")}
	magicZIP  = []byte("PK\x03\x04")
	magicOLE2 = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// Office documents are zips, and mimetype can only name them from the
// entries in the head; a zip it calls plain "application/zip" may still be
// one whose entries come later. For those alone the extension picks which
// format the content must then prove to be (see InspectZip). A zip under
// any other name (including .zip) is refused: archives can hide anything.
var zipTypesByExt = map[string]Type{".docx": fileTypeDOCX, ".odt": fileTypeODT, ".xlsx": fileTypeXLSX}

// zipTypesByMIME are the office formats mimetype recognises by content.
var zipTypesByMIME = map[string]Type{
	fileTypeDOCX.MIME: fileTypeDOCX,
	fileTypeXLSX.MIME: fileTypeXLSX,
	fileTypeODT.MIME:  fileTypeODT,
}

// heifBrands maps the ISO BMFF major brands we accept to their type. Only
// the major brand counts: AVIF and MP4 files may list mif1 as a compatible
// brand but are not accepted. Image sequences (msf1, hevc) are not photos
// of documents and are refused.
var heifBrands = map[string]Type{
	"heic": fileTypeHEIC,
	"heix": fileTypeHEIC,
	"mif1": fileTypeHEIF,
}

// Sniff decides the type from the head of the content (the first SniffSize
// bytes) and the original filename's extension, which is only used to tell
// apart office documents whose head does not say. It returns ok=false for
// anything not accepted; Check says why.
func Sniff(head []byte, filename string) (Type, bool) {
	ft, err := Check(head, filename)
	return ft, err == nil
}

// Check is Sniff with the reason for a refusal: a *Refusal whose key asks
// for a PDF or DOCX instead of a legacy Office file (which can carry
// macros), or "upload.type_not_allowed".
func Check(head []byte, filename string) (Type, error) {
	mt := mimetype.Detect(head)
	switch {
	case bytes.HasPrefix(head, magicOLE2) || mt.Is("application/x-ole-storage"):
		return Type{}, refuse("upload.legacy_office")
	case mt.Is("application/pdf") && bytes.HasPrefix(head, magicPDF):
		return fileTypePDF, nil
	case mt.Is("image/jpeg") && bytes.HasPrefix(head, magicJPEG):
		return fileTypeJPEG, nil
	case mt.Is("image/png") && bytes.HasPrefix(head, magicPNG):
		return fileTypePNG, nil
	case mt.Is("image/webp") && isWEBP(head):
		return fileTypeWEBP, nil
	case mt.Is("image/tiff") && (bytes.HasPrefix(head, magicTIFF[0]) || bytes.HasPrefix(head, magicTIFF[1])):
		return fileTypeTIFF, nil
	case mt.Is("image/heic") || mt.Is("image/heif"):
		if ft, ok := sniffHEIF(head); ok {
			return ft, nil
		}
	case bytes.HasPrefix(head, magicZIP):
		if ft, ok := zipTypesByMIME[mt.String()]; ok {
			return ft, nil
		}
		if mt.String() == "application/zip" {
			if ft, ok := zipTypesByExt[strings.ToLower(path.Ext(SanitizeFilename(filename)))]; ok {
				return ft, nil
			}
		}
	}
	return Type{}, refuse("upload.type_not_allowed")
}

// isWEBP matches a RIFF container ("RIFF", 4-byte size, "WEBP").
func isWEBP(head []byte) bool {
	return len(head) >= 12 && string(head[:4]) == "RIFF" && string(head[8:12]) == "WEBP"
}

// sniffHEIF matches an ISO BMFF file starting with an ftyp box whose major
// brand is a HEIF one.
func sniffHEIF(head []byte) (Type, bool) {
	if len(head) < 12 || string(head[4:8]) != "ftyp" {
		return Type{}, false
	}
	ft, ok := heifBrands[string(head[8:12])]
	return ft, ok
}

// filenameMaxRunes caps display names; longer ones break layouts and are
// never needed to recognise a document.
const filenameMaxRunes = 120

// filenameMaxExtRunes is the longest extension kept when a long name is
// shortened; a longer "extension" is just part of the name.
const filenameMaxExtRunes = 16

// SanitizeFilename makes a user-supplied filename safe to display: it keeps
// only the base name (dropping any path in / or \ form), removes control
// characters and the invisible bidirectional controls that can disguise
// "evil\u202Efdp.exe" as "evilexe.pdf", trims spaces and dots, and caps the
// length at 120 runes keeping the extension. It returns "document" if
// nothing remains. The result is for display only: it is never used as a
// path, since blobs are stored under random keys.
func SanitizeFilename(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(dropUnsafeRune, name)
	name = trimFilename(name)
	name = capFilename(name)
	if name == "" {
		return "document"
	}
	return name
}

// dropUnsafeRune removes runes that are invisible or change how the rest
// of the name is shown or laid out.
func dropUnsafeRune(r rune) rune {
	switch {
	case unicode.IsControl(r):
		return -1
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return -1 // bidi embeddings, overrides and isolates
	case r == 0x200E, r == 0x200F, r == 0x061C:
		return -1 // bidi marks
	case r == 0x2028, r == 0x2029, r == 0xFEFF:
		return -1 // line and paragraph separators, byte order mark
	}
	return r
}

// trimFilename removes leading and trailing spaces and dots: Windows drops
// trailing ones anyway ("a.exe." is a.exe), and leading ones make hidden
// files and names like "..".
func trimFilename(name string) string {
	return strings.TrimFunc(name, func(r rune) bool { return r == '.' || unicode.IsSpace(r) })
}

// capFilename shortens name to filenameMaxRunes, keeping a reasonable
// extension so the shortened name still shows what kind of file it is.
func capFilename(name string) string {
	if utf8.RuneCountInString(name) <= filenameMaxRunes {
		return name
	}
	ext := path.Ext(name)
	extRunes := utf8.RuneCountInString(ext)
	if extRunes > filenameMaxExtRunes || extRunes == utf8.RuneCountInString(name) {
		ext, extRunes = "", 0
	}
	stem := firstRunes(strings.TrimSuffix(name, ext), filenameMaxRunes-extRunes)
	return trimFilename(stem) + ext
}

// firstRunes returns the first n runes of s.
func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}
