package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/further"
	"github.com/ccf-portal/ccfportal/views"
)

// ShowFurther offers a further submission on a pending request.
func (h *Handlers) ShowFurther(c echo.Context) error {
	r, err := h.loadPending(c)
	if err != nil {
		return err
	}
	return h.renderFurther(c, http.StatusOK, r, views.NewForm())
}

func (h *Handlers) renderFurther(c echo.Context, status int, r domain.Request, f views.Form) error {
	v, err := h.draftView(c, r)
	if err != nil {
		return err
	}
	return h.render(c, status, views.FurtherPage(v, f, h.MaxUpload/1_000_000))
}

// SubmitFurther records a written submission and/or a document on a
// pending request; it appears on the timeline.
func (h *Handlers) SubmitFurther(c echo.Context) error {
	r, err := h.loadPending(c)
	if err != nil {
		return err
	}
	up, meta, grounds, handled, err := h.readEvidence(c, r, func(status int, f views.Form) error {
		return h.renderFurther(c, status, r, f)
	})
	if handled || err != nil {
		return err
	}
	sub := further.Submission{Text: up.fields.Get("text"), Document: &meta}
	if errs := further.Validate(sub, up.blob != nil, grounds); errs.Any() {
		up.discard(h.Blobs)
		return h.renderFurther(c, http.StatusUnprocessableEntity, r, views.Form{Values: up.formValues(), Errors: errs})
	}
	if up.blob == nil {
		sub.Document = nil
	}
	if err := h.DB.AddFurtherSubmission(c.Request().Context(), r, *CurrentUser(c), sub, up.blob, h.Blobs); err != nil {
		return err
	}
	if err := h.Sessions.Flash(c, "further.done"); err != nil {
		return err
	}
	return redirect(c, requestPath(r))
}

// loadPending is loadRequest for actions on a filed request still before
// the CCF.
func (h *Handlers) loadPending(c echo.Context) (domain.Request, error) {
	r, err := h.loadRequest(c)
	if err != nil {
		return r, err
	}
	return r, domain.CanSubmitFurther(r)
}
