package views

import (
	"context"
	"strconv"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// earlierCaseOptions lists filed requests by reference, kind and person.
func earlierCaseOptions(ctx context.Context, filed []domain.Request) []SelectOption {
	out := make([]SelectOption, 0, len(filed))
	for _, r := range filed {
		out = append(out, SelectOption{Value: strconv.FormatInt(r.ID, 10),
			Label: r.Reference + " – " + T(ctx, "kind."+string(r.Kind)) + " – " + r.ApplicantName})
	}
	return out
}

// groundTitle is a ground's short name.
func groundTitle(ctx context.Context, g domain.GroundCode) string {
	return T(ctx, "ground."+string(g)+".title")
}

// GroundPath is the page explaining one chosen ground.
func GroundPath(r domain.Request, g domain.GroundCode) string {
	return RequestPath(r) + "/grounds/" + string(g)
}

// groundOptions are the chosen grounds as checkboxes for linking evidence.
func groundOptions(grounds []domain.Ground) []Option {
	out := make([]Option, 0, len(grounds))
	for _, g := range grounds {
		out = append(out, Option{Value: string(g.Code), LabelKey: "ground." + string(g.Code) + ".title"})
	}
	return out
}

// documentOptions lists a filing's documents, for choosing what a
// translation translates.
func documentOptions(docs []domain.Document) []SelectOption {
	out := make([]SelectOption, 0, len(docs))
	for _, d := range docs {
		if d.Type != domain.DocTranslation {
			out = append(out, SelectOption{Value: strconv.FormatInt(d.ID, 10), Label: d.Name})
		}
	}
	return out
}

// evidenceTypeHints are the document types that usually prove a ground,
// named in the reader's language.
func evidenceTypeHints(ctx context.Context, g domain.GroundInfo) string {
	out := ""
	for i, t := range g.Evidence {
		if i > 0 {
			out += ", "
		}
		out += T(ctx, "doctype."+string(t))
	}
	return out
}

// groundsOf names the grounds a document supports.
func groundsOf(ctx context.Context, f domain.Filing, d domain.Document) string {
	out := ""
	for i, g := range f.DocGrounds[d.ID] {
		if i > 0 {
			out += ", "
		}
		out += groundTitle(ctx, g)
	}
	return out
}

// itemAnswerText shows one field of a data item.
func itemAnswerText(ctx context.Context, r domain.Request, it domain.DataItem, field domain.FieldSpec) string {
	return AnswerText(ctx, field, it.Answers()[field.Name])
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func checkboxID(name string, i int) string { return radioID(name, i) }

// identityDocuments are the documents that are not evidence: identity,
// authorisation and other supporting papers.
func identityDocuments(docs []domain.Document) []domain.Document {
	var out []domain.Document
	for _, d := range docs {
		if !d.IsEvidence() {
			out = append(out, d)
		}
	}
	return out
}

// kindLabel names what a request asks for, "Deletion request (with
// access)" for a combined filing.
func kindLabel(ctx context.Context, r domain.Request) string {
	label := T(ctx, "kind."+string(r.Kind))
	if r.AlsoAccess {
		label += " " + T(ctx, "kind.with_access")
	}
	return label
}

// linkedLabel is a linked request's reference, or "draft" before filing.
func linkedLabel(ctx context.Context, r domain.Request) string {
	if r.Reference != "" {
		return r.Reference
	}
	return T(ctx, "dashboard.draft_link")
}

// linkRelation says how l relates to the case being viewed.
func linkRelation(ctx context.Context, viewed, l domain.Request) string {
	if l.ID == viewed.ParentID {
		switch viewed.Kind {
		case domain.KindProvisional:
			return T(ctx, "case.link.urgent_for")
		case domain.KindRevision:
			return T(ctx, "case.link.revises")
		}
		if viewed.Answers["follow_up"] == "reissued" {
			return T(ctx, "case.link.reissued_after")
		}
		return T(ctx, "case.link.follows")
	}
	switch {
	case l.Kind == domain.KindProvisional:
		return T(ctx, "case.link.urgent_request")
	case l.Kind == domain.KindRevision:
		return T(ctx, "case.link.revision_request")
	case l.Answers["follow_up"] == "reissued":
		return T(ctx, "case.link.reissued_later")
	}
	return T(ctx, "case.link.followed_by")
}

// caseLabel names a case by its reference and kind.
func caseLabel(ctx context.Context, r domain.Request) string {
	if r.Reference == "" {
		return kindLabel(ctx, r)
	}
	return r.Reference + " – " + kindLabel(ctx, r)
}
