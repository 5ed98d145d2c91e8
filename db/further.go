package db

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/cases"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/further"
)

// AddFurtherSubmission records a further submission on a pending request of
// the filer's, with its document if any, and the timeline entry, in one
// transaction. The file is durable before the commit and removed if the
// commit fails.
func (db *DB) AddFurtherSubmission(ctx context.Context, r domain.Request, actor domain.User, f further.Submission,
	blob *blob.Staged, blobs *blob.Store) error {
	if blob != nil {
		if err := blobs.Publish(blob); err != nil {
			blobs.Discard(blob)
			return conn.Failed(fmt.Sprintf("publish further document of request %d", r.ID), err)
		}
	}
	now := db.Clock.Now()
	err := db.Write(ctx, func(tx *sql.Tx) error {
		cur, err := cases.RequestFor(ctx, tx, r.ID, actor)
		if err != nil {
			return err
		}
		if !cur.Status.IsOpen() {
			return domain.Errorf(domain.EConflict, "further.not_pending")
		}
		data := map[string]string{"text": strings.TrimSpace(strings.ReplaceAll(f.Text, "\r\n", "\n"))}
		if blob != nil {
			id, err := insertDocumentRow(ctx, tx, documentRecord(r, actor, *f.Document, blob, now, true), *f.Document)
			if err != nil {
				return err
			}
			data["document_id"] = strconv.FormatInt(id, 10)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE requests SET updated_at = ? WHERE id = ?`, now.Unix(), r.ID); err != nil {
			return conn.Failed(fmt.Sprintf("touch request %d", r.ID), err)
		}
		return cases.AddEvent(ctx, tx, r.ID, domain.EventFurtherSubmitted, actor.ID, false, data, now)
	})
	if err != nil && blob != nil {
		blobs.Discard(blob)
	}
	return err
}
