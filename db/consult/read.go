package consult

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/ccf-portal/ccfportal/db/conn"
	rules "github.com/ccf-portal/ccfportal/db/domain/consult"
)

// List returns the consultations of a case, oldest sent first, with their
// reminders and reply documents, in one read transaction of three
// statements however many there are. For staff pages only.
func (s Store) List(ctx context.Context, requestID int64) ([]rules.Consultation, error) {
	var out []rules.Consultation
	err := s.ReadTx(ctx, func(q *sql.Tx) error {
		var err error
		out, err = read(ctx, q, requestID, 0)
		return err
	})
	return out, err
}

// read lists the consultations of request requestID (only consultation id
// if it is not 0) with their reminders and documents.
func read(ctx context.Context, q conn.Queryer, requestID, id int64) ([]rules.Consultation, error) {
	op := fmt.Sprintf("list consultations of request %d", requestID)
	rows, err := q.QueryContext(ctx, `SELECT c.id, c.request_id, c.recipient, c.country, c.entity, c.question, c.sent_on,
		c.reply_due, c.replied_on, c.summary, c.restriction, c.no_reply_on, COALESCE(u.name, ''), c.created_at
		FROM consultations c LEFT JOIN users u ON u.id = c.created_by
		WHERE c.request_id = ? AND (? = 0 OR c.id = ?) ORDER BY c.sent_on, c.id`, requestID, id, id)
	list, err := conn.Rows(op, rows, err, func(row conn.Scanner) (rules.Consultation, error) {
		var c rules.Consultation
		var at int64
		err := row.Scan(&c.ID, &c.RequestID, &c.Recipient, &c.Country, &c.Entity, &c.Question, &c.SentOn, &c.ReplyDue,
			&c.RepliedOn, &c.Summary, &c.Restriction, &c.NoReplyOn, &c.CreatedBy, &at)
		c.CreatedAt = conn.UnixTime(at)
		return c, err
	})
	if err != nil || len(list) == 0 {
		return list, err
	}
	index := map[int64]*rules.Consultation{}
	for i := range list {
		index[list[i].ID] = &list[i]
	}
	rows, err = q.QueryContext(ctx, `SELECT r.consultation_id, r.sent_on FROM consultation_reminders r
		JOIN consultations c ON c.id = r.consultation_id WHERE c.request_id = ? ORDER BY r.sent_on, r.id`, requestID)
	err = conn.Each(op, rows, err, func(row conn.Scanner) error {
		var cid int64
		var on string
		if err := row.Scan(&cid, &on); err != nil {
			return err
		}
		if c := index[cid]; c != nil {
			c.Reminders = append(c.Reminders, on)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	rows, err = q.QueryContext(ctx, `SELECT consultation_id, id, original_name, content_type, size, sha256, storage_key
		FROM consultation_documents WHERE request_id = ?`, requestID)
	err = conn.Each(op, rows, err, func(row conn.Scanner) error {
		var cid int64
		var d rules.Document
		if err := row.Scan(&cid, &d.ID, &d.Name, &d.ContentType, &d.Size, &d.SHA256, &d.StorageKey); err != nil {
			return err
		}
		if c := index[cid]; c != nil {
			c.Document = &d
		}
		return nil
	})
	return list, err
}
