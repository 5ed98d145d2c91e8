package publish

import (
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// PageSize is how many decisions a page of /decisions lists.
const PageSize = 20

// maxQuery bounds the search text, which is read on every row.
const maxQuery = 200

// Filter is what a reader of /decisions asks for; every field is
// optional. It lives in the URL, so a search can be bookmarked and works
// without JavaScript.
type Filter struct {
	Year    int
	Kind    domain.Kind
	Ground  domain.GroundCode
	Outcome string
	Query   string // words to find in the excerpt or the session label
	Page    int    // from 1
}

// ParseFilter reads a filter from the query string, dropping what is not
// a known value rather than refusing the page.
func ParseFilter(q url.Values) Filter {
	f := Filter{Page: 1}
	if y, err := strconv.Atoi(q.Get("year")); err == nil && y >= 1980 && y <= 9999 {
		f.Year = y
	}
	switch k := domain.Kind(q.Get("kind")); k {
	case domain.KindAccess, domain.KindDeletion, domain.KindCorrection, domain.KindRevision:
		f.Kind = k
	}
	if _, ok := domain.GroundByCode(domain.GroundCode(q.Get("ground"))); ok {
		f.Ground = domain.GroundCode(q.Get("ground"))
	}
	if o := q.Get("outcome"); validOutcome(o) {
		f.Outcome = o
	}
	f.Query = strings.TrimSpace(q.Get("q"))
	if utf8.RuneCountInString(f.Query) > maxQuery {
		f.Query = string([]rune(f.Query)[:maxQuery])
	}
	if p, err := strconv.Atoi(q.Get("page")); err == nil && p > 1 {
		f.Page = p
	}
	return f
}

// validOutcome accepts the outcome codes of decisions, which are short
// snake_case words: anything else cannot match a row.
func validOutcome(o string) bool {
	if o == "" || len(o) > 40 {
		return false
	}
	for _, r := range o {
		if (r < 'a' || r > 'z') && r != '_' {
			return false
		}
	}
	return true
}

// Words are the normalised words of the search text, each of which a
// decision must contain.
func (f Filter) Words() []string { return strings.Fields(Normalise(f.Query)) }

// Offset is the first row of the filter's page.
func (f Filter) Offset() int { return (max(f.Page, 1) - 1) * PageSize }

// Values is the filter as a query string, without the page; with page
// > 1, that page.
func (f Filter) Values(page int) url.Values {
	v := url.Values{}
	if f.Year != 0 {
		v.Set("year", strconv.Itoa(f.Year))
	}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("kind", string(f.Kind))
	set("ground", string(f.Ground))
	set("outcome", f.Outcome)
	set("q", f.Query)
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	return v
}

// Page is one page of published decisions with what the filter offers.
type Page struct {
	Filter   Filter
	Items    []Publication
	Total    int
	Years    []int    // the years that have published decisions
	Outcomes []string // the outcomes that have
}

// Pages is how many pages the filter's results fill.
func (p Page) Pages() int { return (p.Total + PageSize - 1) / PageSize }

// SearchText is what the search reads for a publication: its excerpt and
// session label, normalised, between spaces so that a word is matched
// whole at either end.
func SearchText(p Input) string { return " " + Normalise(p.Session+" "+p.Excerpt) + " " }
