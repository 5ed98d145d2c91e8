package views

import (
	"context"
	"strconv"
	"time"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/paper"
)

// Addresses of the pages for cases received outside the portal.
const (
	// PaperImportPath is the secretariat's form that imports such a case.
	PaperImportPath = "/staff/paper"
	// RedeemPath is where a petitioner or counsel enters an invitation code.
	RedeemPath = "/invitation"
)

// InvitationsPath is where staff create invitations on an imported case.
func InvitationsPath(requestID int64) string { return StaffCasePath(requestID) + "/invitations" }

// InvitationRevokePath revokes one invitation.
func InvitationRevokePath(requestID, id int64) string {
	return InvitationsPath(requestID) + "/" + strconv.FormatInt(id, 10) + "/revoke"
}

// PaperPanel is what the staff case page shows of an imported case: how
// and when it came, and its invitations.
type PaperPanel struct {
	RequestID   int64
	Channel     paper.Channel
	ReceivedOn  string
	ImportedBy  string
	Invitations []paper.Invitation
	Now         time.Time
}

type paperPanelKey struct{}

// WithPaperPanel carries an imported case's panel to the staff case page,
// which reads it with paperPanelFrom: the page's own handler knows nothing
// of imports.
func WithPaperPanel(ctx context.Context, p *PaperPanel) context.Context {
	return context.WithValue(ctx, paperPanelKey{}, p)
}

func paperPanelFrom(ctx context.Context) *PaperPanel {
	p, _ := ctx.Value(paperPanelKey{}).(*PaperPanel)
	return p
}

// PaperImportView is the import form.
type PaperImportView struct {
	Form    Form
	MaxUpMB int64
}

// PaperCodeView shows a new invitation's code, once.
type PaperCodeView struct {
	Request   domain.Request
	Code      string
	For       paper.Invitee
	ExpiresAt time.Time
}

// channelOptions are the channels as radio buttons.
func channelOptions() []Option {
	out := make([]Option, len(paper.Channels))
	for i, c := range paper.Channels {
		out[i] = Option{Value: string(c), LabelKey: "paper.channel." + string(c)}
	}
	return out
}

// paperKindOptions are the request kinds an import may have.
func paperKindOptions() []Option {
	out := make([]Option, len(paper.Kinds))
	for i, k := range paper.Kinds {
		out[i] = Option{Value: string(k), LabelKey: "kind." + string(k)}
	}
	return out
}

// languageOptions are the working languages, named as on filings.
func paperLanguageOptions(ctx context.Context) []SelectOption {
	out := make([]SelectOption, len(domain.WorkingLangs))
	for i, l := range domain.WorkingLangs {
		out[i] = SelectOption{Value: l, Label: T(ctx, "option.language."+l)}
	}
	return out
}

// paperDocTypeOptions are the types an imported document may have.
func paperDocTypeOptions(ctx context.Context) []SelectOption {
	out := make([]SelectOption, len(paper.DocTypes))
	for i, t := range paper.DocTypes {
		out[i] = SelectOption{Value: string(t), Label: T(ctx, "doctype."+string(t))}
	}
	return out
}

// nationalityOptions are the states whose nationality people hold.
func paperNationalityOptions(ctx context.Context) []SelectOption {
	return countryOptions(ctx, nationalities)
}

// paperDocSlots numbers the document inputs of the import form.
func paperDocSlots() []int {
	out := make([]int, paper.MaxDocuments)
	for i := range out {
		out[i] = i
	}
	return out
}

// invitationTag is the tag colour of an invitation's state.
func invitationTag(s paper.State) string {
	switch s {
	case paper.Pending:
		return "tag tag-blue"
	case paper.Redeemed:
		return "tag tag-green"
	}
	return "tag tag-grey"
}
