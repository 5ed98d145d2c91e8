package filetype

import (
	"strconv"
	"strings"
)

// MinimalPDF is a small but well-formed one-page PDF whose page shows
// title and says it is fictional demo data: the demo seed's files and the
// tests' uploads.
func MinimalPDF(title string) []byte {
	return MinimalPDFPages(title, 1)
}

// MinimalPDFPages is MinimalPDF with the given number of pages (at least
// one), each showing title.
func MinimalPDFPages(title string, pages int) []byte {
	pages = max(pages, 1)
	text := strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(title)
	stream := "BT /F1 14 Tf 72 720 Td (" + text + ") Tj 0 -24 Td (Fictional demo document - not a real filing.) Tj ET"
	kids := make([]string, pages)
	for i := range kids {
		kids[i] = strconv.Itoa(5+i) + " 0 R"
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [" + strings.Join(kids, " ") + "] /Count " + strconv.Itoa(pages) + " >>",
		"<< /Length " + strconv.Itoa(len(stream)) + " >>\nstream\n" + stream + "\nendstream",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	for range pages {
		objs = append(objs, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>")
	}
	return layoutPDF(objs, "/Root 1 0 R")
}

// layoutPDF lays out objects 1, 2, ... with a correct cross-reference table
// and a trailer holding trailerEntries (at least "/Root N 0 R").
func layoutPDF(objs []string, trailerEntries string) []byte {
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
		b.WriteString(padOffset(off) + " 00000 n \n")
	}
	b.WriteString("trailer\n<< /Size " + strconv.Itoa(len(objs)+1) + " " + trailerEntries + " >>\nstartxref\n" + strconv.Itoa(xref) + "\n%%EOF\n")
	return []byte(b.String())
}

func padOffset(n int) string {
	s := strconv.Itoa(n)
	return strings.Repeat("0", 10-len(s)) + s
}
