// Package i18n is the translation layer: every string a person reads comes
// from a message catalog here, looked up by key in the request's locale.
package i18n

import (
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"log/slog"
	"path"
	"sort"
	"strings"
	"sync"

	"golang.org/x/text/language"
)

//go:embed locales/*.json
var localeFiles embed.FS

// Locale is one language the portal speaks.
type Locale struct {
	Tag      string // BCP 47, as used in <html lang>
	Dir      string // "ltr" or "rtl"
	Name     string // the language's name in itself, for the switcher
	messages map[string]string
}

// DefaultTag is the language used when nothing better matches, and the
// catalog every other one falls back to key by key.
const DefaultTag = "en"

var (
	loadOnce sync.Once
	locales  map[string]*Locale
	tags     []language.Tag
	names    []string
	matcher  language.Matcher
)

// catalogFile is the shape of a locales/*.json file.
type catalogFile struct {
	Dir      string            `json:"dir"`
	Name     string            `json:"name"`
	Messages map[string]string `json:"messages"`
}

// load reads every catalog. A locale is defined by locales/<tag>.json (its
// direction, name and messages); files named locales/<tag>.<part>.json add
// more messages to it, so each part of the portal keeps its own strings. A
// key defined twice is a programming error.
func load() {
	locales = map[string]*Locale{}
	files, err := fs.Glob(localeFiles, "locales/*.json")
	if err != nil {
		panic(err)
	}
	sortCatalogFiles(files)
	for _, f := range files {
		body, err := fs.ReadFile(localeFiles, f)
		if err != nil {
			panic(err)
		}
		var cat catalogFile
		if err := json.Unmarshal(body, &cat); err != nil {
			panic(fmt.Sprintf("i18n: %s: %v", f, err))
		}
		addCatalog(f, cat)
	}
	// The default must come first: the matcher falls back to the first tag.
	names = append(names, DefaultTag)
	for tag := range locales {
		if tag != DefaultTag {
			names = append(names, tag)
		}
	}
	sort.Strings(names[1:])
	for _, n := range names {
		tags = append(tags, language.MustParse(n))
	}
	matcher = language.NewMatcher(tags)
}

// sortCatalogFiles puts each main catalog before every part file, then
// the rest by name: by name alone "en.files.json" would come before
// "en.json" ('f' < 'j').
func sortCatalogFiles(files []string) {
	isPart := func(f string) bool { return strings.Count(path.Base(f), ".") > 1 }
	sort.Slice(files, func(i, j int) bool {
		if pi, pj := isPart(files[i]), isPart(files[j]); pi != pj {
			return !pi
		}
		return files[i] < files[j]
	})
}

func addCatalog(file string, cat catalogFile) {
	tag, _, isPart := strings.Cut(strings.TrimSuffix(path.Base(file), ".json"), ".")
	l, ok := locales[tag]
	if !ok {
		if isPart {
			panic(fmt.Sprintf("i18n: %s has no main catalog %s.json", file, tag))
		}
		l = &Locale{Tag: tag, Dir: cat.Dir, Name: cat.Name, messages: map[string]string{}}
		locales[tag] = l
	}
	for k, v := range cat.Messages {
		if _, dup := l.messages[k]; dup {
			panic(fmt.Sprintf("i18n: %s defines %q again", file, k))
		}
		l.messages[k] = v
	}
}

// Get returns the locale with the given tag, or the default.
func Get(tag string) *Locale {
	loadOnce.Do(load)
	if l, ok := locales[tag]; ok {
		return l
	}
	return locales[DefaultTag]
}

// Available lists the locales the portal can speak, default first.
func Available() []*Locale {
	loadOnce.Do(load)
	out := make([]*Locale, 0, len(names))
	for _, n := range names {
		out = append(out, locales[n])
	}
	return out
}

// Match picks the best locale for an explicit choice (a cookie or query
// value, which wins when valid) and then the Accept-Language header.
func Match(choice, acceptLanguage string) *Locale {
	loadOnce.Do(load)
	if l, ok := locales[choice]; ok {
		return l
	}
	prefs, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(prefs) == 0 {
		return locales[DefaultTag]
	}
	// Use the index, not the returned tag: the tag may carry extensions
	// that do not name a catalog.
	_, idx, conf := matcher.Match(prefs...)
	if conf == language.No {
		return locales[DefaultTag]
	}
	return locales[names[idx]]
}

// Has reports whether key exists in this locale or the default catalog.
func (l *Locale) Has(key string) bool {
	if _, ok := l.messages[key]; ok {
		return true
	}
	_, ok := Get(DefaultTag).messages[key]
	return ok
}

// T translates key, formatting args into the message with fmt verbs
// (translators may reorder them with %[2]s). A missing key falls back to
// the default catalog, then to the key itself, and is logged once per call.
func (l *Locale) T(key string, args ...any) string {
	msg, ok := l.messages[key]
	if !ok && l.Tag != DefaultTag {
		msg, ok = Get(DefaultTag).messages[key]
	}
	if !ok {
		slog.Warn("missing translation", "key", key, "locale", l.Tag)
		return key
	}
	if len(args) == 0 {
		return msg
	}
	return fmt.Sprintf(msg, args...)
}

type ctxKey struct{}

// WithLocale returns a context that carries l.
func WithLocale(ctx context.Context, l *Locale) context.Context {
	return context.WithValue(ctx, ctxKey{}, l)
}

// FromContext returns the locale carried by ctx, or the default.
func FromContext(ctx context.Context) *Locale {
	if l, ok := ctx.Value(ctxKey{}).(*Locale); ok && l != nil {
		return l
	}
	return Get(DefaultTag)
}

// T translates key in the locale carried by ctx.
func T(ctx context.Context, key string, args ...any) string {
	return FromContext(ctx).T(key, args...)
}
