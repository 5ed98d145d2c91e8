package i18n

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/nicksnyder/go-i18n/v2/i18n/template"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
)

// requiredTags are the CCF's working languages: the portal speaks each of
// them in full.
var requiredTags = []string{"ar", "en", "fr", "es"}

// categories are the CLDR integer plural categories of each language.
var categories = map[string][]string{
	"en": {"one", "other"},
	"fr": {"one", "many", "other"},
	"es": {"one", "many", "other"},
	"ar": {"zero", "one", "two", "few", "many", "other"},
}

// TestEveryLanguageHasItsMainCatalog fails while a language's translation
// has not been delivered: part files alone do not make a language.
func TestEveryLanguageHasItsMainCatalog(t *testing.T) {
	for _, tag := range requiredTags {
		_, err := fs.Stat(localeFiles, "locales/"+tag+".json")
		assert.NoError(t, err, "locales/%s.json: the main catalog of %s", tag, tag)
		_, err = fs.Stat(localeFiles, "locales/"+tag+".staff.json")
		assert.NoError(t, err, "locales/%s.staff.json: the staff desk's catalog of %s", tag, tag)
		assert.True(t, Supported(tag), tag)
	}
}

// TestEveryCatalogIsComplete checks each language against English: every
// key, no key English lacks, the same placeholders, and for each message
// that counts something exactly the plural forms of the language.
func TestEveryCatalogIsComplete(t *testing.T) {
	en := Get(DefaultTag)
	for _, tag := range requiredTags {
		t.Run(tag, func(t *testing.T) {
			l, ok := cat().locales[tag]
			require.True(t, ok, "no catalog for %s", tag)
			var problems []string
			for key, want := range en.entries {
				got, ok := l.entries[key]
				if !ok {
					problems = append(problems, "missing "+key)
					continue
				}
				problems = append(problems, compareEntry(tag, key, want, got)...)
			}
			for key := range l.entries {
				if _, ok := en.entries[key]; !ok {
					problems = append(problems, "not in English: "+key)
				}
			}
			sort.Strings(problems)
			if len(problems) > 30 {
				problems = append(problems[:30], fmt.Sprintf("... and %d more", len(problems)-30))
			}
			assert.Empty(t, problems, "%s: %d of %d English keys translated", tag, len(l.entries), len(en.entries))
		})
	}
}

// compareEntry lists what is wrong with a translation of key.
func compareEntry(tag, key string, want, got entry) []string {
	var out []string
	if want.forms == nil {
		if got.forms != nil {
			return []string{key + ": a plain message, not a plural one"}
		}
		if !slices.Equal(verbSet(got.text), verbSet(want.text)) {
			out = append(out, fmt.Sprintf("%s: placeholders %v, English has %v", key, verbSet(got.text), verbSet(want.text)))
		}
		return out
	}
	if got.forms == nil {
		return []string{key + ": needs plural forms"}
	}
	if got.arg != want.arg {
		out = append(out, fmt.Sprintf("%s: arg %d, English counts argument %d", key, got.arg, want.arg))
	}
	var forms []string
	for f := range got.forms {
		forms = append(forms, f)
	}
	if !sameSet(forms, categories[tag]) {
		out = append(out, fmt.Sprintf("%s: forms %v, %s needs %v", key, sorted(forms), tag, categories[tag]))
	}
	wantVerbs := verbSet(want.forms["other"])
	for f, text := range got.forms {
		have := verbSet(text)
		if slices.Equal(have, wantVerbs) {
			continue
		}
		// zero, one and two may name the number in words ("ساعتان"),
		// leaving out the counted argument but no other.
		if slices.Contains([]string{"zero", "one", "two"}, f) && slices.Equal(have, without(wantVerbs, want.arg)) {
			continue
		}
		out = append(out, fmt.Sprintf("%s[%s]: placeholders %v, English has %v", key, f, have, wantVerbs))
	}
	return out
}

// verbSet is a message's placeholders as "argument:letter", sorted, so a
// translation may reorder them but not drop, add or change one.
func verbSet(s string) []string {
	var out []string
	for _, v := range Verbs(s) {
		out = append(out, fmt.Sprintf("%d:%c", v.Arg, v.Letter))
	}
	sort.Strings(out)
	return out
}

func without(set []string, arg int) []string {
	return slices.DeleteFunc(slices.Clone(set), func(s string) bool { return strings.HasPrefix(s, fmt.Sprint(arg)+":") })
}

func sameSet(a, b []string) bool { return slices.Equal(sorted(a), sorted(b)) }

func sorted(a []string) []string { a = slices.Clone(a); sort.Strings(a); return a }

// TestNoMessageIsLeftInEnglish flags a translation identical to the
// English text, unless it is listed in testdata/same_as_english.json
// (proper names, shared abbreviations) or has no words at all.
func TestNoMessageIsLeftInEnglish(t *testing.T) {
	body, err := os.ReadFile("testdata/same_as_english.json")
	require.NoError(t, err)
	var allowed map[string]any
	require.NoError(t, json.Unmarshal(body, &allowed))
	en := Get(DefaultTag)
	for _, tag := range requiredTags {
		if tag == DefaultTag {
			continue
		}
		ok := map[string]bool{}
		if list, _ := allowed[tag].([]any); list != nil {
			for _, k := range list {
				ok[k.(string)] = true
			}
		}
		l := Get(tag)
		var same []string
		for key, e := range l.entries {
			want, inEnglish := en.entries[key]
			if !inEnglish || ok[key] {
				continue
			}
			for form, text := range e.all() {
				if text == want.all()[form] && hasWords(text) {
					same = append(same, key)
					break
				}
			}
		}
		sort.Strings(same)
		assert.Empty(t, same, "%s: these read exactly as in English", tag)
	}
}

// all is every text of an entry by form ("" for a plain message).
func (e entry) all() map[string]string {
	if e.forms == nil {
		return map[string]string{"": e.text}
	}
	return e.forms
}

// hasWords reports whether s holds a word once its placeholders are gone.
func hasWords(s string) bool {
	s = verbPattern.ReplaceAllString(s, "")
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
			if n >= 2 {
				return true
			}
		} else {
			n = 0
		}
	}
	return false
}

// TestPluralCategoriesAreTheLibrarysRules checks the categories asked of
// translators against the CLDR rules go-i18n applies: over the counts the
// portal shows, each language uses exactly its categories.
func TestPluralCategoriesAreTheLibrarysRules(t *testing.T) {
	for tag, want := range categories {
		b := goi18n.NewBundle(language.English)
		m := &goi18n.Message{ID: "k", Zero: "zero", One: "one", Two: "two", Few: "few", Many: "many", Other: "other"}
		require.NoError(t, b.AddMessages(language.MustParse(tag), m))
		loc := goi18n.NewLocalizer(b, tag)
		seen := map[string]bool{}
		for _, n := range append(seq(0, 250), 1_000_000, 2_000_000) {
			form, err := loc.Localize(&goi18n.LocalizeConfig{MessageID: "k", PluralCount: n, TemplateParser: template.IdentityParser{}})
			require.NoError(t, err)
			seen[form] = true
		}
		var got []string
		for f := range seen {
			got = append(got, f)
		}
		assert.True(t, sameSet(got, want), "%s: go-i18n uses %v, translators are asked for %v", tag, sorted(got), want)
	}
}

func seq(from, to int) []int {
	var out []int
	for i := from; i <= to; i++ {
		out = append(out, i)
	}
	return out
}

// TestArabicFormsWithoutTheNumberRenderCleanly: an Arabic dual or
// singular that names the number in words leaves out its %d; neither that
// nor the other arguments may come out wrong.
func TestArabicFormsWithoutTheNumberRenderCleanly(t *testing.T) {
	c := load(fstest.MapFS{
		"locales/en.json": {Data: []byte(`{"dir":"ltr","name":"English","messages":{
			"h": {"arg": 1, "one": "%d hour left", "other": "%d hours left"},
			"p": {"arg": 2, "one": "%d of %d section", "other": "%d of %d sections"}}}`)},
		"locales/ar.json": {Data: []byte(`{"dir":"rtl","name":"العربية","messages":{
			"h": {"arg": 1, "zero": "لم تبق أي ساعة", "one": "بقيت ساعة واحدة", "two": "بقيت ساعتان", "few": "بقيت %d ساعات", "many": "بقيت %d ساعة", "other": "بقيت %d ساعة"},
			"p": {"arg": 2, "zero": "%d من %d قسم", "one": "%d من قسم واحد", "two": "%d من قسمين", "few": "%d من %d أقسام", "many": "%d من %d قسمًا", "other": "%d من %d قسم"}}}`)},
	})
	ar := c.locales["ar"]
	cases := map[string][]any{
		"لم تبق أي ساعة": {"h", 0}, "بقيت ساعة واحدة": {"h", 1}, "بقيت ساعتان": {"h", 2},
		"بقيت 3 ساعات": {"h", 3}, "بقيت 11 ساعة": {"h", 11}, "بقيت 100 ساعة": {"h", 100},
		"1 من قسمين": {"p", 1, 2}, "0 من قسم واحد": {"p", 0, 1}, "2 من 5 أقسام": {"p", 2, 5},
	}
	for want, call := range cases {
		got := ar.T(call[0].(string), call[1:]...)
		assert.Equal(t, want, got)
		assert.NotContains(t, got, "%!")
	}
	assert.Equal(t, "1 of 2 sections", c.locales["en"].T("p", 1, 2))
}

func TestAMissingTranslationFallsBackToEnglishByKey(t *testing.T) {
	c := load(fstest.MapFS{
		"locales/en.json":      {Data: []byte(`{"dir":"ltr","name":"English","messages":{"a":"Apply","n":{"arg":1,"one":"%d day","other":"%d days"}}}`)},
		"locales/fr.json":      {Data: []byte(`{"dir":"ltr","name":"Français","messages":{}}`)},
		"locales/fr.more.json": {Data: []byte(`{"messages":{"b":"Bonjour"}}`)},
	})
	fr := c.locales["fr"]
	assert.Equal(t, "Apply", fr.T("a"))
	assert.Equal(t, "1 day", fr.T("n", 1))
	assert.Equal(t, "3 days", fr.T("n", 3))
	assert.Equal(t, "Bonjour", fr.T("b"))
	assert.Equal(t, "zz", fr.T("zz"))
}

func TestAKeyDefinedTwiceStopsTheStart(t *testing.T) {
	assert.Panics(t, func() {
		load(fstest.MapFS{
			"locales/en.json":   {Data: []byte(`{"dir":"ltr","name":"English","messages":{"a":"A"}}`)},
			"locales/en.x.json": {Data: []byte(`{"messages":{"a":"A again"}}`)},
		})
	})
	assert.Panics(t, func() {
		load(fstest.MapFS{"locales/en.json": {Data: []byte(`{"dir":"ltr","name":"English","messages":{"a":{"one":"no arg"}}}`)}})
	})
}

// TestAMessageOutsideMessagesStopsTheStart: a key written beside
// "messages" instead of inside it would silently never be shown.
func TestAMessageOutsideMessagesStopsTheStart(t *testing.T) {
	assert.Panics(t, func() {
		load(fstest.MapFS{
			"locales/en.json": {Data: []byte(`{"dir":"ltr","name":"English","messages":{"a":"A"},"b":"B"}`)},
		})
	})
}
