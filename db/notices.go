package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/ccf-portal/ccfportal/db/cases"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/countries"
	"github.com/ccf-portal/ccfportal/db/domain/outcome"
)

// NoticeTargets lists the data a notice on r can concern.
func (db *DB) NoticeTargets(ctx context.Context, r domain.Request) ([]domain.DataTarget, error) {
	return noticeTargets(ctx, db.Reader(), r)
}

func noticeTargets(ctx context.Context, q conn.Queryer, r domain.Request) ([]domain.DataTarget, error) {
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
func (db *DB) IssueNotice(ctx context.Context, staff domain.User, requestID int64, in domain.NoticeInput) (int64, error) {
	var noticeID int64
	err := cases.StaffTx(ctx, db.Conn, staff, requestID, domain.AuditNoticeIssue, func(tx *sql.Tx, r domain.Request, now time.Time) (string, error) {
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
		targets, err := noticeTargets(ctx, tx, r)
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
