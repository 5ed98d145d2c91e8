package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"
)

// EventKind names a timeline entry.
type EventKind string

// Timeline entries.
const (
	EventSubmitted        EventKind = "submitted"
	EventDocumentAdded    EventKind = "document_added"
	EventStatusChanged    EventKind = "status_changed"
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

// addEvent appends to the timeline inside the caller's transaction, so the
// entry exists exactly when the change it records does.
func addEvent(ctx context.Context, tx *sql.Tx, requestID int64, kind EventKind, actorID int64, internal bool,
	data map[string]string, at time.Time) error {
	body, _ := json.Marshal(data)
	if data == nil {
		body = []byte("{}")
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO events (request_id, kind, actor_id, internal, data, at) VALUES (?, ?, ?, ?, ?, ?)`,
		requestID, kind, nullID(actorID), internal, string(body), at.Unix())
	if err != nil {
		return Internal(err)
	}
	return nil
}

// Timeline returns a request's events in order. Internal entries are
// included only for staff.
func (db *DB) Timeline(ctx context.Context, requestID int64, includeInternal bool) ([]Event, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT e.id, e.kind, COALESCE(e.actor_id, 0), COALESCE(u.name, ''),
		COALESCE(u.role, ''), e.internal, e.data, e.at FROM events e LEFT JOIN users u ON u.id = e.actor_id
		WHERE e.request_id = ? AND (e.internal = 0 OR ?) ORDER BY e.at, e.id`, requestID, includeInternal)
	if err != nil {
		return nil, Internal(err)
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		e := Event{RequestID: requestID}
		var data string
		var at int64
		if err := rows.Scan(&e.ID, &e.Kind, &e.ActorID, &e.ActorName, &e.ActorRole, &e.Internal, &data, &at); err != nil {
			return nil, Internal(err)
		}
		_ = json.Unmarshal([]byte(data), &e.Data)
		e.At = unixTime(at)
		out = append(out, e)
	}
	return out, rows.Err()
}
