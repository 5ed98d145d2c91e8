// Package urgent holds the pages of urgent provisional measures: the way
// in from the home page, the dashboard and every case page, a few short
// pages of one topic each (what is happening, the person, what is asked),
// a check page that sends them at once, and the one-step filing of the
// whole form.
package urgent

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/inbox"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
)

// Handlers serves the urgent filing.
type Handlers struct {
	*handlers.Handlers
}

// FileUrgent files provisional measures in one step: all the answers, one
// optional piece of evidence, and the declaration. They are sent at once,
// on a draft too, once the draft says who the person is.
func (h *Handlers) FileUrgent(c echo.Context) error {
	r, err := h.loadUrgentCase(c)
	if err != nil {
		return err
	}
	if domain.NeedsUrgentPerson(r, h.DB.Clock.Now()) {
		return handlers.Redirect(c, views.RequestPath(r)+"/urgent")
	}
	up, status, errs, err := h.ReadUpload(c)
	if err != nil {
		return err
	} else if errs.Any() {
		return h.Render(c, status, views.UrgentPage(r, views.Form{Values: up.Values, Errors: errs}, h.maxMB()))
	}
	a := domain.Answers{}
	domain.ProvisionalSection.Bind(a, joined(up.Fields))
	errs = domain.ValidateProvisional(a, h.DB.Clock.Now())
	if up.Fields.Get("declaration") != "yes" {
		errs.Add("declaration", "check.declaration_required")
	}
	if errs.Any() {
		h.discard(up)
		f := views.AnswersForm(domain.ProvisionalSection, a, errs)
		f.Values["declaration"] = up.Fields.Get("declaration")
		return h.Render(c, http.StatusUnprocessableEntity, views.UrgentPage(r, f, h.maxMB()))
	}
	urgent, err := h.DB.FileProvisional(c.Request().Context(), r, *handlers.CurrentUser(c), a, evidence(up), up.Blob, h.Blobs,
		h.NotifyFiler(c, inbox.KindReceived, true), h.NotifySecretariat())
	if err != nil {
		return err
	}
	return handlers.Redirect(c, views.RequestPath(urgent)+"/confirmation")
}

// loadUrgentCase loads the case provisional measures are asked on, and
// refuses, with the reason, a case on which they cannot be.
func (h *Handlers) loadUrgentCase(c echo.Context) (domain.Request, error) {
	r, err := h.LoadRequest(c)
	if err != nil {
		return r, err
	}
	return r, domain.CanAskProvisional(r)
}

// evidence is the document row of an upload's file, if one came.
func evidence(up handlers.Upload) *domain.NewDocument {
	if up.Blob == nil {
		return nil
	}
	return &domain.NewDocument{Type: domain.DocUrgencyEvidence, Name: up.Filename}
}

// discard removes an upload's staged file when its form is refused.
func (h *Handlers) discard(up handlers.Upload) {
	if up.Blob != nil {
		h.Blobs.Discard(up.Blob)
	}
}

func (h *Handlers) maxMB() int64 { return h.MaxUpload / 1_000_000 }

// joined reads form values with several values of one name (checkboxes)
// joined by commas, the way answers store them.
func joined(values url.Values) func(string) string {
	return func(name string) string { return strings.Join(values[name], ",") }
}
