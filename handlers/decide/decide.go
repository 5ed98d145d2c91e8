// Package decide holds the staff desk's draft of the decision: the
// outcome for the request's kind and the reasons -- written, or
// accompanied by a standard reason such as "the source did not reply"
// where a consultation of the case ended without a reply. The secretariat
// may rewrite it until the Chamber adopts it (handlers/chamber).
package decide

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/consult"
	"github.com/ccf-portal/ccfportal/db/domain/outcome"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
	"github.com/ccf-portal/ccfportal/views/i18n"
)

// Handlers are the decision form's pages.
type Handlers struct{ *handlers.Handlers }

// ShowDecision shows the draft form for the request's kind, filled with
// the draft so far.
func (h *Handlers) ShowDecision(c echo.Context) error {
	r, err := h.StaffRequest(c)
	if err != nil {
		return err
	}
	d, err := h.DB.Chamber.DecisionOf(c.Request().Context(), r.ID)
	if err != nil {
		return err
	}
	f := views.NewForm()
	if d != nil {
		f.Values["outcome"], f.Values["reasons"], f.Values["disclosure"] = d.Input.Outcome, d.Input.Reasons, d.Input.Disclosure
		f.Values["detail"], f.Values["revised"] = d.Input.Detail, d.Input.Revised
		f.Values["access_outcome"], f.Values["access_disclosure"] = d.Input.AccessOutcome, d.Input.AccessDisclosure
	}
	return h.render(c, http.StatusOK, r, f)
}

func (h *Handlers) render(c echo.Context, status int, r domain.Request, f views.Form) error {
	v, err := h.StaffView(c, r)
	if err != nil {
		return err
	}
	if err := domain.CanDecide(r); err != nil {
		v.Conflict = domain.ErrorMessage(err)
	}
	list, err := h.DB.Consultations.List(c.Request().Context(), r.ID)
	if err != nil {
		return err
	}
	v.Decide = decideForm(r, list)
	return h.Render(c, status, views.DecisionPage(v, f))
}

// RecordDecision saves the draft (the form is a streamed upload, its token
// first; a file sent with it is not kept: the decision's document is
// attached when it is sent to the applicant). The status machine decides
// whether the request may be decided now.
func (h *Handlers) RecordDecision(c echo.Context) error {
	r, err := h.StaffRequest(c)
	if err != nil {
		return err
	}
	up, status, errs, err := h.ReadUpload(c)
	if err != nil {
		return err
	}
	if errs.Any() {
		return h.render(c, status, r, views.Form{Values: up.Values, Errors: errs})
	}
	in := domain.DecisionInput{Outcome: up.Fields.Get("outcome"), Reasons: up.Fields.Get("reasons"),
		Disclosure: up.Fields.Get("disclosure"), DecisionParts: domain.DecisionParts{Detail: up.Fields.Get("detail"),
			Revised: up.Fields.Get("revised"), AccessOutcome: up.Fields.Get("access_outcome"),
			AccessDisclosure: up.Fields.Get("access_disclosure")}}
	discard := func() {
		if up.Blob != nil {
			h.Blobs.Discard(up.Blob)
		}
	}
	if in.Reasons, err = h.withStandardReasons(c, r, in.Reasons, up.Fields["standard_reasons"]); err != nil {
		discard()
		if errs, status, ok := handlers.FormErrors(c, err); ok {
			return h.render(c, status, r, views.Form{Values: up.Values, Errors: errs})
		}
		return err
	}
	discard()
	err = h.DB.Chamber.Draft(c.Request().Context(), *handlers.CurrentUser(c), r.ID, in)
	if errs, status, ok := handlers.FormErrors(c, err); ok {
		return h.render(c, status, r, views.Form{Values: up.Values, Errors: errs})
	} else if err != nil {
		return err
	}
	if err := h.Sessions.Flash(c, "chamber.flash.drafted"); err != nil {
		return err
	}
	return handlers.Redirect(c, views.StaffCasePath(r.ID))
}

// withStandardReasons puts the standard reasons chosen before the reasons
// written, in the language the request is handled in, so the decision
// reads as one text to whoever it is sent to. A standard reason must be
// true of the case: "the source did not reply" needs a consultation that
// ended without a reply.
func (h *Handlers) withStandardReasons(c echo.Context, r domain.Request, reasons string, chosen []string) (string, error) {
	if len(chosen) == 0 {
		return reasons, nil
	}
	list, err := h.DB.Consultations.List(c.Request().Context(), r.ID)
	if err != nil {
		return "", err
	}
	if errs := consult.ValidStandardReasons(chosen, list); errs.Any() {
		return "", errs.Err()
	}
	lang := r.Language
	if !i18n.Supported(lang) {
		lang = "en"
	}
	var parts []string
	for _, key := range chosen {
		parts = append(parts, i18n.Get(lang).T("consult.standard_reason_text."+key))
	}
	if strings.TrimSpace(reasons) != "" {
		parts = append(parts, reasons)
	}
	return strings.Join(parts, "\n\n"), nil
}

// decideForm gathers what the form offers from the consultations: "deleted
// because the source did not reply" where a consultation of the source
// ended without a reply, and the restrictions the replies put on what may
// be disclosed to the applicant.
func decideForm(r domain.Request, list []consult.Consultation) views.DecideForm {
	f := views.DecideForm{Situation: outcome.Situation{Kind: r.Kind, AlsoAccess: r.AlsoAccess}}
	for _, c := range list {
		if c.Recipient == consult.SourceNCB && c.NoReplyOn != "" {
			f.Situation.SourceNoReply = true
		}
		if strings.TrimSpace(c.Restriction) != "" {
			f.Restrictions = append(f.Restrictions, c.Restriction)
		}
	}
	return f
}
