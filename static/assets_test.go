package static

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAHashedNameChangesWithTheContentAndKeepsTheExtension(t *testing.T) {
	a := hashedName("app.css", []byte("body { color: black }"))
	assert.Equal(t, a, hashedName("app.css", []byte("body { color: black }")), "the same content, the same name")
	assert.NotEqual(t, a, hashedName("app.css", []byte("body { color: navy }")))
	assert.True(t, strings.HasPrefix(a, "app."))
	assert.True(t, strings.HasSuffix(a, ".css"))
	assert.Len(t, a, len("app..css")+hashLen)
}

func TestEveryEmbeddedFileHasAPathAndUnknownNamesKeepTheirs(t *testing.T) {
	for _, name := range []string{"app.css", "exit.js", "favicon.svg"} {
		p := Path("/static/" + name)
		require.NotEqual(t, "/static/"+name, p, name)
		a := Assets[strings.TrimPrefix(p, "/static/")]
		require.NotNil(t, a, name)
		assert.Equal(t, name, a.Name)
	}
	assert.Equal(t, "/static/missing.css", Path("/static/missing.css"))
	assert.NotNil(t, Assets[strings.TrimPrefix(Path("/static/app.css"), "/static/")].Gzip, "the stylesheet is compressed")
	assert.Nil(t, Assets[strings.TrimPrefix(Path("/static/favicon.svg"), "/static/")].Gzip, "too small to gain")
}
