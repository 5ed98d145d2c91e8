// Package views holds the templ components: the layout, form parts, one
// page per route and the error pages.
package views

import (
	"context"
	"strings"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/edits"
	"github.com/ccf-portal/ccfportal/db/domain/staffrole"
	"github.com/ccf-portal/ccfportal/views/i18n"
)

// Viewer is the signed-in person as the layout needs them.
type Viewer struct {
	ID   int64
	Name string
	Role domain.Role
	// Unverified marks an applicant whose address is not confirmed yet,
	// who cannot submit until it is.
	Unverified bool
	// Unread counts the applicant's unread inbox entries.
	Unread int
	// StaffRole is a staff member's role, which decides the steps offered.
	StaffRole staffrole.Role
}

// MayStep reports whether the signed-in staff member's role may take step,
// so that a page offers only the buttons of steps they may take.
func MayStep(ctx context.Context, step staffrole.Step) bool {
	v := PageFrom(ctx).Viewer
	return v != nil && v.StaffRole.May(step)
}

// Page is what every page needs besides its own data: set once per request
// by the web layer and carried in the request context.
type Page struct {
	Nonce     string        // CSP nonce for any script tag
	Viewer    *Viewer       // nil for a visitor
	Path      string        // the current path, for the language switcher
	Flash     string        // a one-time message key, shown once
	ExitURL   string        // the neutral site of the quick-exit link; "" takes DefaultExitURL
	csrfToken func() string // lazy: a visitor gets a session only when a form needs one
}

// NewPage builds the per-request page data. csrf is called only when a form
// is rendered.
func NewPage(nonce, path string, viewer *Viewer, csrf func() string) *Page {
	return &Page{Nonce: nonce, Path: path, Viewer: viewer, csrfToken: csrf}
}

// CSRFToken returns the session's form token.
func (p *Page) CSRFToken() string {
	if p == nil || p.csrfToken == nil {
		return ""
	}
	return p.csrfToken()
}

type pageKey struct{}

// WithPage returns a context carrying p.
func WithPage(ctx context.Context, p *Page) context.Context {
	return context.WithValue(ctx, pageKey{}, p)
}

// PageFrom returns the page data of the request, never nil.
func PageFrom(ctx context.Context) *Page {
	if p, ok := ctx.Value(pageKey{}).(*Page); ok && p != nil {
		return p
	}
	return &Page{}
}

// T translates key in the request's locale.
func T(ctx context.Context, key string, args ...any) string {
	return i18n.T(ctx, key, args...)
}

// Locale returns the request's locale.
func Locale(ctx context.Context) *i18n.Locale {
	return i18n.FromContext(ctx)
}

// Form carries a form's submitted values and problems back to its page.
type Form struct {
	Values map[string]string
	Errors domain.FieldErrors
	// Versions are the versions of the saved values the form starts from,
	// by field (see edits.Version); the form sends them back with its
	// values so a save never replaces an answer its author has not seen.
	Versions map[string]string
	// Conflicts are the values someone else saved while this form was being
	// filled in, by field; they are shown beside the person's own.
	Conflicts map[string]string
}

// Version returns the version of field's saved value the form started from.
func (f Form) Version(field string) string {
	if v, ok := f.Versions[field]; ok {
		return v
	}
	return edits.Version("")
}

// Conflict returns the value someone else saved in field meanwhile, if any.
func (f Form) Conflict(field string) (string, bool) {
	v, ok := f.Conflicts[field]
	return v, ok
}

// NewForm returns an empty form.
func NewForm() Form { return Form{Values: map[string]string{}} }

// Value returns the submitted value of field.
func (f Form) Value(field string) string { return f.Values[field] }

// Error returns the translated problem with field, or "".
func (f Form) Error(ctx context.Context, field string) string {
	if e, ok := f.Errors.For(field); ok {
		return Message(ctx, e.Message, e.Args...)
	}
	return ""
}

// HasError reports whether field has a problem.
func (f Form) HasError(field string) bool {
	_, ok := f.Errors.For(field)
	return ok
}

// Has reports whether a multi-valued field (values joined by commas)
// holds value.
func (f Form) Has(field, value string) bool {
	for _, v := range strings.Split(f.Values[field], ",") {
		if v == value {
			return true
		}
	}
	return false
}
