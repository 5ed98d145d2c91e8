// Package certificate holds the pages of "to whom it may concern"
// certificates: the applicant's side applies after a deletion and
// downloads the certificate once attached; the secretariat attaches the
// certificate the General Secretariat issued (a streamed PDF upload) or
// refuses with a message.
package certificate

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/blob"
	store "github.com/ccf-portal/ccfportal/db/certificate"
	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/certificate"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
)

// Handlers are the certificate pages.
type Handlers struct{ *handlers.Handlers }

// New returns the certificate pages over h.
func New(h *handlers.Handlers) *Handlers { return &Handlers{Handlers: h} }

// load reads the case named by :id as the signed-in person may see it.
func (h *Handlers) load(c echo.Context) (views.CertificateView, error) {
	id, err := param(c, "id")
	if err != nil {
		return views.CertificateView{}, err
	}
	u := *handlers.CurrentUser(c)
	cs, err := h.DB.Certificates.For(c.Request().Context(), u, id)
	if err != nil {
		return views.CertificateView{}, err
	}
	return views.CertificateView{Request: cs.Request, Decision: cs.Decision, Applications: cs.Applications,
		CanApply: rules.CanApply(u, cs.Decision, cs.Applications, h.DB.Clock.Now()) == nil,
		MaxUpMB:  h.MaxUpload / 1_000_000}, nil
}

// Show is the applicant's page: what a certificate is and is not, the
// applications made, and the confirmation that applies.
func (h *Handlers) Show(c echo.Context) error {
	v, err := h.load(c)
	if err != nil {
		return err
	}
	return h.Render(c, http.StatusOK, views.CertificatePage(v, views.NewForm()))
}

// Apply records the application once confirmed on its page. A refusal
// of the rules (no deletion, one already pending) is an error page that
// says why; a note that cannot be kept shows the form again.
func (h *Handlers) Apply(c echo.Context) error {
	v, err := h.load(c)
	if err != nil {
		return err
	}
	purpose := c.FormValue("purpose")
	err = h.DB.Certificates.Apply(c.Request().Context(), *handlers.CurrentUser(c), v.Request.ID, purpose)
	var fe *domain.ValidationError
	if errors.As(err, &fe) {
		f := views.Form{Values: map[string]string{"purpose": purpose}, Errors: fe.Fields}
		return h.Render(c, http.StatusUnprocessableEntity, views.CertificatePage(v, f))
	} else if err != nil {
		return err
	}
	if err := h.Sessions.Flash(c, "certificate.flash.applied"); err != nil {
		return err
	}
	return handlers.Redirect(c, views.RequestPath(v.Request))
}

// ShowStaff is the staff's page of a case's applications.
func (h *Handlers) ShowStaff(c echo.Context) error {
	v, err := h.load(c)
	if err != nil {
		return err
	}
	return h.Render(c, http.StatusOK, views.StaffCertificatePage(v, views.NewForm()))
}

// Issue attaches the certificate (a streamed upload, the form token
// first; only a PDF is kept) and tells the applicant's side.
func (h *Handlers) Issue(c echo.Context) error {
	v, err := h.load(c)
	if err != nil {
		return err
	}
	up, status, errs, err := h.ReadUpload(c)
	if err != nil {
		return err
	}
	if !errs.Any() {
		ct := ""
		if up.Blob != nil {
			ct = up.Blob.ContentType
		}
		if errs = rules.ValidateDocument(up.Blob != nil, ct); errs.Any() {
			status = http.StatusUnprocessableEntity
			if up.Blob != nil {
				h.Blobs.Discard(up.Blob)
			}
		}
	}
	if errs.Any() {
		return h.Render(c, status, views.StaffCertificatePage(v, views.Form{Values: up.Values, Errors: errs}))
	}
	err = h.DB.Certificates.Issue(c.Request().Context(), *handlers.CurrentUser(c), v.Request.ID,
		store.File{Name: up.Filename, Blob: up.Blob}, h.Blobs, handlers.NewsTo(context.Background(), h.PublicURL))
	return h.answered(c, v, err, "certificate.flash.issued")
}

// Refuse answers the pending application with the CCF's refusal.
func (h *Handlers) Refuse(c echo.Context) error {
	v, err := h.load(c)
	if err != nil {
		return err
	}
	message := c.FormValue("message")
	err = h.DB.Certificates.Refuse(c.Request().Context(), *handlers.CurrentUser(c), v.Request.ID, message,
		handlers.NewsTo(context.Background(), h.PublicURL))
	if errs, status, ok := handlers.FormErrors(c, err); ok {
		return h.Render(c, status, views.StaffCertificatePage(v, views.Form{Values: map[string]string{"message": message}, Errors: errs}))
	}
	return h.answered(c, v, err, "certificate.flash.refused")
}

// answered goes back to the case after an answer, or returns its error.
func (h *Handlers) answered(c echo.Context, v views.CertificateView, err error, flash string) error {
	if err != nil {
		return err
	}
	if err := h.Sessions.Flash(c, flash); err != nil {
		return err
	}
	return handlers.Redirect(c, views.StaffCasePath(v.Request.ID))
}

// Download sends the certificate of application :cid as an attachment
// under a name the server makes ("certificate-N.pdf"), checked against
// its recorded digest; another person's case is not found. Staff
// downloads are audited by the store.
func (h *Handlers) Download(c echo.Context) error {
	id, err := param(c, "id")
	if err != nil {
		return err
	}
	appID, err := param(c, "cid")
	if err != nil {
		return err
	}
	u := *handlers.CurrentUser(c)
	d, err := h.DB.Certificates.Document(c.Request().Context(), u, id, appID)
	if err != nil {
		return err
	}
	file, err := h.Blobs.OpenVerified(d.StorageKey, d.SHA256, d.Size)
	if errors.Is(err, blob.ErrDamaged) {
		damaged := domain.Errorf(domain.EDamaged, "document.damaged")
		damaged.Err = fmt.Errorf("certificate document %d (blob %s): %w", d.ID, d.StorageKey, err)
		return damaged
	} else if err != nil {
		return err
	}
	defer file.Close()
	hdr := c.Response().Header()
	hdr.Set("Content-Type", d.ContentType)
	hdr.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": "certificate-" + strconv.FormatInt(appID, 10) + ".pdf"}))
	hdr.Set("Content-Length", strconv.FormatInt(d.Size, 10))
	hdr.Set("Cache-Control", "no-store")
	c.Response().WriteHeader(http.StatusOK)
	if _, err := io.Copy(c.Response(), file); err != nil {
		// Headers are gone; the truncated download is all the client sees.
		slog.Error("download interrupted", slog.String("error", err.Error()))
	}
	return nil
}

// param reads a positive id from the route; anything else is not found.
func param(c echo.Context, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, domain.Errorf(domain.ENotFound, "error.not_found")
	}
	return id, nil
}
