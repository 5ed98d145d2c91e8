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
