package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
)

// addEvent appends to the timeline inside the caller's transaction, so the
// entry exists exactly when the change it records does.
func addEvent(ctx context.Context, tx *sql.Tx, requestID int64, kind domain.EventKind, actorID int64, internal bool,
	data map[string]string, at time.Time) error {
	body, _ := json.Marshal(data)
	if data == nil {
		body = []byte("{}")
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO events (request_id, kind, actor_id, internal, data, at) VALUES (?, ?, ?, ?, ?, ?)`,
		requestID, kind, conn.NullID(actorID), internal, string(body), at.Unix())
	return conn.Failed(fmt.Sprintf("record %s on request %d", kind, requestID), err)
}

// Timeline returns a request's events in order. Internal entries are
// included only for staff.
func (db *DB) Timeline(ctx context.Context, requestID int64, includeInternal bool) ([]domain.Event, error) {
	rows, err := db.Reader().QueryContext(ctx, `SELECT e.id, e.kind, COALESCE(e.actor_id, 0), COALESCE(u.name, ''),
		COALESCE(u.role, ''), e.internal, e.data, e.at FROM events e LEFT JOIN users u ON u.id = e.actor_id
		WHERE e.request_id = ? AND (e.internal = 0 OR ?) ORDER BY e.at, e.id`, requestID, includeInternal)
	return conn.Rows(fmt.Sprintf("list timeline of request %d", requestID), rows, err, func(row conn.Scanner) (domain.Event, error) {
		e := domain.Event{RequestID: requestID}
		var data string
		var at int64
		if err := row.Scan(&e.ID, &e.Kind, &e.ActorID, &e.ActorName, &e.ActorRole, &e.Internal, &data, &at); err != nil {
			return e, err
		}
		if err := json.Unmarshal([]byte(data), &e.Data); err != nil {
			return e, conn.Failed(fmt.Sprintf("event %d data", e.ID), err)
		}
		e.At = conn.UnixTime(at)
		return e, nil
	})
}
