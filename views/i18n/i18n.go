// Package i18n is the translation layer: every string a person reads comes
// from a message catalog here, looked up by key in the request's locale.
//
// Catalogs are JSON files, locales/<tag>.json and part files
// locales/<tag>.<part>.json, each {"dir", "name", "messages"}. A message is a
// string with fmt verbs (%s, %d, %[2]s), or, for a message that counts
// something, a plural object {"arg": N, "one": "...", "other": "..."}: N is
// the 1-based index of the argument that selects the form, and the other
// keys are the CLDR plural categories of the language (Arabic has six).
//
// Forms are chosen by github.com/nicksnyder/go-i18n, whose plural rules
// follow current CLDR; golang.org/x/text's rules are from CLDR 32, which
// predates the "many" category of French and Spanish. The chosen format is
// then written out by a golang.org/x/text/message printer, so numbers are
// grouped the way each language writes them (1,000 / 1 000 / 1.000).
package i18n

import (
	"context"
	"embed"
	"errors"
	"log/slog"
	"sync"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/nicksnyder/go-i18n/v2/i18n/template"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

//go:embed locales/*.json
var localeFiles embed.FS

// Locale is one language the portal speaks.
type Locale struct {
	Tag  string // BCP 47, as used in <html lang>
	Dir  string // "ltr" or "rtl"
	Name string // the language's name in itself, for the switcher

	entries   map[string]entry
	c         *catalogs // the catalogs this locale belongs to
	localizer *goi18n.Localizer
	printer   *message.Printer
	formats   sync.Map // key -> format of a message without plural forms, once looked up
}

// DefaultTag is the language used when nothing better matches, and the
// catalog every other one falls back to key by key.
const DefaultTag = "en"

// Has reports whether key exists in this locale or the default catalog.
func (l *Locale) Has(key string) bool {
	if _, ok := l.entries[key]; ok {
		return true
	}
	_, ok := l.c.locales[DefaultTag].entries[key]
	return ok
}

// T translates key, formatting args into the message with fmt verbs
// (translators may reorder them with %[2]s). A plural message picks its
// form by the CLDR rules of the language from the argument it names. A
// missing key falls back to the default catalog, then to the key itself,
// and is logged (the key only: never the arguments, which may be personal).
func (l *Locale) T(key string, args ...any) string {
	// Looking a message up through go-i18n matches the language and walks
	// the fallbacks every time: a page asks for a hundred messages, so a
	// message's format, fixed once the catalogs are loaded, is kept. Plural
	// messages depend on the count and are looked up each time.
	n := l.c.pluralArg[key]
	if n == 0 {
		if f, ok := l.formats.Load(key); ok {
			return l.sprintf(f.(string), args)
		}
	}
	cfg := &goi18n.LocalizeConfig{MessageID: key, TemplateParser: template.IdentityParser{}}
	if n > 0 && n <= len(args) {
		cfg.PluralCount = args[n-1]
	}
	format, err := l.localizer.Localize(cfg)
	if err != nil {
		var notFound *goi18n.MessageNotFoundErr
		if !errors.As(err, &notFound) {
			slog.Warn("translation failed", "key", key, "locale", l.Tag, "error", err.Error())
		} else {
			slog.Warn("missing translation", "key", key, "locale", l.Tag)
		}
		if format == "" {
			return key
		}
	}
	if n == 0 && err == nil {
		l.formats.Store(key, format)
	}
	return l.sprintf(format, args)
}

func (l *Locale) sprintf(format string, args []any) string {
	if len(args) == 0 {
		return format
	}
	return l.printer.Sprintf(format, args...)
}

// newPrinter writes numbers the way the language does. Arabic pages use
// Western digits (0-9), as the Maghreb and most international bodies'
// Arabic pages do, so that counts match the dates and reference numbers
// beside them, which are always written with them.
func newPrinter(tag string) *message.Printer {
	t := language.MustParse(tag)
	if tag == "ar" {
		t = language.MustParse("ar-u-nu-latn")
	}
	// An empty catalog: formats are looked up by go-i18n, never here.
	return message.NewPrinter(t, message.Catalog(catalog.NewBuilder()))
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
