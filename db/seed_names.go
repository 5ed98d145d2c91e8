package db

import (
	"math/rand/v2"
	"strings"
)

// Names are built from invented syllables, so they read like names in many
// languages yet belong to nobody.
var (
	seedGiven = []string{"Amira", "Bastien", "Carmela", "Dariush", "Elif", "Farouk", "Greta", "Hamid", "Ines",
		"Jovan", "Kalina", "Leandro", "Mariam", "Nikolai", "Oyelaran", "Paloma", "Qadir", "Rosalind", "Samir",
		"Tamsin", "Umberto", "Valeria", "Wendell", "Xiomara", "Yusuf", "Zeynep", "Anouk", "Bilal", "Corin", "Dalia"}
	seedFamilyStart = []string{"Val", "Mor", "Kes", "Dra", "Tal", "Ost", "Bre", "Quin", "Sel", "Har", "Lun", "Ferr",
		"Ab", "Zor", "Ith", "Nev", "Cal", "Run", "Ves", "Ol"}
	seedFamilyEnd = []string{"amund", "orath", "essky", "adine", "ovar", "ingham", "elqui", "arro", "ezian", "umbe",
		"iquet", "ansen", "oulis", "eddu", "avik", "onde", "aszar", "elmo"}
)

// fictionalName is "Given Family", with an invented family name.
func fictionalName(rng *rand.Rand) string {
	return seedGiven[rng.IntN(len(seedGiven))] + " " + seedFamilyStart[rng.IntN(len(seedFamilyStart))] +
		seedFamilyEnd[rng.IntN(len(seedFamilyEnd))]
}

// seedPDF is a small but well-formed PDF whose only page says it is
// fictional demo data.
func seedPDF(title string) []byte {
	text := strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(title)
	stream := "BT /F1 14 Tf 72 720 Td (" + text + ") Tj 0 -24 Td (Fictional demo document - not a real filing.) Tj ET"
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		"<< /Length " + fmtID(int64(len(stream))) + " >>\nstream\n" + stream + "\nendstream",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b strings.Builder
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		b.WriteString(fmtID(int64(i+1)) + " 0 obj\n" + o + "\nendobj\n")
	}
	xref := b.Len()
	b.WriteString("xref\n0 " + fmtID(int64(len(objs)+1)) + "\n0000000000 65535 f \n")
	for _, off := range offsets {
		b.WriteString(padOffset(off) + " 00000 n \n")
	}
	b.WriteString("trailer\n<< /Size " + fmtID(int64(len(objs)+1)) + " /Root 1 0 R >>\nstartxref\n" + fmtID(int64(xref)) + "\n%%EOF\n")
	return []byte(b.String())
}

func padOffset(n int) string {
	s := fmtID(int64(n))
	return strings.Repeat("0", 10-len(s)) + s
}
