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

	"github.com/ccf-portal/ccfportal/db/domain"
)

var keyShape = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z0-9_-]*[a-z0-9])+$`)
var quoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// TestEveryKeyInTheCodeIsInTheEnglishCatalog finds every string literal in
// the project that looks like a message key of a known namespace and checks
// the English catalog has it, so no page ever shows a raw key.
func TestEveryKeyInTheCodeIsInTheEnglishCatalog(t *testing.T) {
	en := Get(DefaultTag)
	namespaces := map[string]bool{}
	for key := range en.entries {
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

// TestEveryDocumentTypeHasALabel checks the one list of document types
// against the catalog: pages name a document's type by "doctype."+type, a
// key the scan above cannot see.
func TestEveryDocumentTypeHasALabel(t *testing.T) {
	en := Get(DefaultTag)
	for _, dt := range domain.DocTypes {
		assert.True(t, en.Has("doctype."+string(dt)), "doctype.%s", dt)
	}
}

func TestEveryCatalogHasADirectionAndName(t *testing.T) {
	for _, l := range Available() {
		assert.Contains(t, []string{"ltr", "rtl"}, l.Dir, l.Tag)
		assert.NotEmpty(t, l.Name, l.Tag)
	}
	assert.Equal(t, DefaultTag, Available()[0].Tag)
}

func TestEachLanguageIsNamedInItselfAndArabicReadsRightToLeft(t *testing.T) {
	want := map[string]string{"ar": "العربية", "en": "English", "fr": "Français", "es": "Español"}
	for tag, name := range want {
		require.True(t, Supported(tag), tag)
		assert.Equal(t, name, Get(tag).Name, tag)
		assert.Equal(t, map[bool]string{true: "rtl", false: "ltr"}[tag == "ar"], Get(tag).Dir, tag)
	}
}

func TestChooseRanksSessionThenAccountThenHeaderThenEnglish(t *testing.T) {
	assert.Equal(t, "en", Choose("").Tag)
	assert.Equal(t, "en", Choose("zz-ZZ", "xx").Tag, "unknown falls back to English")
	assert.Equal(t, "en", Choose("en-GB,en;q=0.8").Tag)
	assert.Equal(t, "fr", Choose("fr-CA,en;q=0.5").Tag, "a regional variant finds its language")
	assert.Equal(t, "es", Choose("de,es-419;q=0.8").Tag)
	assert.Equal(t, "ar", Choose("ar-EG").Tag)
	assert.Equal(t, "es", Choose("ar", "", "es").Tag, "an empty session choice lets the account's decide")
	assert.Equal(t, "fr", Choose("ar", "fr", "es").Tag, "the session's choice wins")
	assert.Equal(t, "ar", Choose("ar", "xx", "").Tag, "an unknown choice is ignored")
}

func TestTranslateFormatsArgumentsAndFallsBack(t *testing.T) {
	ctx := WithLocale(context.Background(), Get("en"))
	assert.Equal(t, "Password must be at least 12 characters", T(ctx, "password.too_short", 12))
	assert.Equal(t, "Password must be at least 1 character", T(ctx, "password.too_short", 1))
	assert.Equal(t, "You have completed 1 of 1 section.", T(ctx, "tasks.progress", 1, 1))
	assert.Equal(t, "You have completed 1 of 6 sections.", T(ctx, "tasks.progress", 1, 6))
	assert.Equal(t, "no.such.key", T(ctx, "no.such.key"))
	assert.Equal(t, "en", FromContext(context.Background()).Tag)
}

func TestNumbersAreWrittenTheLanguagesWay(t *testing.T) {
	assert.Equal(t, "1,500 bytes", Get("en").T("size.bytes", 1500))
	assert.Equal(t, "2.5 MB", Get("en").T("size.megabytes", 2.5))
	assert.Equal(t, "2,5 Mo", Get("fr").T("size.megabytes", 2.5))
	assert.Equal(t, "1.5 ميغابايت", Get("ar").T("size.megabytes", 1.5), "Western digits on Arabic pages")
	assert.NotContains(t, Get("ar").T("size.bytes", 7), "٧")
}
