// Package decide holds the staff desk's decision form: the outcome for the
// request's kind, the reasons -- written, or accompanied by a standard
// reason such as "the source did not reply" where a consultation of the
// case ended without a reply -- and the optional decision document,
// streamed like every upload.
package decide

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/consult"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
	"github.com/ccf-portal/ccfportal/views/i18n"
)

// Handlers are the decision form's pages.
type Handlers struct{ *handlers.Handlers }

// ShowDecision shows the decision form for the request's kind.
func (h *Handlers) ShowDecision(c echo.Context) error {
	r, err := h.StaffRequest(c)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, r, views.NewForm())
}

func (h *Handlers) render(c echo.Context, status int, r domain.Request, f views.Form) error {
	v, err := h.StaffView(c, r)
	if err != nil {
		return err
	}
	if err := domain.CanDecide(r); err != nil {
		v.Conflict = domain.ErrorMessage(err)
	}
	return h.Render(c, status, views.DecisionPage(v, f))
}

// RecordDecision records the decision with its optional document (a
// streamed upload: the form token comes first). The status machine decides
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
		Disclosure: up.Fields.Get("disclosure")}
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
	var doc *db.ReplyFile
	if up.Blob != nil {
		doc = &db.ReplyFile{Name: up.Filename, Blob: up.Blob}
	}
	err = h.DB.RecordDecision(c.Request().Context(), *handlers.CurrentUser(c), r.ID, in, doc, h.Blobs)
	if errs, status, ok := handlers.FormErrors(c, err); ok {
		return h.render(c, status, r, views.Form{Values: up.Values, Errors: errs})
	} else if err != nil {
		return err
	}
	if err := h.Sessions.Flash(c, "staff.flash.decided"); err != nil {
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
