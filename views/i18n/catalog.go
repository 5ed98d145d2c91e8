package i18n

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// entry is one message of a catalog file: a plain string, or the forms of
// a plural message and the argument that selects among them.
type entry struct {
	text  string
	arg   int               // 1-based; 0 for a plain message
	forms map[string]string // CLDR category -> format
}

// pluralCategories are the CLDR plural categories, in CLDR's order.
var pluralCategories = []string{"zero", "one", "two", "few", "many", "other"}

func (e *entry) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, &e.text)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	e.forms = map[string]string{}
	for k, v := range raw {
		var err error
		switch {
		case k == "arg":
			err = json.Unmarshal(v, &e.arg)
		case slices.Contains(pluralCategories, k):
			var s string
			err = json.Unmarshal(v, &s)
			e.forms[k] = s
		default:
			err = fmt.Errorf("unknown plural category %q", k)
		}
		if err != nil {
			return err
		}
	}
	if e.arg < 1 || e.forms["other"] == "" {
		return fmt.Errorf(`a plural message needs "arg" (1 or more) and an "other" form`)
	}
	return nil
}

// message turns e into go-i18n's form for id.
func (e entry) message(id string) *goi18n.Message {
	if e.forms == nil {
		return &goi18n.Message{ID: id, Other: e.text}
	}
	f := e.forms
	return &goi18n.Message{ID: id, Zero: f["zero"], One: f["one"], Two: f["two"], Few: f["few"], Many: f["many"], Other: f["other"]}
}

// catalogFile is the shape of a locales/*.json file. A main file carries
// the language's direction and name; a part file may repeat them.
type catalogFile struct {
	Dir      string           `json:"dir"`
	Name     string           `json:"name"`
	Messages map[string]entry `json:"messages"`
}

// catalogs is every locale, loaded once from the embedded files.
type catalogs struct {
	locales   map[string]*Locale
	names     []string // tags, default first, then alphabetical
	matcher   language.Matcher
	pluralArg map[string]int // key -> argument selecting its form, from the default catalog
}

var (
	loadOnce sync.Once
	loaded   *catalogs
)

func cat() *catalogs {
	loadOnce.Do(func() { loaded = load(localeFiles) })
	return loaded
}

// load reads every catalog. A locale exists when any file names it; files
// named locales/<tag>.<part>.json add messages to it, so each part of the
// portal keeps its own strings. A key defined twice, or a file that does
// not parse, is a programming error and stops the program at start.
func load(files fs.FS) *catalogs {
	paths, err := fs.Glob(files, "locales/*.json")
	if err != nil {
		panic(err)
	}
	slices.Sort(paths)
	c := &catalogs{locales: map[string]*Locale{}, pluralArg: map[string]int{}}
	for _, p := range paths {
		body, err := fs.ReadFile(files, p)
		if err != nil {
			panic(err)
		}
		// A message written outside "messages" would be lost without a word:
		// unknown top-level names stop the start like a syntax error.
		var f catalogFile
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&f); err != nil {
			panic(fmt.Sprintf("i18n: %s: %v", p, err))
		}
		tag, part, _ := strings.Cut(strings.TrimSuffix(path.Base(p), ".json"), ".")
		c.add(p, tag, part == "", f)
	}
	if c.locales[DefaultTag] == nil {
		panic("i18n: no catalog for the default language " + DefaultTag)
	}
	for key, e := range c.locales[DefaultTag].entries {
		c.pluralArg[key] = e.arg
	}
	c.build()
	return c
}

// add merges file into the locale tag. The main file's direction and name
// win over a part file's, which only stand in while the main file is absent.
func (c *catalogs) add(file, tag string, main bool, f catalogFile) {
	if _, err := language.Parse(tag); err != nil {
		panic(fmt.Sprintf("i18n: %s: %q is not a language tag", file, tag))
	}
	l, ok := c.locales[tag]
	if !ok {
		l = &Locale{Tag: tag, entries: map[string]entry{}, c: c}
		c.locales[tag] = l
	}
	if main {
		l.Dir, l.Name = cmpOr(f.Dir, l.Dir), cmpOr(f.Name, l.Name)
	} else {
		l.Dir, l.Name = cmpOr(l.Dir, f.Dir), cmpOr(l.Name, f.Name)
	}
	for k, e := range f.Messages {
		if _, dup := l.entries[k]; dup {
			panic(fmt.Sprintf("i18n: %s defines %q again", file, k))
		}
		l.entries[k] = e
	}
}

// build hands the messages to go-i18n and orders the locales.
func (c *catalogs) build() {
	bundle := goi18n.NewBundle(language.MustParse(DefaultTag))
	c.names = []string{DefaultTag}
	for tag := range c.locales {
		if tag != DefaultTag {
			c.names = append(c.names, tag)
		}
	}
	slices.Sort(c.names[1:])
	tags := make([]language.Tag, 0, len(c.names))
	for _, tag := range c.names {
		l := c.locales[tag]
		if l.Dir == "" || l.Name == "" {
			panic("i18n: no file gives the direction and name of " + tag)
		}
		msgs := make([]*goi18n.Message, 0, len(l.entries))
		for k, e := range l.entries {
			msgs = append(msgs, e.withExplicitArgs(c.argCount(k)).message(k))
		}
		t := language.MustParse(tag)
		if err := bundle.AddMessages(t, msgs...); err != nil {
			panic(fmt.Sprintf("i18n: %s: %v", tag, err))
		}
		tags = append(tags, t)
	}
	for _, tag := range c.names {
		l := c.locales[tag]
		l.localizer = goi18n.NewLocalizer(bundle, tag)
		l.printer = newPrinter(tag)
	}
	c.matcher = language.NewMatcher(tags)
}

// argCount is how many arguments the code passes with key: the number of
// verbs of its English text.
func (c *catalogs) argCount(key string) int {
	e, ok := c.locales[DefaultTag].entries[key]
	if !ok {
		return 0
	}
	if e.forms == nil {
		return len(Verbs(e.text))
	}
	return len(Verbs(e.forms["other"]))
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// Get returns the locale with the given tag, or the default.
func Get(tag string) *Locale {
	c := cat()
	if l, ok := c.locales[tag]; ok {
		return l
	}
	return c.locales[DefaultTag]
}

// Available lists the locales the portal can speak, default first.
func Available() []*Locale {
	c := cat()
	out := make([]*Locale, 0, len(c.names))
	for _, n := range c.names {
		out = append(out, c.locales[n])
	}
	return out
}

// Choose picks the language of a response: the first of choices that names
// a locale (in the order the caller ranks them: the browser session's
// choice, then the account's preference), else the best match for the
// Accept-Language header, else the default.
func Choose(acceptLanguage string, choices ...string) *Locale {
	c := cat()
	for _, choice := range choices {
		if l, ok := c.locales[choice]; ok {
			return l
		}
	}
	prefs, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(prefs) == 0 {
		return c.locales[DefaultTag]
	}
	// Use the index, not the returned tag: the tag may carry extensions
	// that do not name a catalog.
	_, idx, conf := c.matcher.Match(prefs...)
	if conf == language.No {
		return c.locales[DefaultTag]
	}
	return c.locales[c.names[idx]]
}

// Supported reports whether tag names a locale the portal speaks.
func Supported(tag string) bool {
	_, ok := cat().locales[tag]
	return ok
}
