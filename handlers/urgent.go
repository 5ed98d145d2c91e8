package handlers

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/inbox"
	"github.com/ccf-portal/ccfportal/views"
)

// ShowUrgent shows the one-page provisional-measures form for a case.
func (h *Handlers) ShowUrgent(c echo.Context) error {
	r, err := h.loadUrgentCase(c)
	if err != nil {
		return err
	}
	if domain.NeedsUrgentPerson(r, h.DB.Clock.Now()) {
		f := views.AnswersForm(domain.UrgentPersonSection, r.Answers, nil)
		return h.render(c, http.StatusOK, views.UrgentPersonPage(&r, f, nil))
	}
	return h.render(c, http.StatusOK, views.UrgentPage(r, views.NewForm(), h.MaxUpload/1_000_000))
}

// FileUrgent files provisional measures in one step: the answers, one
// optional piece of evidence, and the declaration. They are sent at once,
// on a draft too, once the draft says who the person is.
func (h *Handlers) FileUrgent(c echo.Context) error {
	r, err := h.loadUrgentCase(c)
	if err != nil {
		return err
	}
	if domain.NeedsUrgentPerson(r, h.DB.Clock.Now()) {
		return redirect(c, requestPath(r)+"/urgent")
	}
	up, err := h.readUpload(c)
	if status, errs, ok := refusedUpload(err); ok {
		return h.render(c, status, views.UrgentPage(r, views.Form{Values: up.formValues(), Errors: errs}, h.MaxUpload/1_000_000))
	} else if err != nil {
		return err
	}
	a := domain.Answers{}
	domain.ProvisionalSection.Bind(a, joined(up.fields))
	errs := domain.ValidateProvisional(a, h.DB.Clock.Now())
	if up.fields.Get("declaration") != "yes" {
		errs.Add("declaration", "check.declaration_required")
	}
	if errs.Any() {
		up.discard(h.Blobs)
		f := views.AnswersForm(domain.ProvisionalSection, a, errs)
		f.Values["declaration"] = up.fields.Get("declaration")
		return h.render(c, http.StatusUnprocessableEntity, views.UrgentPage(r, f, h.MaxUpload/1_000_000))
	}
	doc := &domain.NewDocument{Type: domain.DocUrgencyEvidence, Name: up.filename, Language: ""}
	urgent, err := h.DB.FileProvisional(c.Request().Context(), r, *CurrentUser(c), a, doc, up.blob, h.Blobs,
		h.notifyFiler(c, inbox.KindReceived, true), h.notifySecretariat())
	if err != nil {
		return err
	}
	return redirect(c, requestPath(urgent)+"/confirmation")
}

// loadUrgentCase loads the case provisional measures are asked on, and
// refuses, with the reason, a case on which they cannot be.
func (h *Handlers) loadUrgentCase(c echo.Context) (domain.Request, error) {
	r, err := h.loadRequest(c)
	if err != nil {
		return r, err
	}
	return r, domain.CanAskProvisional(r)
}

// joined reads form values with several values of one name (checkboxes)
// joined by commas, the way answers store them.
func joined(values url.Values) func(string) string {
	return func(name string) string { return strings.Join(values[name], ",") }
}
