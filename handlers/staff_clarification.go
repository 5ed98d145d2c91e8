package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/inbox"
	"github.com/ccf-portal/ccfportal/views"
)

// ShowClarification shows the form asking the applicant for information.
func (h *Handlers) ShowClarification(c echo.Context) error {
	r, err := h.staffRequest(c)
	if err != nil {
		return err
	}
	return h.renderClarification(c, http.StatusOK, r, views.NewForm())
}

func (h *Handlers) renderClarification(c echo.Context, status int, r domain.Request, f views.Form) error {
	v, err := h.staffView(c, r)
	if err != nil {
		return err
	}
	if err := domain.CanAskClarification(r); err != nil {
		v.Conflict = domain.ErrorMessage(err)
	}
	return h.render(c, status, views.ClarificationPage(v, f))
}

// SendClarification sends the question; the case then waits for the
// applicant.
func (h *Handlers) SendClarification(c echo.Context) error {
	r, err := h.staffRequest(c)
	if err != nil {
		return err
	}
	in := domain.ClarificationInput{Body: c.FormValue("body"),
		ReplyBy: domain.ParseDateParts(c.FormValue("reply_by-day"), c.FormValue("reply_by-month"), c.FormValue("reply_by-year"))}
	err = h.DB.RequestClarification(c.Request().Context(), *CurrentUser(c), r.ID, in,
		h.notifyFiler(c, inbox.KindClarification, false))
	if errs, status, ok := formErrors(c, err); ok {
		f := postedForm(c)
		f.Errors = errs
		return h.renderClarification(c, status, r, f)
	} else if err != nil {
		return err
	}
	return h.flashAndReturn(c, r, "staff.flash.clarification_sent")
}

// ResumeExamination takes a waiting case back without a reply.
func (h *Handlers) ResumeExamination(c echo.Context) error {
	r, err := h.staffRequest(c)
	if err != nil {
		return err
	}
	if err := h.DB.ResumeExamination(c.Request().Context(), *CurrentUser(c), r.ID); err != nil {
		return err
	}
	return h.flashAndReturn(c, r, "staff.flash.resumed")
}
