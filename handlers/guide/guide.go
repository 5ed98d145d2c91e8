// Package guide serves the pages anyone may read without an account: the
// help pages, the pages about the portal (privacy, accessibility, terms)
// and how to contact the CCF outside the portal.
package guide

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
)

// Handlers serves the guide's pages.
type Handlers struct {
	*handlers.Handlers
	// Contact is how to reach the CCF outside the portal, as configured.
	Contact views.Contact
}

// New returns the guide's handlers over the shared ones.
func New(h *handlers.Handlers, contact views.Contact) *Handlers {
	return &Handlers{Handlers: h, Contact: contact}
}

// Index lists the help pages.
func (h *Handlers) Index(c echo.Context) error {
	return h.Render(c, http.StatusOK, views.HelpIndex())
}

// Article serves one help page. The pages are fixed texts, so one handler
// per article is made when the routes are declared.
func (h *Handlers) Article(a views.Article) echo.HandlerFunc {
	return func(c echo.Context) error {
		return h.Render(c, http.StatusOK, views.ArticlePage(a))
	}
}

// ShowContact shows how to reach the CCF outside the portal.
func (h *Handlers) ShowContact(c echo.Context) error {
	return h.Render(c, http.StatusOK, views.ContactPage(h.Contact))
}
