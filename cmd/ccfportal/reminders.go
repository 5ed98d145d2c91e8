package main

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/handlers"
)

// reminderEvery is how often the portal looks for reply-by dates that are
// near: often enough that a reminder goes out on the right day.
const reminderEvery = 15 * time.Minute

// startReminders reminds applicants of near reply-by dates in the
// background, at start and then every reminderEvery, until the returned
// stop is called. The e-mail, in the applicant's language, says only that
// there is news; portal is the address it gives.
func startReminders(store *db.DB, portal string, logger *slog.Logger) func() {
	compose := handlers.NewsTo(context.Background(), portal)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(reminderEvery)
		defer t.Stop()
		for {
			if n, err := store.RemindReplies(ctx, compose); err != nil && ctx.Err() == nil {
				logger.Error("reminders: cannot remind of reply-by dates", slog.String("error", err.Error()))
			} else if n > 0 {
				logger.Info("reminders: reply-by dates near", slog.Int("reminded", n))
			}
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	})
	return func() { cancel(); wg.Wait() }
}
