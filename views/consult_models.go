package views

import (
	"context"

	"github.com/ccf-portal/ccfportal/db/domain/consult"
)

// ConsultView is what a consultation form needs: the case, the
// consultation it acts on (nil for a new one) and the default time for a
// reply, in days.
type ConsultView struct {
	StaffActionView
	Consultation *consult.Consultation
	ReplyDays    int
}

// ConsultPath is the address of a case's consultations, or of one of them.
func ConsultPath(requestID, id int64) string {
	if id == 0 {
		return StaffCasePath(requestID) + "/consultations"
	}
	return StaffCasePath(requestID) + "/consultations/" + itoa(id)
}

// consultRecipient names whom a consultation went to, in the reader's
// language.
func consultRecipient(ctx context.Context, c consult.Consultation) string {
	switch c.Recipient {
	case consult.SourceNCB:
		return T(ctx, "consult.to.source_ncb", CountryName(ctx, c.Country))
	case consult.OtherNCB:
		return T(ctx, "consult.to.other_ncb", CountryName(ctx, c.Country))
	case consult.InternationalEntity:
		return T(ctx, "consult.to.international_entity", Isolate(ctx, c.Entity))
	}
	return T(ctx, "consult.to.general_secretariat")
}

// consultStateTag is the tag class of a consultation's state.
func consultStateTag(s consult.State) string {
	switch s {
	case consult.Overdue:
		return "tag tag-red"
	case consult.Replied:
		return "tag tag-green"
	case consult.NoReply:
		return "tag tag-grey"
	}
	return "tag tag-blue"
}

// recipientOptions are the recipients the form offers.
func recipientOptions() []Option {
	out := make([]Option, 0, len(consult.Recipients))
	for _, r := range consult.Recipients {
		out = append(out, Option{Value: string(r), LabelKey: "consult.recipient." + string(r)})
	}
	return out
}

// standardReasonOptions are the standard reasons the decision form offers.
func standardReasonOptions() []Option {
	return optionsFor("consult.standard_reason.", consult.StandardReasons)
}
