// Package receipt serves what a filer keeps of a submitted request: its
// receipt, as a printable page and as a PDF, and "download everything I
// filed", a zip of the documents as they were uploaded with a manifest of
// their fingerprints. Only the applicant's side -- whoever holds a live
// grant on the request -- may have them; anyone else is answered as for a
// request that does not exist.
package receipt

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/receipt"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
)

// Handlers serves receipts and downloads of what was filed.
type Handlers struct {
	*handlers.Handlers
}

// New returns the receipt handlers over the shared ones.
func New(h *handlers.Handlers) *Handlers { return &Handlers{Handlers: h} }

// Show renders the printable receipt.
func (h *Handlers) Show(c echo.Context) error {
	rc, err := h.load(c)
	if err != nil {
		return err
	}
	return h.Render(c, http.StatusOK, views.ReceiptPage(rc))
}

// load reads the receipt of the request named by :id, if the signed-in
// user may see it now; a draft has none.
func (h *Handlers) load(c echo.Context) (rules.Receipt, error) {
	id, err := requestID(c)
	if err != nil {
		return rules.Receipt{}, err
	}
	ctx := c.Request().Context()
	r, err := h.DB.RequestForUser(ctx, id, *handlers.CurrentUser(c))
	if err != nil {
		return rules.Receipt{}, err
	}
	if r.IsDraft() {
		return rules.Receipt{}, domain.Errorf(domain.ENotFound, "error.not_found")
	}
	f, err := h.DB.LoadFiling(ctx, r)
	if err != nil {
		return rules.Receipt{}, err
	}
	return rules.New(f, h.DB.Clock.Now())
}

// requestID parses the :id parameter; a malformed one is not found.
func requestID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, domain.Errorf(domain.ENotFound, "error.not_found")
	}
	return id, nil
}
