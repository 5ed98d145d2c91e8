package handlers

import (
	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/views"
)

// loadApplicant returns the applicant named by :aid if the signed-in user
// may see it; otherwise not found.
func (h *Handlers) loadApplicant(c echo.Context) (domain.Applicant, error) {
	id, err := paramID(c, "aid")
	if err != nil {
		return domain.Applicant{}, err
	}
	return h.DB.ApplicantForUser(c.Request().Context(), id, *CurrentUser(c))
}

// applicantView loads what an applicant record page shows.
func (h *Handlers) applicantView(c echo.Context, a domain.Applicant) (views.ApplicantView, error) {
	ctx := c.Request().Context()
	v := views.ApplicantView{Applicant: a}
	var err error
	if v.Documents, err = h.DB.ApplicantDocuments(ctx, a.ID); err != nil {
		return v, err
	}
	if v.Grants, err = h.DB.Grants(ctx, a.ID); err != nil {
		return v, err
	}
	if v.History, err = h.DB.ApplicantHistory(ctx, a.ID); err != nil {
		return v, err
	}
	if v.Requests, err = h.DB.ApplicantRequests(ctx, a.ID, *CurrentUser(c)); err != nil {
		return v, err
	}
	if v.Flags, err = h.DB.RecordFlags(ctx, a, v.Documents); err != nil {
		return v, err
	}
	v.IsCreator = a.CreatedBy == CurrentUser(c).ID
	return v, nil
}
