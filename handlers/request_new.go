package handlers

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/views"
)

// NewRequest explains a kind of request and what to have ready. For
// deletion and correction it also asks which, whether to ask for access
// too, and whether this follows an earlier case.
func (h *Handlers) NewRequest(c echo.Context) error {
	return h.renderNew(c, http.StatusOK, c.QueryParam("kind"), views.NewForm())
}

func (h *Handlers) renderNew(c echo.Context, status int, kind string, f views.Form) error {
	if kind != string(domain.KindAccess) {
		filed, err := h.DB.FiledRequests(c.Request().Context(), *CurrentUser(c))
		if err != nil {
			return err
		}
		return h.render(c, status, views.NewDeletionPage(f, filed))
	}
	return h.render(c, status, views.NewRequestPage(domain.KindAccess))
}

// CreateRequest starts a draft and opens its task list.
func (h *Handlers) CreateRequest(c echo.Context) error {
	parent, _ := strconv.ParseInt(c.FormValue("parent_id"), 10, 64)
	applicant, _ := strconv.ParseInt(c.FormValue("applicant_id"), 10, 64)
	o := domain.DraftOptions{Kind: domain.Kind(c.FormValue("kind")), AlsoAccess: c.FormValue("also_access") == "yes",
		ParentID: parent, FollowUp: c.FormValue("follow_up") == "yes", ApplicantID: applicant}
	if o.FollowUp && parent == 0 {
		f := views.Form{Values: map[string]string{"kind": string(o.Kind), "follow_up": "yes"}}
		f.Errors.Add("parent_id", "new.follow_up_needs_case")
		return h.renderNew(c, http.StatusUnprocessableEntity, "deletion", f)
	}
	r, err := h.DB.CreateDraft(c.Request().Context(), *CurrentUser(c), o)
	if code := domain.ErrorCode(err); code == domain.EInvalid && o.Kind != domain.KindAccess {
		f := views.Form{Values: map[string]string{"kind": string(o.Kind)}}
		f.Errors.Add("kind", domain.ErrorMessage(err))
		return h.renderNew(c, http.StatusUnprocessableEntity, "deletion", f)
	} else if err != nil {
		return err
	}
	if applicant != 0 {
		a, err := h.DB.ApplicantForUser(c.Request().Context(), applicant, *CurrentUser(c))
		if err != nil {
			return err
		}
		if err := h.DB.AttachRecordDocuments(c.Request().Context(), r, *CurrentUser(c), a, h.Blobs); err != nil {
			return err
		}
	}
	return redirect(c, requestPath(r))
}
