package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/views"
)

// ShowApplicant shows an applicant record: details, flags, kept documents,
// requests, who has access and who did what.
func (h *Handlers) ShowApplicant(c echo.Context) error {
	a, err := h.loadApplicant(c)
	if err != nil {
		return err
	}
	return h.renderApplicant(c, http.StatusOK, a, views.NewForm())
}

func (h *Handlers) renderApplicant(c echo.Context, status int, a domain.Applicant, f views.Form) error {
	v, err := h.applicantView(c, a)
	if err != nil {
		return err
	}
	return h.render(c, status, views.ApplicantPage(v, f, h.MaxUpload/1_000_000))
}

// NewApplicant shows the form for a new applicant record (counsel only).
func (h *Handlers) NewApplicant(c echo.Context) error {
	return h.render(c, http.StatusOK, views.ApplicantFormPage(domain.Applicant{}, views.RecordForm(domain.Answers{}, nil)))
}

// EditApplicant shows the record form filled with the saved details.
func (h *Handlers) EditApplicant(c echo.Context) error {
	a, err := h.loadApplicant(c)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.ApplicantFormPage(a, views.RecordForm(a.Details, nil)))
}

// SaveApplicant creates or updates a record from the form.
func (h *Handlers) SaveApplicant(c echo.Context) error {
	var existing domain.Applicant
	if c.Param("aid") != "" {
		a, err := h.loadApplicant(c)
		if err != nil {
			return err
		}
		existing = a
	}
	d := domain.Answers{}
	for _, s := range domain.ApplicantRecordSections() {
		s.Bind(d, c.FormValue)
	}
	saved, err := h.DB.SaveApplicant(c.Request().Context(), existing.ID, *CurrentUser(c), d)
	if fields, ok := fieldErrors(err); ok {
		return h.render(c, http.StatusUnprocessableEntity, views.ApplicantFormPage(existing, views.RecordForm(d, fields)))
	} else if err != nil {
		return err
	}
	if err := h.Sessions.Flash(c, "applicant.saved"); err != nil {
		return err
	}
	return redirect(c, views.ApplicantPath(saved))
}
