package prior

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/prior"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
)

// StartReissued starts the draft with the earlier case and the copy of
// its decision (or the note why there is none), then opens its task list.
func (h *Handlers) StartReissued(c echo.Context) error {
	up, files, status, errs, err := h.ReadUploads(c, copyInput)
	if err != nil {
		return err
	} else if errs.Any() {
		return h.Render(c, status, views.ReissuedPriorPage(views.Form{Values: up.Values, Errors: errs}, h.maxMB()))
	}
	d, a := decisionFrom(up.Fields, files)
	o := domain.DraftOptions{Kind: domain.Kind(up.Fields.Get("kind")), AlsoAccess: up.Fields.Get("also_access") == "yes"}
	if o.Kind != domain.KindDeletion && o.Kind != domain.KindCorrection {
		errs.Add("kind", "prior.kind_required")
	}
	typed := d
	errs = append(errs, rules.Validate(&typed, h.DB.Clock.Now())...)
	if errs.Any() {
		h.discard(files)
		f := views.AnswersForm(rules.Section, a, errs)
		f.Values["kind"], f.Values["also_access"] = string(o.Kind), up.Fields.Get("also_access")
		return h.Render(c, http.StatusUnprocessableEntity, views.ReissuedPriorPage(f, h.maxMB()))
	}
	r, err := h.DB.StartReissuedFollowUp(c.Request().Context(), *handlers.CurrentUser(c), o, d,
		priorFile(files, copyInput, domain.DocPriorDecision), h.Blobs)
	if err != nil {
		return err
	}
	return handlers.Redirect(c, views.RequestPath(r))
}
