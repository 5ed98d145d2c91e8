package cases

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
)

// AddEvent appends to the timeline inside the caller's transaction, so the
// entry exists exactly when the change it records does.
func AddEvent(ctx context.Context, tx *sql.Tx, requestID int64, kind domain.EventKind, actorID int64, internal bool,
	data map[string]string, at time.Time) error {
	body, _ := json.Marshal(data)
	if data == nil {
		body = []byte("{}")
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO events (request_id, kind, actor_id, internal, data, at) VALUES (?, ?, ?, ?, ?, ?)`,
		requestID, kind, conn.NullID(actorID), internal, string(body), at.Unix())
	return conn.Failed(fmt.Sprintf("record %s on request %d", kind, requestID), err)
}
