// Package mail delivers the store's outbox: a sender claims due messages,
// hands each to a transport -- an SMTP server, or a folder of .eml files
// when none is configured -- and records the outcome, so that a message is
// marked sent only once a server (or the disk) has taken it, and a failure
// is tried again later.
package mail

import (
	"context"
	"log/slog"
	"regexp"
	"time"

	"github.com/ccf-portal/ccfportal/db/outbox"
)

// Store is what the sender needs of the outbox.
type Store interface {
	ClaimMail(ctx context.Context, lease time.Duration, limit int) ([]outbox.Pending, error)
	MarkMailSent(ctx context.Context, id int64) error
	MarkMailFailed(ctx context.Context, id int64, attempt int) (time.Time, bool, error)
}

// Transport hands one composed message on.
type Transport interface {
	Deliver(ctx context.Context, e Envelope) error
	// Describe says where messages go, for the console at start; it names
	// no credentials.
	Describe() string
}

// Envelope is a message ready to leave: the outbox row with its sender and
// a Message-ID fixed by the row, so that a message delivered twice (its
// sender died between the server's acceptance and the record of it) can be
// recognised as one by the recipient's mail system.
type Envelope struct {
	outbox.Pending
	From string
}

// Sender delivers the outbox through a transport.
type Sender struct {
	Store     Store
	Transport Transport
	From      string
	Log       *slog.Logger
	// Lease is how long a claimed message is kept from other claims; it
	// must outlast one delivery. Zero takes DefaultLease.
	Lease time.Duration
	// Poll is how often Run looks for due messages. Zero takes DefaultPoll.
	Poll time.Duration
}

// Defaults of the sender.
const (
	DefaultLease = 5 * time.Minute
	DefaultPoll  = time.Second
	batch        = 20
)

// Run delivers due messages until ctx ends, looking again every Poll.
func (s *Sender) Run(ctx context.Context) {
	poll := s.Poll
	if poll <= 0 {
		poll = DefaultPoll
	}
	t := time.NewTicker(poll)
	defer t.Stop()
	for {
		if _, err := s.RunDue(ctx); err != nil && ctx.Err() == nil {
			s.Log.Error("outbox: cannot read the queue", slog.String("error", err.Error()))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// RunDue delivers every message due now, batch by batch, and returns how
// many were delivered. A failed delivery is released for a later attempt;
// only the store's own failures stop it.
func (s *Sender) RunDue(ctx context.Context) (int, error) {
	lease := s.Lease
	if lease <= 0 {
		lease = DefaultLease
	}
	sent := 0
	for ctx.Err() == nil {
		due, err := s.Store.ClaimMail(ctx, lease, batch)
		if err != nil || len(due) == 0 {
			return sent, err
		}
		failed := 0
		for _, p := range due {
			ok, err := s.deliver(ctx, p, lease)
			if err != nil {
				return sent, err
			}
			if ok {
				sent++
			} else {
				failed++
			}
		}
		if failed == len(due) {
			// The transport is failing: the rest can wait for their turn.
			return sent, nil
		}
	}
	return sent, ctx.Err()
}

// deliver sends one claimed message and records the outcome.
func (s *Sender) deliver(ctx context.Context, p outbox.Pending, lease time.Duration) (bool, error) {
	dctx, cancel := context.WithTimeout(ctx, lease/2)
	err := s.Transport.Deliver(dctx, Envelope{Pending: p, From: s.From})
	cancel()
	if err == nil {
		return true, s.Store.MarkMailSent(ctx, p.ID)
	}
	next, retry, merr := s.Store.MarkMailFailed(ctx, p.ID, p.Attempt)
	if merr != nil {
		return false, merr
	}
	attrs := []any{slog.Int64("message", p.ID), slog.Int("attempt", p.Attempt), slog.String("error", redact(err.Error()))}
	if retry {
		s.Log.Warn("outbox: delivery failed, will retry", append(attrs, slog.Time("next_attempt", next))...)
	} else {
		s.Log.Error("outbox: delivery failed, given up", attrs...)
	}
	return false, nil
}

// addressLike matches what may be an e-mail address in a server's reply,
// which the log must not keep.
var addressLike = regexp.MustCompile(`[^\s<>"':;,]+@[^\s<>"':;,]+`)

// redact removes addresses from an error before it is logged.
func redact(s string) string { return addressLike.ReplaceAllString(s, "[address]") }
