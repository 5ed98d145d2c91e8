package views

import (
	"context"
	"strconv"

	"github.com/a-h/templ"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/outcome"
	"github.com/ccf-portal/ccfportal/db/domain/publish"
	"github.com/ccf-portal/ccfportal/db/domain/staffrole"
)

// DecisionsPath is the public list of published decisions.
const DecisionsPath = "/decisions"

// StaffPublicationsPath is the staff list of publications.
const StaffPublicationsPath = "/staff/publications"

// PublicationPath is the staff address of publication id, for its actions.
func PublicationPath(id int64) string { return StaffPublicationsPath + "/" + strconv.FormatInt(id, 10) }

// mayPublish reports whether the staff case page offers to publish the
// decision: a decision on the merits, and a role that writes excerpts.
func mayPublish(ctx context.Context, v StaffCaseView) bool {
	d := v.Outcome.Decision
	return v.Request.Status == domain.StatusDecided && d != nil && !outcome.Ends(d.Outcome) &&
		MayStep(ctx, staffrole.Publish)
}

// publicationKind names a publication's kind of request.
func publicationKind(ctx context.Context, k domain.Kind) string { return T(ctx, "kind."+string(k)) }

// publicationOutcome names a decision's outcome.
func publicationOutcome(ctx context.Context, o string) string { return T(ctx, "outcome.label."+o) }

// publicationGrounds lists a publication's grounds, or says there are none.
func publicationGrounds(ctx context.Context, gs []domain.GroundCode) []string {
	if len(gs) == 0 {
		return []string{T(ctx, "publish.no_grounds")}
	}
	out := make([]string, len(gs))
	for i, g := range gs {
		out[i] = T(ctx, "ground."+string(g)+".title")
	}
	return out
}

func decisionYearOptions(p publish.Page) []SelectOption {
	out := make([]SelectOption, len(p.Years))
	for i, y := range p.Years {
		out[i] = SelectOption{Value: strconv.Itoa(y), Label: strconv.Itoa(y)}
	}
	return out
}

func decisionKindOptions(ctx context.Context) []SelectOption {
	var out []SelectOption
	for _, k := range []domain.Kind{domain.KindAccess, domain.KindDeletion, domain.KindCorrection, domain.KindRevision} {
		out = append(out, SelectOption{Value: string(k), Label: publicationKind(ctx, k)})
	}
	return out
}

func decisionGroundOptions(ctx context.Context) []SelectOption {
	out := make([]SelectOption, len(domain.Grounds))
	for i, g := range domain.Grounds {
		out[i] = SelectOption{Value: string(g.Code), Label: T(ctx, "ground."+string(g.Code)+".title")}
	}
	return out
}

func decisionOutcomeOptions(ctx context.Context, p publish.Page) []SelectOption {
	out := make([]SelectOption, len(p.Outcomes))
	for i, o := range p.Outcomes {
		out[i] = SelectOption{Value: o, Label: publicationOutcome(ctx, o)}
	}
	return out
}

// decisionsPageURL is page n of the filter's results.
func decisionsPageURL(f publish.Filter, n int) templ.SafeURL {
	q := f.Values(n).Encode()
	if q == "" {
		return templ.SafeURL(DecisionsPath)
	}
	return templ.SafeURL(DecisionsPath + "?" + q)
}
