package main

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/outbox"
	"github.com/ccf-portal/ccfportal/db/staffnotice"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/views"
)

// reminderEvery is how often the portal looks for reply-by dates that are
// near, consultations gone overdue and digests due: often enough that
// each goes out on the right day, and the digest within a quarter of an
// hour of its hour.
const reminderEvery = 15 * time.Minute

// reminderConfig is what a round needs besides the store.
type reminderConfig struct {
	portal     string // the address the e-mails give
	digestHour int    // the UTC hour of the staff's digest
	draftDays  int    // days drafts never sent are kept; 0 keeps them
	blobs      *blob.Store
	anchor     string // the audit log's anchor file
}

// startReminders runs remind in the background, at start and then every
// reminderEvery, until the returned stop is called; stopping writes a last
// checkpoint of the audit log, so a clean shutdown leaves none of it
// unanchored.
func startReminders(store *db.DB, cfg reminderConfig, logger *slog.Logger) func() {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(reminderEvery)
		defer t.Stop()
		for {
			remind(ctx, store, cfg, logger)
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	})
	return func() {
		cancel()
		wg.Wait()
		report(context.Background(), logger, "checkpoint the audit log", "checkpoints", func() (int, error) {
			return checkpoint(context.Background(), store, cfg.anchor)
		})
	}
}

// remind does one round: applicants reminded of near reply-by dates,
// staff told of overdue consultations, the day's digest, filers warned of
// drafts soon deleted and the drafts whose time is up deleted. Each e-mail
// is in its recipient's language and names nothing of a case. A failure
// is logged, and the next round tries again.
func remind(ctx context.Context, store *db.DB, cfg reminderConfig, logger *slog.Logger) {
	portal, digestHour := cfg.portal, cfg.digestHour
	news := handlers.NewsTo(context.Background(), portal)
	report(ctx, logger, "remind of reply-by dates", "reminded", func() (int, error) { return store.RemindReplies(ctx, news) })
	report(ctx, logger, "tell of overdue consultations", "overdue", func() (int, error) {
		return store.NotifyOverdueConsultations(ctx, news)
	})
	report(ctx, logger, "send the daily digest", "digests", func() (int, error) {
		return store.SendDigests(ctx, digestHour, digestTo(portal))
	})
	report(ctx, logger, "warn of drafts to be deleted", "warned", func() (int, error) {
		return store.Drafts.WarnDrafts(ctx, cfg.draftDays, news)
	})
	report(ctx, logger, "delete drafts never sent", "deleted", func() (int, error) {
		return store.Drafts.PurgeDrafts(ctx, cfg.draftDays, cfg.blobs, news)
	})
	report(ctx, logger, "checkpoint the audit log", "checkpoints", func() (int, error) {
		return checkpoint(ctx, store, cfg.anchor)
	})
}

// checkpoint appends the audit chain's head to the anchor file, counting
// the line written.
func checkpoint(ctx context.Context, store *db.DB, path string) (int, error) {
	wrote, err := store.WriteCheckpoint(ctx, path)
	if wrote {
		return 1, err
	}
	return 0, err
}

// report runs step and logs what it did, or its failure (no addresses or
// names: only counts).
func report(ctx context.Context, logger *slog.Logger, what, counted string, step func() (int, error)) {
	if n, err := step(); err != nil && ctx.Err() == nil {
		logger.Error("reminders: cannot "+what, slog.String("error", err.Error()))
	} else if n > 0 {
		logger.Info("reminders: "+what, slog.Int(counted, n))
	}
}

// digestTo composes the digest for each staff member in their language.
func digestTo(portal string) func(domain.User, staffnotice.Digest) outbox.Message {
	return func(u domain.User, d staffnotice.Digest) outbox.Message {
		t := views.DigestMail(views.MailLocale(context.Background(), u.Language), portal, views.DigestCounts(d))
		return outbox.Message{To: u.Email, Subject: t.Subject, Body: t.Body}
	}
}
