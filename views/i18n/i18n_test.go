package i18n

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var keyShape = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z0-9_-]*[a-z0-9])+$`)
var quoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// TestEveryKeyInTheCodeIsInTheEnglishCatalog finds every string literal in
// the project that looks like a message key of a known namespace and checks
// the English catalog has it, so no page ever shows a raw key.
func TestEveryKeyInTheCodeIsInTheEnglishCatalog(t *testing.T) {
	en := Get(DefaultTag)
	namespaces := map[string]bool{}
	for key := range en.messages {
		ns, _, _ := strings.Cut(key, ".")
		namespaces[ns] = true
	}
	root := filepath.Join("..", "..")
	var missing []string
	checked := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || strings.HasSuffix(path, "_templ.go") || strings.HasSuffix(path, "_test.go") ||
			!(strings.HasSuffix(path, ".go") || strings.HasSuffix(path, ".templ")) {
			return nil
		}
		body, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, lit := range quoted.FindAllString(string(body), -1) {
			s, err := strconv.Unquote(lit)
			if err != nil || !keyShape.MatchString(s) {
				continue
			}
			ns, _, _ := strings.Cut(s, ".")
			if !namespaces[ns] {
				continue
			}
			checked++
			if !en.Has(s) {
				missing = append(missing, path+": "+s)
			}
		}
		return nil
	})
	require.NoError(t, err)
	assert.Greater(t, checked, 50, "the scan found the keys")
	assert.Empty(t, missing)
}

func TestEveryCatalogHasADirectionAndName(t *testing.T) {
	for _, l := range Available() {
		assert.Contains(t, []string{"ltr", "rtl"}, l.Dir, l.Tag)
		assert.NotEmpty(t, l.Name, l.Tag)
	}
	assert.Equal(t, DefaultTag, Available()[0].Tag)
}

func TestMatchPrefersExplicitChoiceThenHeader(t *testing.T) {
	assert.Equal(t, "en", Match("", "").Tag)
	assert.Equal(t, "en", Match("xx", "zz-ZZ").Tag, "unknown falls back to English")
	assert.Equal(t, "en", Match("", "en-GB,en;q=0.8").Tag)
	assert.Equal(t, "en", Match("en", "de").Tag)
}

func TestTranslateFormatsArgumentsAndFallsBack(t *testing.T) {
	ctx := WithLocale(context.Background(), Get("en"))
	assert.Equal(t, "Password must be at least 12 characters", T(ctx, "password.too_short", 12))
	assert.Equal(t, "no.such.key", T(ctx, "no.such.key"))
	assert.Equal(t, "en", FromContext(context.Background()).Tag)
}

func TestMainCatalogsLoadBeforeTheirParts(t *testing.T) {
	files := []string{"locales/fr.staff.json", "locales/en.files.json", "locales/fr.json", "locales/en.staff.json", "locales/en.json"}
	sortCatalogFiles(files)
	assert.Equal(t, []string{"locales/en.json", "locales/fr.json", "locales/en.files.json", "locales/en.staff.json", "locales/fr.staff.json"}, files)
	assert.Equal(t, "Contains JavaScript", T(WithLocale(context.Background(), Get("en")), "filewarning.pdf_javascript"), "a part sorting before its main catalog is loaded")
}
