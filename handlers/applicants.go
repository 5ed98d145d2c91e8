package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/edits"
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

// SaveApplicant creates or updates a record from the form. Colleagues
// share records, so an update changes only the fields the form changed,
// and never a field someone else saved meanwhile: then nothing is saved
// and the form answers 409, showing both.
func (h *Handlers) SaveApplicant(c echo.Context) error {
	if c.Param("aid") != "" {
		return h.updateApplicant(c)
	}
	d := domain.Answers{}
	for _, s := range domain.ApplicantRecordSections() {
		s.Bind(d, c.FormValue)
	}
	saved, err := h.DB.SaveApplicant(c.Request().Context(), 0, *CurrentUser(c), d)
	if fields, ok := fieldErrors(err); ok {
		return h.render(c, http.StatusUnprocessableEntity, views.ApplicantFormPage(domain.Applicant{}, views.RecordForm(d, fields)))
	} else if err != nil {
		return err
	}
	if err := h.Sessions.Flash(c, "applicant.saved"); err != nil {
		return err
	}
	return redirect(c, views.ApplicantPath(saved))
}

func (h *Handlers) updateApplicant(c echo.Context) error {
	existing, err := h.loadApplicant(c)
	if err != nil {
		return err
	}
	form, err := c.FormParams()
	if err != nil {
		return bodyError(err)
	}
	s := domain.ApplicantRecordSection()
	e := edits.Read(s, joined(form), func(name string) bool { _, ok := form[name]; return ok })
	saved, conflicts, err := h.DB.UpdateApplicant(c.Request().Context(), existing.ID, *CurrentUser(c), e)
	fields, invalid := fieldErrors(err)
	if err != nil && !invalid {
		return err
	}
	if invalid || len(conflicts) > 0 {
		// Nothing was saved: the form shows what was typed, starting from
		// the versions it was shown with, but for the answers saved meanwhile.
		typed := domain.Answers{}
		for k, v := range existing.Details {
			typed[k] = v
		}
		for k, v := range e.Values {
			typed[k] = v
		}
		f := views.RecordForm(typed, fields)
		f.Versions = e.Versions
		status := http.StatusUnprocessableEntity
		if len(conflicts) > 0 {
			status = http.StatusConflict
			f.Conflicts = map[string]string{}
			for _, x := range conflicts {
				f.Conflicts[x.Field] = x.Saved
				f.Versions[x.Field] = edits.Version(x.Saved)
				f.Errors.Add(x.Field, "answer.conflict")
			}
		}
		return h.render(c, status, views.ApplicantFormPage(existing, f))
	}
	if err := h.Sessions.Flash(c, "applicant.saved"); err != nil {
		return err
	}
	return redirect(c, views.ApplicantPath(saved))
}
