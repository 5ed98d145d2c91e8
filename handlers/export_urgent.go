package handlers

import (
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/inbox"
)

// LoadRequest returns the request named by :id if the signed-in user may
// see it, else not-found, for the handler packages beside this one.
func (h *Handlers) LoadRequest(c echo.Context) (domain.Request, error) { return h.loadRequest(c) }

// NotifyFiler is the store hook that tells the filer there is news.
func (h *Handlers) NotifyFiler(c echo.Context, kind inbox.Kind, ownAction bool) inbox.Hook {
	return h.notifyFiler(c, kind, ownAction)
}

// NotifySecretariat is the store hook that tells every secretariat member.
func (h *Handlers) NotifySecretariat() inbox.Hook { return h.notifySecretariat() }

// BodyError turns a form body that cannot be read into a coded error.
func BodyError(err error) error { return bodyError(err) }

// joined reads form values with several values of one name (checkboxes)
// joined by commas, the way answers store them.
func joined(values url.Values) func(string) string {
	return func(name string) string { return strings.Join(values[name], ",") }
}
