// Package notices is the store's room for deletion notices: the record
// of how the General Secretariat carried out a decision that deletes or
// corrects data (the data item, the action, the effective date, the
// recipients) and the recipients' acknowledgements, a follow-up list that
// never holds a case open nor closes it.
package notices

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ccf-portal/ccfportal/db/cases"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/countries"
	"github.com/ccf-portal/ccfportal/db/domain/outcome"
)

// Book reads and writes deletion notices.
type Book struct{ *conn.Conn }

func rowsOf[T any](ctx context.Context, q conn.Queryer, what string, scan func(conn.Scanner) (T, error),
	query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	return conn.Rows(what, rows, err, scan)
}

// NoticeTargets lists the data a notice on r can concern.
func (s Book) NoticeTargets(ctx context.Context, r domain.Request) ([]domain.DataTarget, error) {
	return Targets(ctx, s.Reader(), r)
}

// Targets lists, in q, the data items of r a notice can concern.
func Targets(ctx context.Context, q conn.Queryer, r domain.Request) ([]domain.DataTarget, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, data_kind, source_country, refs FROM data_items WHERE request_id = ? ORDER BY position, id`, r.ID)
	out, err := conn.Rows(fmt.Sprintf("list notice targets of request %d", r.ID), rows, err, func(row conn.Scanner) (domain.DataTarget, error) {
		var t domain.DataTarget
		err := row.Scan(&t.ItemID, &t.DataKind, &t.Source, &t.Refs)
		t.Key = "item:" + strconv.FormatInt(t.ItemID, 10)
		return t, err
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		out = append(out, domain.DataTarget{Key: "request", DataKind: r.Answers["data_kind"], Source: r.Answers["source_country"],
			Refs: r.Answers["data_references"]})
	}
	return out, nil
}

// IssueNotice issues the deletion notice of a decision that ordered the
// data deleted or corrected. Any other finding orders nothing, so a notice
// for it is refused; so is a second notice for the same data item.
func (s Book) IssueNotice(ctx context.Context, staff domain.User, requestID int64, in domain.NoticeInput) (int64, error) {
	var noticeID int64
	err := cases.StaffTx(ctx, s.Conn, staff, requestID, domain.AuditNoticeIssue, func(tx *sql.Tx, r domain.Request, now time.Time) (string, error) {
		var decisionID int64
		var d domain.Decision
		err := tx.QueryRowContext(ctx, `SELECT id, outcome, revised_outcome FROM decisions WHERE request_id = ?`, r.ID).
			Scan(&decisionID, &d.Outcome, &d.Revised)
		if errors.Is(err, sql.ErrNoRows) {
			return "", domain.Errorf(domain.EConflict, "notice.no_decision")
		} else if err != nil {
			return "", conn.Failed(fmt.Sprintf("load decision on request %d", r.ID), err)
		}
		action := outcome.ActionOf(d)
		if action == "" {
			return "", domain.Errorf(domain.EConflict, "notice.not_ordered")
		}
		targets, err := Targets(ctx, tx, r)
		if err != nil {
			return "", err
		}
		target := domain.FindTarget(targets, in.TargetKey)
		if errs := domain.ValidateNotice(in, target); errs.Any() {
			return "", errs.Err()
		}
		if noticeID, err = insertNotice(ctx, tx, r.ID, decisionID, *target, action, in, staff.ID, now); err != nil {
			return "", err
		}
		recipients, err := addRecipients(ctx, tx, noticeID, *target, in.Countries)
		if err != nil {
			return "", err
		}
		return "notice=" + strconv.FormatInt(noticeID, 10) + " action=" + action + " recipients=" + strconv.Itoa(recipients),
			cases.AddEvent(ctx, tx, r.ID, domain.EventNoticeIssued, staff.ID, true, map[string]string{"arg": "notice.action." + action}, now)
	})
	return noticeID, err
}

func insertNotice(ctx context.Context, tx *sql.Tx, requestID, decisionID int64, t domain.DataTarget, action string, in domain.NoticeInput,
	issuer int64, now time.Time) (int64, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO deletion_notices (decision_id, request_id, data_item_id, item_key, data_kind,
		data_source, data_refs, action, scope, effective_on, issued_by, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (decision_id, item_key) DO NOTHING`, decisionID, requestID, conn.NullID(t.ItemID), t.Key, t.DataKind, t.Source,
		t.Refs, action, t.Scope(), in.EffectiveOn, issuer, now.Unix())
	if err != nil {
		return 0, conn.Failed(fmt.Sprintf("issue notice on request %d", requestID), err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return 0, domain.Errorf(domain.EConflict, "notice.already_issued")
	}
	return res.LastInsertId()
}

// addRecipients writes the recipients: every member country for a notice,
// the chosen NCBs for a diffusion.
func addRecipients(ctx context.Context, tx *sql.Tx, noticeID int64, t domain.DataTarget, chosen []string) (int, error) {
	codes := chosen
	if t.Scope() == domain.ScopeAllMembers {
		codes = nil
		for _, c := range countries.Members() {
			codes = append(codes, c.Code)
		}
	}
	slices.Sort(codes)
	codes = slices.Compact(codes)
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO notice_recipients (notice_id, country) VALUES (?, ?)`)
	if err != nil {
		return 0, conn.Failed(fmt.Sprintf("prepare recipients of notice %d", noticeID), err)
	}
	defer stmt.Close()
	for _, c := range codes {
		if _, err := stmt.ExecContext(ctx, noticeID, c); err != nil {
			return 0, conn.Failed(fmt.Sprintf("add recipient %s of notice %d", c, noticeID), err)
		}
	}
	return len(codes), nil
}

// AcknowledgeRecipients records that the given NCBs confirmed they updated
// their national databases. Acknowledgements are a follow-up list: they
// never hold the case open nor close it (the implementation the General
// Secretariat reports does, see db/chamber).
func (s Book) AcknowledgeRecipients(ctx context.Context, staff domain.User, requestID, noticeID int64, countries []string) error {
	return cases.StaffTx(ctx, s.Conn, staff, requestID, domain.AuditNoticeAck, func(tx *sql.Tx, r domain.Request, now time.Time) (string, error) {
		var one int
		err := tx.QueryRowContext(ctx, `SELECT 1 FROM deletion_notices WHERE id = ? AND request_id = ?`, noticeID, r.ID).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return "", domain.Errorf(domain.ENotFound, "error.not_found")
		} else if err != nil {
			return "", conn.Failed(fmt.Sprintf("load notice %d of request %d", noticeID, r.ID), err)
		}
		if len(countries) == 0 {
			var errs domain.FieldErrors
			errs.Add("countries", "notice.ack_required")
			return "", errs.Err()
		}
		var done []string
		for _, c := range countries {
			res, err := tx.ExecContext(ctx, `UPDATE notice_recipients SET acknowledged_at = ?, acknowledged_by = ?
				WHERE notice_id = ? AND country = ? AND acknowledged_at IS NULL`, now.Unix(), staff.ID, noticeID, c)
			if err != nil {
				return "", conn.Failed(fmt.Sprintf("acknowledge recipient %s of notice %d", c, noticeID), err)
			}
			if n, _ := res.RowsAffected(); n == 1 {
				done = append(done, c)
			}
		}
		if len(done) == 0 {
			return "", domain.Errorf(domain.EConflict, "notice.nothing_to_acknowledge")
		}
		if err := cases.AddEvent(ctx, tx, r.ID, domain.EventNoticeAcknowledged, staff.ID, true,
			map[string]string{"arg": strings.Join(done, ", ")}, now); err != nil {
			return "", err
		}
		detail := "notice=" + strconv.FormatInt(noticeID, 10) + " countries=" + strings.Join(done, ",")
		return detail, nil
	})
}

// Notices lists the deletion notices of a case with their recipients.
func (s Book) Notices(ctx context.Context, requestID int64) ([]domain.DeletionNotice, error) {
	return Read(ctx, s.Reader(), requestID)
}

// Read reads the deletion notices of a request and then, in one
// statement, the recipients of all of them.
func Read(ctx context.Context, q conn.Queryer, requestID int64) ([]domain.DeletionNotice, error) {
	notices, err := rowsOf(ctx, q, fmt.Sprintf("list notices of request %d", requestID), func(rows conn.Scanner) (domain.DeletionNotice, error) {
		n := domain.DeletionNotice{RequestID: requestID}
		var at int64
		err := rows.Scan(&n.ID, &n.DecisionID, &n.DecisionRef, &n.Target.Key, &n.Target.ItemID, &n.Target.DataKind,
			&n.Target.Source, &n.Target.Refs, &n.Action, &n.Scope, &n.EffectiveOn, &n.IssuedBy, &at)
		n.IssuedAt = conn.UnixTime(at)
		return n, err
	}, `SELECT n.id, n.decision_id, d.reference, n.item_key, COALESCE(n.data_item_id, 0), n.data_kind, n.data_source,
		n.data_refs, n.action, n.scope, n.effective_on, n.issued_by, n.issued_at
		FROM deletion_notices n JOIN decisions d ON d.id = n.decision_id WHERE n.request_id = ? ORDER BY n.id`, requestID)
	if err != nil {
		return nil, err
	}
	type recipient struct {
		noticeID int64
		domain.NoticeRecipient
	}
	recipients, err := rowsOf(ctx, q, fmt.Sprintf("list notice recipients of request %d", requestID), func(rows conn.Scanner) (recipient, error) {
		var nr recipient
		var at int64
		err := rows.Scan(&nr.noticeID, &nr.Country, &at)
		nr.AcknowledgedAt = conn.UnixTime(at)
		return nr, err
	}, `SELECT nr.notice_id, nr.country, COALESCE(nr.acknowledged_at, 0) FROM notice_recipients nr
		JOIN deletion_notices n ON n.id = nr.notice_id WHERE n.request_id = ? ORDER BY nr.notice_id, nr.country`, requestID)
	if err != nil {
		return nil, err
	}
	byNotice := make(map[int64][]domain.NoticeRecipient, len(notices))
	for _, nr := range recipients {
		byNotice[nr.noticeID] = append(byNotice[nr.noticeID], nr.NoticeRecipient)
	}
	for i := range notices {
		notices[i].Recipients = byNotice[notices[i].ID]
	}
	return notices, nil
}
