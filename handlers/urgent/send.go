package urgent

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/inbox"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
)

// ShowCheck shows everything the urgent request will send, with what is
// still to fix and where.
func (h *Handlers) ShowCheck(c echo.Context) error {
	p, err := h.loadPage(c)
	if err != nil || p.step == "" {
		return err
	}
	return h.renderCheck(c, http.StatusOK, p, views.NewForm())
}

// Send sends the urgent request at once, with its own reference and its
// evidence if any (a streamed upload: the form token comes first), then
// shows the reference and what the request it belongs to still needs.
func (h *Handlers) Send(c echo.Context) error {
	p, err := h.loadPage(c)
	if err != nil || p.step == "" {
		return err
	}
	up, status, errs, err := h.ReadUpload(c)
	if err != nil {
		return err
	} else if errs.Any() {
		return h.renderCheck(c, status, p, views.Form{Values: up.Values, Errors: errs})
	}
	f := views.Form{Values: map[string]string{"declaration": up.Fields.Get("declaration")}}
	if f.Values["declaration"] != "yes" {
		f.Errors.Add("declaration", "check.declaration_required")
	}
	if f.Errors.Any() || checkProblems(p, h.DB.Clock.Now()).Any() {
		h.discard(up)
		return h.renderCheck(c, http.StatusUnprocessableEntity, p, f)
	}
	sent, err := h.DB.SendUrgentDraft(c.Request().Context(), p.draft, *handlers.CurrentUser(c), evidence(up), up.Blob, h.Blobs,
		h.NotifyFiler(c, inbox.KindReceived, true), h.NotifySecretariat())
	if errs, status, ok := handlers.FormErrors(c, err); ok {
		return h.renderCheck(c, status, p, views.Form{Values: f.Values, Errors: errs})
	} else if err != nil {
		return err
	}
	return handlers.Redirect(c, views.RequestPath(sent)+"/confirmation")
}

// renderCheck draws the check page of p with form f (the declaration and
// the evidence).
func (h *Handlers) renderCheck(c echo.Context, status int, p page, f views.Form) error {
	v := p.view(f)
	v.Step = views.UrgentStepCheck
	v.Answers = domain.UrgentAnswers(p.draft.Answers, p.parent.Answers)
	v.MaxUploadMB = h.maxMB()
	return h.Render(c, status, views.UrgentCheckPage(v, checkProblems(p, h.DB.Clock.Now())))
}

// checkProblems is what must be fixed before sending, each on its page:
// who the person is while their request is a draft, then the urgent
// answers.
func checkProblems(p page, now time.Time) domain.FieldErrors {
	var out domain.FieldErrors
	if p.parent.IsDraft() {
		out = domain.UrgentPersonStep.Validate(p.parent.Answers, now)
	}
	return append(out, domain.ValidateUrgentDraft(domain.UrgentAnswers(p.draft.Answers, p.parent.Answers), now)...)
}
