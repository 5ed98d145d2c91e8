package filetype

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzSniffFileType feeds arbitrary heads and names to Sniff: it
// must never panic, and whatever it accepts must be one of the allowlisted
// types with its magic number really present (never a legacy OLE file).
func FuzzSniffFileType(f *testing.F) {
	for _, seed := range []struct{ head, name string }{
		{headPDF, "a.pdf"}, {headJPEG, "a.jpg"}, {headPNG, "a.png"},
		{ftyp("heic"), "a.heic"}, {ftyp("mif1"), ""}, {headWEBP, "a.webp"},
		{headTIFF, "a.tif"}, {headZIP, "a.docx"}, {headZIP, "a.odt"},
		{headZIP, "a.xlsx"}, {headZIP, "a.zip"}, {headOLE2, "a.doc"},
		{"<html>", "a.pdf"}, {"", ""}, {"RIFF", "x"}, {"\x00\x00\x00\x00ftyp", "a.heic"},
	} {
		f.Add([]byte(seed.head), seed.name)
	}
	allowed := map[string]bool{}
	for _, ft := range []Type{fileTypePDF, fileTypeJPEG, fileTypePNG, fileTypeHEIC, fileTypeHEIF, fileTypeWEBP, fileTypeTIFF, fileTypeDOCX, fileTypeODT, fileTypeXLSX} {
		allowed[ft.MIME] = true
	}
	f.Fuzz(func(t *testing.T, head []byte, name string) {
		ft, ok := Sniff(head, name)
		if !ok {
			if ft != (Type{}) {
				t.Fatalf("refused but returned %+v", ft)
			}
			return
		}
		if !allowed[ft.MIME] {
			t.Fatalf("accepted unknown type %+v", ft)
		}
		checkMagic(t, head, ft)
	})
}

// checkMagic fails unless head starts the way ft requires.
func checkMagic(t *testing.T, head []byte, ft Type) {
	t.Helper()
	h := string(head)
	var ok bool
	switch ft {
	case fileTypePDF:
		ok = strings.HasPrefix(h, "%PDF-")
	case fileTypeJPEG:
		ok = strings.HasPrefix(h, "\xff\xd8\xff")
	case fileTypePNG:
		ok = strings.HasPrefix(h, "\x89PNG\r\n\x1a\n")
	case fileTypeHEIC, fileTypeHEIF:
		ok = len(h) >= 12 && h[4:8] == "ftyp"
	case fileTypeWEBP:
		ok = len(h) >= 12 && h[:4] == "RIFF" && h[8:12] == "WEBP"
	case fileTypeTIFF:
		ok = strings.HasPrefix(h, "II*\x00") || strings.HasPrefix(h, "MM\x00*")
	case fileTypeDOCX, fileTypeODT, fileTypeXLSX:
		ok = strings.HasPrefix(h, "PK\x03\x04")
	}
	if !ok {
		t.Fatalf("accepted %q as %+v", head, ft)
	}
}

// FuzzSanitizeFilename checks that SanitizeFilename never panics and always
// returns a short, non-empty, valid name without separators, control or
// bidi characters, and that it is idempotent.
func FuzzSanitizeFilename(f *testing.F) {
	for _, seed := range []string{
		"statement.pdf", "../../etc/passwd", `C:\a\b.doc`, "a\u202Egnp.exe", "",
		".", "..", " . ", "\x00", "\xff", strings.Repeat("x", 300) + ".pdf",
		"a." + strings.Repeat("é", 200), "\u2066\u2069\u200e\u200f",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, name string) {
		got := SanitizeFilename(name)
		if got == "" {
			t.Fatal("empty result")
		}
		if !utf8.ValidString(got) {
			t.Fatalf("invalid UTF-8 %q", got)
		}
		if n := utf8.RuneCountInString(got); n > filenameMaxRunes {
			t.Fatalf("%d runes: %q", n, got)
		}
		if strings.ContainsAny(got, `/\`) {
			t.Fatalf("separator in %q", got)
		}
		for _, r := range got {
			if unicode.IsControl(r) || dropUnsafeRune(r) < 0 {
				t.Fatalf("unsafe rune %U in %q", r, got)
			}
		}
		if again := SanitizeFilename(got); again != got {
			t.Fatalf("not idempotent: %q -> %q -> %q", name, got, again)
		}
	})
}
