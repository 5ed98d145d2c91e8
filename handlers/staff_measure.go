package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/inbox"
	"github.com/ccf-portal/ccfportal/views"
)

// ShowMeasure shows the provisional-measures form.
func (h *Handlers) ShowMeasure(c echo.Context) error {
	r, err := h.staffRequest(c)
	if err != nil {
		return err
	}
	return h.renderMeasure(c, http.StatusOK, r, views.NewForm())
}

func (h *Handlers) renderMeasure(c echo.Context, status int, r domain.Request, f views.Form) error {
	v, err := h.staffView(c, r)
	if err != nil {
		return err
	}
	if err := domain.CanRecordMeasure(r); err != nil {
		v.Conflict = domain.ErrorMessage(err)
	}
	return h.render(c, status, views.MeasurePage(v, f))
}

// RecordMeasure grants or refuses provisional measures.
func (h *Handlers) RecordMeasure(c echo.Context) error {
	r, err := h.staffRequest(c)
	if err != nil {
		return err
	}
	form := c.Request().PostForm
	in := domain.MeasureInput{Outcome: form.Get("outcome"), Measures: form["measures"], Reasons: form.Get("reasons"),
		EffectiveFrom: domain.ParseDateParts(form.Get("effective_from-day"), form.Get("effective_from-month"), form.Get("effective_from-year"))}
	err = h.DB.RecordMeasure(c.Request().Context(), *CurrentUser(c), r.ID, in, h.notifyFiler(c, inbox.KindMeasures, false))
	if errs, status, ok := formErrors(c, err); ok {
		f := postedForm(c)
		f.Errors = errs
		return h.renderMeasure(c, status, r, f)
	} else if err != nil {
		return err
	}
	return h.flashAndReturn(c, r, "staff.flash.measure_"+in.Outcome)
}

// ShowLiftMeasure shows the form that lifts a granted measure.
func (h *Handlers) ShowLiftMeasure(c echo.Context) error {
	return h.renderLift(c, http.StatusOK, views.NewForm())
}

func (h *Handlers) renderLift(c echo.Context, status int, f views.Form) error {
	r, err := h.staffRequest(c)
	if err != nil {
		return err
	}
	mid, err := paramID(c, "measure")
	if err != nil {
		return err
	}
	v, err := h.staffView(c, r)
	if err != nil {
		return err
	}
	for i, m := range v.Outcome.Measures {
		if m.ID == mid {
			v.Measure = &v.Outcome.Measures[i]
		}
	}
	if v.Measure == nil {
		return domain.Errorf(domain.ENotFound, "error.not_found")
	}
	if !v.Measure.Active() {
		v.Conflict = "measure.not_active"
	}
	return h.render(c, status, views.LiftMeasurePage(v, f))
}

// LiftMeasure ends a granted measure, with reasons.
func (h *Handlers) LiftMeasure(c echo.Context) error {
	r, err := h.staffRequest(c)
	if err != nil {
		return err
	}
	mid, err := paramID(c, "measure")
	if err != nil {
		return err
	}
	err = h.DB.LiftMeasure(c.Request().Context(), *CurrentUser(c), r.ID, mid, c.FormValue("reasons"))
	if errs, status, ok := formErrors(c, err); ok {
		f := postedForm(c)
		f.Errors = errs
		return h.renderLift(c, status, f)
	} else if err != nil {
		return err
	}
	return h.flashAndReturn(c, r, "staff.flash.measure_lifted")
}
