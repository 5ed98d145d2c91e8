package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/admit"
	"github.com/ccf-portal/ccfportal/views"
)

// ShowAdmissibility shows the admissibility checklist.
func (h *Handlers) ShowAdmissibility(c echo.Context) error {
	r, err := h.staffRequest(c)
	if err != nil {
		return err
	}
	return h.renderAdmissibility(c, http.StatusOK, r, views.NewForm())
}

func (h *Handlers) renderAdmissibility(c echo.Context, status int, r domain.Request, f views.Form) error {
	v, err := h.staffView(c, r)
	if err != nil {
		return err
	}
	if domain.AdmissibilityAssessed(r, v.Outcome.Admissibility) {
		v.Conflict = "admissibility.already_assessed"
	}
	docs, err := h.DB.Documents(c.Request().Context(), r.ID)
	if err != nil {
		return err
	}
	v.Known = admit.Known(r, docs, h.DB.Clock.Now())
	return h.render(c, status, views.AdmissibilityPage(v, f))
}

// DeclareAdmissibility records the finding: admissible (which starts the
// statutory time limit) or inadmissible with its reasons.
func (h *Handlers) DeclareAdmissibility(c echo.Context) error {
	r, err := h.staffRequest(c)
	if err != nil {
		return err
	}
	form := c.Request().PostForm
	in := domain.AdmissibilityInput{Outcome: form.Get("outcome"), Checks: form["checks"], Reasons: form["reasons"], Note: form.Get("note")}
	err = h.DB.DeclareAdmissibility(c.Request().Context(), *CurrentUser(c), r.ID, in)
	if errs, status, ok := formErrors(c, err); ok {
		f := postedForm(c)
		f.Errors = errs
		return h.renderAdmissibility(c, status, r, f)
	} else if err != nil {
		return err
	}
	return h.flashAndReturn(c, r, "staff.flash.admissibility_"+in.Outcome)
}
