package static

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	cssComment = regexp.MustCompile(`(?s)/\*.*?\*/`)
	cssString  = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'`)
)

// An unclosed block swallows every rule after it (into a print or a
// small-screen query, say) without any error, so the browser silently drops
// styles: every block of every style sheet must close, at the top level
// only after it opened, and no comment may be left open.
func TestEveryStyleSheetClosesItsBlocks(t *testing.T) {
	files, err := FS.ReadDir(".")
	require.NoError(t, err)
	for _, f := range files {
		if !strings.HasSuffix(f.Name(), ".css") {
			continue
		}
		b, err := FS.ReadFile(f.Name())
		require.NoError(t, err)
		css := cssString.ReplaceAllString(cssComment.ReplaceAllString(string(b), ""), `""`)
		assert.NotContains(t, css, "/*", "%s: a comment is left open", f.Name())
		assert.NotContains(t, css, "*/", "%s: a comment closes that never opened", f.Name())
		depth, line := 0, 1
		for _, r := range css {
			switch r {
			case '\n':
				line++
			case '{':
				depth++
			case '}':
				depth--
				assert.GreaterOrEqual(t, depth, 0, "%s: a block closes that never opened (near line %d after comments)", f.Name(), line)
			}
		}
		assert.Zero(t, depth, "%s: %d block(s) never close", f.Name(), depth)
	}
}

// mediaRules returns the declarations of every rule inside the style
// sheet's top-level @media blocks whose condition is query, by selector
// (a rule with several selectors counts for each), later rules adding to
// earlier ones.
func mediaRules(t *testing.T, file, query string) map[string]string {
	t.Helper()
	b, err := FS.ReadFile(file)
	require.NoError(t, err)
	css := cssComment.ReplaceAllString(string(b), "")
	rules := map[string]string{}
	for i := 0; i < len(css); {
		open := strings.IndexByte(css[i:], '{')
		if open < 0 {
			break
		}
		prelude := strings.TrimSpace(css[i : i+open])
		body, end := block(css, i+open)
		if strings.HasPrefix(prelude, "@media") && strings.TrimSpace(strings.TrimPrefix(prelude, "@media")) == query {
			for sel, decls := range flatRules(body) {
				rules[sel] += decls + ";"
			}
		}
		i = end
	}
	return rules
}

// block returns what the block opening at css[open] holds and the index
// after its closing brace.
func block(css string, open int) (string, int) {
	depth := 0
	for j := open; j < len(css); j++ {
		switch css[j] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return css[open+1 : j], j + 1
			}
		}
	}
	return css[open+1:], len(css)
}

// flatRules splits a block's plain rules into declarations by selector,
// skipping nested at-rules (@page).
func flatRules(body string) map[string]string {
	out := map[string]string{}
	for i := 0; i < len(body); {
		open := strings.IndexByte(body[i:], '{')
		if open < 0 {
			break
		}
		prelude := strings.TrimSpace(body[i : i+open])
		decls, end := block(body, i+open)
		if !strings.HasPrefix(prelude, "@") {
			for _, sel := range strings.Split(prelude, ",") {
				out[strings.Join(strings.Fields(sel), " ")] += strings.Join(strings.Fields(decls), " ")
			}
		}
		i = end
	}
	return out
}

// A printed case page is the case, not the portal around it: the paper
// has no navigation, quick exit, footer, buttons or forms, keeps the
// print stamp (reference and date), drops the links' addresses and does
// not cut a timeline entry, a table row or a section in two.
func TestPrintedCasePageIsTheCaseOnly(t *testing.T) {
	print := mediaRules(t, "app.css", "print")
	for _, sel := range []string{".skip-link", ".quick-exit", ".language-bar", ".site-header", ".account-nav",
		".site-footer", ".case-page .back-link", ".case-page form", ".case-page button", ".case-page .button"} {
		assert.Contains(t, print[sel], "display: none", "printed, %s is hidden", sel)
	}
	assert.Contains(t, print[".case-page .print-only"], "display: block", "the print stamp is printed")
	assert.Contains(t, print[".case-page a[href]::after"], "content: none", "no link addresses on paper")
	assert.Contains(t, print[".case-page *"], "color: #000000", "black text")
	assert.Contains(t, print[".case-page"], "max-width: none", "the full width of the sheet")
	for _, sel := range []string{".case-page section", ".case-page tr", ".case-page .timeline > li"} {
		assert.Contains(t, print[sel], "break-inside: avoid", "%s is not cut across pages", sel)
	}
	screen := flatRules(cssComment.ReplaceAllString(string(must(FS.ReadFile("app.css"))), ""))
	assert.Contains(t, screen[".print-only"], "display: none", "on screen, the print stamp is hidden")
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// On a wide screen the case page's facts and next steps sit in a column
// that stays in view (sticky) and never grows taller than the screen; below
// that width the page is one column (no grid outside the query).
func TestCaseSummaryColumnStaysInViewOnWideScreens(t *testing.T) {
	wide := mediaRules(t, "app.css", "(min-width: 68.75em)")
	assert.Contains(t, wide[".case-layout"], "display: grid")
	assert.Contains(t, wide[".case-aside"], "position: sticky")
	assert.Contains(t, wide[".case-aside"], "max-height: calc(100vh")
	screen := flatRules(cssComment.ReplaceAllString(string(must(FS.ReadFile("app.css"))), ""))
	assert.NotContains(t, screen[".case-layout"], "grid", "one column below 1100 px")
}
