package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/cases"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/inbox"
)

// OpenUrgentDraft starts urgent measures on the filer's case parent as a
// draft of their own holding the first page's answers a: the urgent pages
// save into it, and SendUrgentDraft sends it. Submitting the case does not
// send it: only its own check page does.
func (db *DB) OpenUrgentDraft(ctx context.Context, parentID int64, filer domain.User, a domain.Answers) (domain.Request, error) {
	now := db.Clock.Now()
	var id int64
	err := db.Write(ctx, func(tx *sql.Tx) error {
		parent, err := cases.RequestFor(ctx, tx, parentID, filer)
		if err != nil {
			return err
		}
		if err := domain.CanAskProvisional(parent); err != nil {
			return err
		}
		id, err = insertChild(ctx, tx, parent, filer, domain.KindProvisional, a, now, sql.NullInt64{})
		return err
	})
	if err != nil {
		return domain.Request{}, err
	}
	return db.RequestForUser(ctx, id, filer)
}

// UrgentDraftOn is the filer's latest unsent urgent draft on parent, if
// any: coming back to urgent measures finds what was typed.
func (db *DB) UrgentDraftOn(ctx context.Context, parent domain.Request, filer domain.User) (domain.Request, bool, error) {
	list, err := listRequests(ctx, db.Reader(), `WHERE parent_id = ? AND kind = ? AND status = 'draft' AND filer_id = ?
		ORDER BY id DESC LIMIT 1`, parent.ID, domain.KindProvisional, filer.ID)
	if err != nil || len(list) == 0 {
		return domain.Request{}, false, conn.Failed(fmt.Sprintf("find urgent draft on request %d", parent.ID), err)
	}
	return list[0], true, nil
}

// SendUrgentDraft sends the urgent draft at once with its own reference,
// with the person's answers as the request it belongs to holds them, and
// its evidence if any. On a new case the draft also says which request
// follows, and the case takes that kind.
func (db *DB) SendUrgentDraft(ctx context.Context, draft domain.Request, filer domain.User, doc *domain.NewDocument,
	blob *blob.Staged, blobs *blob.Store, then ...inbox.Hook) (domain.Request, error) {
	now := db.Clock.Now()
	err := db.withBlob(blob, blobs, func() error {
		return db.Write(ctx, func(tx *sql.Tx) error {
			cur, err := cases.RequestFor(ctx, tx, draft.ID, filer)
			if err != nil {
				return err
			}
			if cur.Kind != domain.KindProvisional || !cur.IsDraft() {
				return domain.Errorf(domain.EConflict, "request.read_only")
			}
			parent, err := cases.RequestFor(ctx, tx, cur.ParentID, filer)
			if err != nil {
				return err
			}
			if err := domain.CanAskProvisional(parent); err != nil {
				return err
			}
			if domain.NeedsUrgentPerson(parent, now) {
				return domain.Errorf(domain.EConflict, "urgent.person_first")
			}
			a := domain.UrgentAnswers(cur.Answers, parent.Answers)
			if errs := domain.ValidateUrgentDraft(a, now); errs.Any() {
				return errs.Err()
			}
			if err := settleUrgentDraft(ctx, tx, cur.ID, parent, a); err != nil {
				return err
			}
			return sendUrgent(ctx, tx, cur.ID, a, filer, doc, blob, now, then)
		})
	})
	if err != nil {
		return domain.Request{}, err
	}
	return db.RequestForUser(ctx, draft.ID, filer)
}

// settleUrgentDraft writes the answers sent, the person's name, the
// request's language and the event's time; a new case takes the kind the
// filer chose.
func settleUrgentDraft(ctx context.Context, tx *sql.Tx, id int64, parent domain.Request, a domain.Answers) error {
	event := sql.NullInt64{}
	if at, ok := domain.EventTime(a); ok {
		event = sql.NullInt64{Int64: at.Unix(), Valid: true}
	}
	body, _ := json.Marshal(a)
	if _, err := tx.ExecContext(ctx, `UPDATE requests SET answers = ?, applicant_name = ?, language = ?, source_country = ?,
		applicant_id = ?, event_at = ? WHERE id = ?`, string(body), a["full_name"], parent.Language, parent.SourceCountry,
		conn.NullID(parent.ApplicantID), event, id); err != nil {
		return conn.Failed(fmt.Sprintf("settle urgent request %d", id), err)
	}
	k := domain.Kind(a["urgent_follow"])
	if !domain.UrgentOnNewCase(a) || !parent.IsDraft() || k == parent.Kind || k != domain.KindAccess && k != domain.KindDeletion {
		return nil
	}
	_, err := tx.ExecContext(ctx, `UPDATE requests SET kind = ? WHERE id = ? AND status = 'draft'`, k, parent.ID)
	return conn.Failed(fmt.Sprintf("set the kind of request %d", parent.ID), err)
}
