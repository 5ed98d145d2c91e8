package receipt

import (
	_ "embed"
	"fmt"

	"github.com/tdewolff/canvas"
)

// The PDF's two typefaces, regular weight only: Noto Sans for Latin text
// (English, French, Spanish, references, fingerprints) and Noto Naskh
// Arabic, under the SIL Open Font License (fonts/OFL.txt). Embedded so the
// receipt looks the same on every machine and needs nothing installed.
var (
	//go:embed fonts/NotoSans-Regular.ttf
	latinTTF []byte
	//go:embed fonts/NotoNaskhArabic-Regular.ttf
	arabicTTF []byte
)

// faces are the two typefaces loaded for one document. They are loaded
// per document rather than shared: the shaper keeps state per font and a
// receipt is small, so parsing the fonts again costs less than a lock.
type faces struct {
	latin, arabic *canvas.FontFamily
}

func loadFaces() (faces, error) {
	f := faces{latin: canvas.NewFontFamily("Noto Sans"), arabic: canvas.NewFontFamily("Noto Naskh Arabic")}
	if err := f.latin.LoadFont(latinTTF, 0, canvas.FontRegular); err != nil {
		return f, fmt.Errorf("load Noto Sans: %w", err)
	}
	if err := f.arabic.LoadFont(arabicTTF, 0, canvas.FontRegular); err != nil {
		return f, fmt.Errorf("load Noto Naskh Arabic: %w", err)
	}
	// No Latin ligatures: "ff" in a fingerprint must stay two letters for
	// whoever copies it out of the PDF. (Arabic keeps its ligatures, which
	// its script requires.)
	f.latin.SetFeatures("-liga")
	return f, nil
}
