package domain

import (
	"time"
)

// EventKind names a timeline entry.
type EventKind string

// Timeline entries.
const (
	EventSubmitted        EventKind = "submitted"
	EventFurtherSubmitted EventKind = "further_submission"
)

// Event is one entry of a request's timeline.
type Event struct {
	ID        int64
	RequestID int64
	Kind      EventKind
	ActorID   int64
	ActorName string
	ActorRole Role
	Internal  bool
	Data      map[string]string
	At        time.Time
}
