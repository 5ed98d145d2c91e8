package views

import (
	"context"
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// DefaultExitURL is where the quick-exit link leaves for unless the
// operator sets another neutral site.
const DefaultExitURL = "https://www.wikipedia.org/"

// ExitTarget is the neutral site the quick-exit link leaves for.
func (p *Page) ExitTarget() string {
	if p == nil || p.ExitURL == "" {
		return DefaultExitURL
	}
	return p.ExitURL
}

// Contact is how to reach the CCF outside the portal, as the operator
// configures it: these are the operator's data, shown as given.
type Contact struct {
	Postal []string // the postal address, one line each
	Email  string
	Phone  string
	Web    string // an https:// address
}

// Configured reports whether any channel is set.
func (c Contact) Configured() bool {
	return len(c.Postal) > 0 || c.Email != "" || c.Phone != "" || c.Web != ""
}

// PostalLines splits a configured address into its lines: the operator
// writes them separated by "|" or by new lines, as a flag cannot easily
// hold a line break.
func PostalLines(s string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == '|' || r == '\n' }) {
		if line := strings.TrimSpace(part); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// SortedTerms orders glossary entries by their term as the page's
// language sorts words, so each language's glossary reads alphabetically.
func SortedTerms(ctx context.Context, items []string) []string {
	out := slices.Clone(items)
	coll := collate.New(language.Make(Locale(ctx).Tag))
	slices.SortStableFunc(out, func(a, b string) int {
		return coll.CompareString(T(ctx, a+".term"), T(ctx, b+".term"))
	})
	return out
}
