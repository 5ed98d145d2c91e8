package deadlines

import (
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/deadlines"
	"github.com/ccf-portal/ccfportal/db/inbox"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
)

// ShowCorrect shows the form that corrects the admissibility date.
func (h *Handlers) ShowCorrect(c echo.Context) error {
	v, err := h.staffPage(c)
	if err != nil {
		return err
	}
	f := views.NewForm()
	if !v.Request.AdmissibleAt.IsZero() {
		setDate(f, "date", v.Request.AdmissibleAt.UTC().Format(time.DateOnly))
	} else {
		v.Conflict = "deadlines.correct.not_admissible"
	}
	return h.Render(c, http.StatusOK, views.CorrectAdmissibilityPage(v, f))
}

// Correct corrects the admissibility date, with its reason; the due date
// follows, and staff are warned when a kept extension now comes first.
func (h *Handlers) Correct(c echo.Context) error {
	v, err := h.staffPage(c)
	if err != nil {
		return err
	}
	in := rules.CorrectionInput{Date: date(c, "date"), Reason: c.FormValue("reason")}
	warn, err := h.DB.Deadlines.CorrectAdmissibility(c.Request().Context(), *handlers.CurrentUser(c), v.Request.ID, in)
	if errs, status, ok := handlers.FormErrors(c, err); ok {
		return h.Render(c, status, views.CorrectAdmissibilityPage(v, posted(c, errs)))
	} else if err != nil {
		return err
	}
	flash := "deadlines.flash.corrected"
	if warn {
		flash = "deadlines.flash.corrected_extension_first"
	}
	return h.done(c, flash, views.StaffCasePath(v.Request.ID))
}

// ShowExtend shows the form that extends the time limit.
func (h *Handlers) ShowExtend(c echo.Context) error {
	v, err := h.staffPage(c)
	if err != nil {
		return err
	}
	if err := rules.CanExtend(v.Request); err != nil {
		v.Conflict = domain.ErrorMessage(err)
	}
	return h.Render(c, http.StatusOK, views.ExtendPage(v, views.NewForm()))
}

// Extend extends the time limit and tells the applicant.
func (h *Handlers) Extend(c echo.Context) error {
	v, err := h.staffPage(c)
	if err != nil {
		return err
	}
	in := rules.ExtensionInput{Date: date(c, "date"), Reason: c.FormValue("reason")}
	err = h.DB.Deadlines.Extend(c.Request().Context(), *handlers.CurrentUser(c), v.Request.ID, in, h.news(inbox.KindExtended))
	if errs, status, ok := handlers.FormErrors(c, err); ok {
		return h.Render(c, status, views.ExtendPage(v, posted(c, errs)))
	} else if err != nil {
		return err
	}
	return h.done(c, "deadlines.flash.extended", views.StaffCasePath(v.Request.ID))
}

// ShowAnswer shows a request for more time and the form that answers it,
// the new reply-by date prefilled with the applicant's proposal.
func (h *Handlers) ShowAnswer(c echo.Context) error {
	v, err := h.staffPage(c)
	if err != nil {
		return err
	}
	f := views.NewForm()
	setDate(f, "date", v.MoreTime.Proposed)
	if v.MoreTime.Answer != "" {
		v.Conflict = "deadlines.more_time.not_pending"
	}
	return h.Render(c, http.StatusOK, views.AnswerMoreTimePage(v, f))
}

// Answer grants or refuses the request for more time and tells the
// applicant.
func (h *Handlers) Answer(c echo.Context) error {
	v, err := h.staffPage(c)
	if err != nil {
		return err
	}
	in := rules.AnswerInput{Answer: c.FormValue("answer"), Message: c.FormValue("message")}
	if in.Answer == domain.MoreTimeGranted {
		in.Date = date(c, "date")
	}
	in.Message = strings.TrimSpace(in.Message)
	err = h.DB.Deadlines.AnswerMoreTime(c.Request().Context(), *handlers.CurrentUser(c), v.Request.ID, v.MoreTime.ID, in,
		h.news(inbox.KindMoreTime))
	if errs, status, ok := handlers.FormErrors(c, err); ok {
		return h.Render(c, status, views.AnswerMoreTimePage(v, posted(c, errs)))
	} else if err != nil {
		return err
	}
	return h.done(c, "deadlines.flash.answered_"+in.Answer, views.StaffCasePath(v.Request.ID))
}
