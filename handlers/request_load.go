package handlers

import (
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// loadRequest returns the request named by the :id parameter if the
// signed-in user may see it. Anything else -- a malformed id, someone
// else's request -- is not found, so ids reveal nothing.
func (h *Handlers) loadRequest(c echo.Context) (domain.Request, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return domain.Request{}, domain.Errorf(domain.ENotFound, "error.not_found")
	}
	return h.DB.RequestForUser(c.Request().Context(), id, *CurrentUser(c))
}

// loadDraft is loadRequest for pages that change a draft: a submitted
// request is read-only.
func (h *Handlers) loadDraft(c echo.Context) (domain.Request, error) {
	r, err := h.loadRequest(c)
	if err != nil {
		return r, err
	}
	if !r.IsDraft() {
		return r, domain.Errorf(domain.EConflict, "request.read_only")
	}
	return r, nil
}

// paramID parses a numeric route parameter; a bad one is not found.
func paramID(c echo.Context, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, domain.Errorf(domain.ENotFound, "error.not_found")
	}
	return id, nil
}

func requestPath(r domain.Request) string { return "/requests/" + strconv.FormatInt(r.ID, 10) }
