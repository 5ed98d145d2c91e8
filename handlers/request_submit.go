package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/inbox"
	"github.com/ccf-portal/ccfportal/views"
)

// SubmitRequest files a draft once the declaration is made. The store
// re-checks every problem inside the submitting transaction.
func (h *Handlers) SubmitRequest(c echo.Context) error {
	r, err := h.loadDraft(c)
	if err != nil {
		return err
	}
	if c.FormValue("declaration") != "yes" {
		f := views.NewForm()
		f.Errors.Add("declaration", "check.declaration_required")
		return h.renderCheck(c, http.StatusUnprocessableEntity, r, f)
	}
	filed, err := h.DB.SubmitRequest(c.Request().Context(), r, *CurrentUser(c), h.Limits,
		h.notifyFiler(c, inbox.KindReceived, true))
	if domain.ErrorCode(err) == domain.EInvalid {
		f := views.NewForm()
		f.Errors.Add("problems-title", domain.ErrorMessage(err))
		return h.renderCheck(c, http.StatusUnprocessableEntity, r, f)
	} else if err != nil {
		return err
	}
	return redirect(c, requestPath(filed)+"/confirmation")
}

// Confirmation shows the reference of a filed request.
func (h *Handlers) Confirmation(c echo.Context) error {
	r, err := h.loadRequest(c)
	if err != nil {
		return err
	}
	if r.IsDraft() {
		return redirect(c, requestPath(r))
	}
	filing, err := h.DB.LoadFiling(c.Request().Context(), r)
	if err != nil {
		return err
	}
	follows, err := h.draftFollowing(c, r)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.ConfirmationPage(r, filing.Urgent, follows))
}

// draftFollowing is the draft an urgent request was sent on, with what it
// still lacks, or nil: the confirmation says what to send next.
func (h *Handlers) draftFollowing(c echo.Context, r domain.Request) (*views.DraftView, error) {
	if r.Kind != domain.KindProvisional || r.ParentID == 0 {
		return nil, nil
	}
	parent, err := h.DB.RequestForUser(c.Request().Context(), r.ParentID, *CurrentUser(c))
	if domain.ErrorCode(err) == domain.ENotFound || err == nil && !parent.IsDraft() {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	v, err := h.draftView(c, parent)
	return &v, err
}
