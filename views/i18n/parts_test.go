package i18n

import (
	"encoding/json"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var verb = regexp.MustCompile(`%(\[\d+\])?[a-z]`)

func readCatalog(t *testing.T, file string) map[string]string {
	t.Helper()
	body, err := fs.ReadFile(localeFiles, file)
	require.NoError(t, err)
	var cat catalogFile
	require.NoError(t, json.Unmarshal(body, &cat), file)
	return cat.Messages
}

// TestTranslatedOperationsMessagesMatchTheEnglish checks that each
// translation of the operations part (<tag>.ops.json) has exactly the keys
// of the English one, each with the same formatting verbs, so no message
// falls back to English or loses an argument.
func TestTranslatedOperationsMessagesMatchTheEnglish(t *testing.T) {
	files, err := fs.Glob(localeFiles, "locales/*.ops.json")
	require.NoError(t, err)
	for _, tag := range []string{"fr", "es", "ar"} {
		assert.Contains(t, files, "locales/"+tag+".ops.json", "the operations messages are translated")
	}
	for _, f := range files {
		tag, part, _ := strings.Cut(strings.TrimSuffix(path.Base(f), ".json"), ".")
		if tag == DefaultTag {
			continue
		}
		en := readCatalog(t, "locales/"+DefaultTag+"."+part+".json")
		got := readCatalog(t, f)
		for k, v := range en {
			tr, ok := got[k]
			if assert.True(t, ok, "%s lacks %s", f, k) {
				assert.ElementsMatch(t, verb.FindAllString(v, -1), verb.FindAllString(tr, -1), "%s: %s", f, k)
				assert.NotEqual(t, v, tr, "%s: %s is not translated", f, k)
			}
		}
		for k := range got {
			assert.Contains(t, en, k, "%s has %s, which English lacks", f, k)
		}
	}
}

func TestAPartWaitsForItsLanguagesMainCatalog(t *testing.T) {
	if _, err := fs.Stat(localeFiles, "locales/fr.json"); err == nil {
		t.Skip("French has its main catalog")
	}
	assert.Equal(t, DefaultTag, Get("fr").Tag, "a language with only part files is not offered yet")
	assert.True(t, Get(DefaultTag).Has("answer.conflict"), "English parts load")
}
