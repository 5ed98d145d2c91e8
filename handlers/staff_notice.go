package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/views"
)

// NewNotice shows the form that issues a deletion notice.
func (h *Handlers) NewNotice(c echo.Context) error {
	r, err := h.staffRequest(c)
	if err != nil {
		return err
	}
	return h.renderNewNotice(c, http.StatusOK, r, views.NewForm())
}

func (h *Handlers) renderNewNotice(c echo.Context, status int, r domain.Request, f views.Form) error {
	v, err := h.staffView(c, r)
	if err != nil {
		return err
	}
	if v.Targets, err = h.DB.NoticeTargets(c.Request().Context(), r); err != nil {
		return err
	}
	if err := domain.CanIssueNotice(v.Outcome.Decision); err != nil {
		v.Conflict = domain.ErrorMessage(err)
	}
	return h.render(c, status, views.NoticeNewPage(v, f))
}

// IssueNotice issues the notice to the NCBs that received the data.
func (h *Handlers) IssueNotice(c echo.Context) error {
	r, err := h.staffRequest(c)
	if err != nil {
		return err
	}
	form := c.Request().PostForm
	in := domain.NoticeInput{TargetKey: form.Get("target"), Countries: form["countries"],
		EffectiveOn: domain.ParseDateParts(form.Get("effective_on-day"), form.Get("effective_on-month"), form.Get("effective_on-year"))}
	id, err := h.DB.IssueNotice(c.Request().Context(), *CurrentUser(c), r.ID, in)
	if errs, status, ok := formErrors(c, err); ok {
		f := postedForm(c)
		f.Errors = errs
		return h.renderNewNotice(c, status, r, f)
	} else if err != nil {
		return err
	}
	if err := h.Sessions.Flash(c, "staff.flash.notice_issued"); err != nil {
		return err
	}
	return redirect(c, views.StaffNoticePath(r.ID, id))
}

// ShowNotice shows a notice: who has confirmed and who has not.
func (h *Handlers) ShowNotice(c echo.Context) error {
	return h.renderNotice(c, http.StatusOK, views.NewForm())
}

func (h *Handlers) renderNotice(c echo.Context, status int, f views.Form) error {
	r, err := h.staffRequest(c)
	if err != nil {
		return err
	}
	nid, err := paramID(c, "notice")
	if err != nil {
		return err
	}
	v, err := h.staffView(c, r)
	if err != nil {
		return err
	}
	notices, err := h.DB.Notices(c.Request().Context(), r.ID)
	if err != nil {
		return err
	}
	for i := range notices {
		if notices[i].ID == nid {
			v.Notice = &notices[i]
		}
	}
	if v.Notice == nil {
		return domain.Errorf(domain.ENotFound, "error.not_found")
	}
	return h.render(c, status, views.NoticePage(v, f))
}

// AcknowledgeNotice records which NCBs confirmed they updated their
// national databases.
func (h *Handlers) AcknowledgeNotice(c echo.Context) error {
	r, err := h.staffRequest(c)
	if err != nil {
		return err
	}
	nid, err := paramID(c, "notice")
	if err != nil {
		return err
	}
	err = h.DB.AcknowledgeRecipients(c.Request().Context(), *CurrentUser(c), r.ID, nid, c.Request().PostForm["countries"])
	if errs, status, ok := formErrors(c, err); ok {
		f := postedForm(c)
		f.Errors = errs
		return h.renderNotice(c, status, f)
	} else if err != nil {
		return err
	}
	if err := h.Sessions.Flash(c, "staff.flash.acknowledged"); err != nil {
		return err
	}
	return redirect(c, views.StaffNoticePath(r.ID, nid))
}
