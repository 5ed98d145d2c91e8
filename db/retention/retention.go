// Package retention is the store's room for deleting drafts never sent,
// after their filer was warned (the rule is db/domain/retention). A draft
// that another request points to (an urgent request sent on it) is kept:
// the urgent request needs its case.
package retention

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/retention"
	"github.com/ccf-portal/ccfportal/db/inbox"
	"github.com/ccf-portal/ccfportal/db/outbox"
)

// The inbox entries of the draft's life.
const (
	KindDraftExpiring inbox.Kind = "draft_expiring" // a draft never sent will be deleted
	KindDraftDeleted  inbox.Kind = "draft_deleted"  // a draft never sent was deleted
)

// Drafts deletes drafts whose time is up.
type Drafts struct{ *conn.Conn }

// unreferenced keeps the drafts an urgent request or another filing
// points to.
const unreferenced = `NOT EXISTS (SELECT 1 FROM requests c WHERE c.parent_id = r.id)`

// WarnDrafts tells each filer of a draft that will be deleted within
// retention.WarnDays, once per change of the draft: an inbox entry leading
// to it, and compose's content-free e-mail. days 0 keeps drafts.
func (d Drafts) WarnDrafts(ctx context.Context, days int, compose func(domain.User) outbox.Message) (int, error) {
	if days <= 0 {
		return 0, nil
	}
	now := d.Clock.Now()
	cutoff := now.AddDate(0, 0, retention.WarnDays-days).Unix()
	n := 0
	err := d.Write(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT r.id, r.filer_id FROM requests r
			WHERE r.status = 'draft' AND r.updated_at <= ? AND (r.draft_warned_at IS NULL OR r.draft_warned_at < r.updated_at)
			AND `+unreferenced+` ORDER BY r.id`, cutoff)
		due, err := conn.Rows("list drafts to warn of", rows, err, func(row conn.Scanner) ([2]int64, error) {
			var v [2]int64
			return v, row.Scan(&v[0], &v[1])
		})
		if err != nil {
			return err
		}
		for _, v := range due {
			if err := inbox.Notify(ctx, tx, v[1], KindDraftExpiring, v[0], now, compose); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE requests SET draft_warned_at = ? WHERE id = ?`, now.Unix(), v[0]); err != nil {
				return conn.Failed(fmt.Sprintf("mark draft %d warned", v[0]), err)
			}
		}
		n = len(due)
		return nil
	})
	return n, err
}

// draft is one draft whose time may be up.
type draft struct {
	id, filer       int64
	updated, warned time.Time
}

// PurgeDrafts deletes the drafts whose time is up and whose filers were
// warned in time (retention.Due), each with its documents, grounds and
// data, and tells the filer in the inbox (an entry about no request: the
// draft is gone). The files go once the deletion is committed; one that
// cannot be removed is left for `ccfportal check` to find as an orphan.
func (d Drafts) PurgeDrafts(ctx context.Context, days int, blobs *blob.Store, compose func(domain.User) outbox.Message) (int, error) {
	if days <= 0 {
		return 0, nil
	}
	now := d.Clock.Now()
	var keys []string
	n := 0
	err := d.Write(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT r.id, r.filer_id, r.updated_at, r.draft_warned_at FROM requests r
			WHERE r.status = 'draft' AND r.draft_warned_at IS NOT NULL AND r.updated_at <= ? AND `+unreferenced+` ORDER BY r.id`,
			now.AddDate(0, 0, -days).Unix())
		list, err := conn.Rows("list drafts to delete", rows, err, func(row conn.Scanner) (draft, error) {
			var v draft
			var updated, warned int64
			err := row.Scan(&v.id, &v.filer, &updated, &warned)
			v.updated, v.warned = time.Unix(updated, 0), time.Unix(warned, 0)
			return v, err
		})
		if err != nil {
			return err
		}
		for _, v := range list {
			if !retention.Due(v.updated, v.warned, days, now) {
				continue
			}
			gone, err := deleteDraft(ctx, tx, v.id)
			if err != nil {
				return err
			}
			if err := inbox.Notify(ctx, tx, v.filer, KindDraftDeleted, 0, now, compose); err != nil {
				return err
			}
			keys = append(keys, gone...)
			n++
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	for _, k := range keys {
		_ = blobs.Remove(k) // an orphan is found and reported by check
	}
	return n, nil
}

// deleteDraft deletes draft id and what hangs on it, returning the storage
// keys of its files. Grounds, data items, document grounds and inbox
// entries go with their rows (ON DELETE CASCADE); anything else still
// pointing at the draft makes the deletion fail, and the round with it,
// rather than leave a half-deleted draft.
func deleteDraft(ctx context.Context, tx *sql.Tx, id int64) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT storage_key FROM documents WHERE request_id = ?`, id)
	keys, err := conn.Rows(fmt.Sprintf("list files of draft %d", id), rows, err, func(row conn.Scanner) (string, error) {
		var k string
		return k, row.Scan(&k)
	})
	if err != nil {
		return nil, err
	}
	for _, q := range []string{`DELETE FROM documents WHERE request_id = ?`, `DELETE FROM events WHERE request_id = ?`,
		`DELETE FROM requests WHERE id = ? AND status = 'draft'`} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return nil, conn.Failed(fmt.Sprintf("delete draft %d", id), err)
		}
	}
	return keys, nil
}
