package publish

import (
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// tatweel is the Arabic elongation mark: it stretches a word on the
// line and carries no meaning, so "حـسـن" is "حسن".
const tatweel = '\u0640'

// newFolder removes the marks a reader does not count as letters: Latin
// accents, and Arabic tashkeel and the hamza or madda over an alef (all
// combining marks once decomposed), then recomposes what is left. A
// chain keeps state between calls, so every call builds its own: one
// shared by two requests would mix their text.
func newFolder() transform.Transformer {
	return transform.Chain(norm.NFKD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}

// newCaseFolder folds case the same way in every language (not Turkish
// dotless i rules, which would make the match depend on the reader). A
// Caser is stateful too, hence one per call.
func newCaseFolder() cases.Caser { return cases.Fold() }

// Normalise is the form in which excerpts are compared with a case's
// identifiers and searched: compatibility forms unified (NFKC), case
// folded, diacritics and Arabic tashkeel and tatweel removed, Eastern
// Arabic digits read as digits, and every run of spaces and punctuation
// turned into a single space. "Ḥaddād, AMAL" and "haddad amal" are the same.
func Normalise(s string) string {
	s = norm.NFKC.String(s)
	s, _, _ = transform.String(newFolder(), s)
	s = newCaseFolder().String(s)
	var b strings.Builder
	b.Grow(len(s))
	space := true // no leading space
	for _, r := range s {
		switch {
		case r == tatweel:
			continue
		case r >= '\u0660' && r <= '\u0669':
			r = '0' + (r - '\u0660')
		case r >= '\u06F0' && r <= '\u06F9':
			r = '0' + (r - '\u06F0')
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			space = false
			continue
		}
		if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSuffix(b.String(), " ")
}

// compact is s normalised with the spaces taken out too, so that
// "AB 12-34" and "ab1234" meet.
func compact(s string) string { return strings.ReplaceAll(Normalise(s), " ", "") }
