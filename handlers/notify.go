package handlers

import (
	"context"

	"github.com/labstack/echo/v4"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/staffrole"
	"github.com/ccf-portal/ccfportal/db/inbox"
	"github.com/ccf-portal/ccfportal/db/outbox"
	"github.com/ccf-portal/ccfportal/views"
)

// notifyFiler is the store hook that puts kind in the filer's inbox with
// the e-mail that says only that there is news. The message is in the
// filer's language; when they chose none it follows the page that caused
// it if they caused it themselves, else the default.
func (h *Handlers) notifyFiler(c echo.Context, kind inbox.Kind, ownAction bool) inbox.Hook {
	ctx := context.Background()
	if ownAction {
		ctx = c.Request().Context()
	}
	return inbox.NotifyFiler(kind, NewsTo(ctx, h.PublicURL))
}

// NewsTo composes, for each account told of something, the e-mail that
// says only that there is news, in the account's language (else ctx's),
// giving portal's address.
func NewsTo(ctx context.Context, portal string) func(domain.User) outbox.Message {
	return func(u domain.User) outbox.Message {
		t := views.NewsMail(views.MailLocale(ctx, u.Language), portal)
		return outbox.Message{To: u.Email, Subject: t.Subject, Body: t.Body}
	}
}

// notifySecretariat is the store hook that tells every secretariat member,
// at once, that there is news: an urgent filing must not wait for someone
// to look at the queue. The e-mail is in each one's language.
func (h *Handlers) notifySecretariat() inbox.Hook {
	return inbox.NotifyStaff(string(staffrole.Secretariat), NewsTo(context.Background(), h.PublicURL))
}

// accessGranted is the store hook that tells the person given access to a
// record, in their own language (they did not cause it).
func (h *Handlers) accessGranted() inbox.AccessHook {
	return inbox.AccessGranted(NewsTo(context.Background(), h.PublicURL))
}
