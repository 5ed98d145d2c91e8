package db

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Notice scopes: a notice went to every member country; a diffusion only
// to the NCBs its source chose.
const (
	ScopeAllMembers = "all_members"
	ScopeChosen     = "chosen"
)

// DataTarget is an item of INTERPOL data a deletion notice can concern: a
// data item of the filing, or -- for a request without itemised data --
// the data the request describes.
type DataTarget struct {
	Key      string // "item:<id>" or "request"
	ItemID   int64
	DataKind string
	Source   string
	Refs     string
}

// Scope is who received the data: every member country for a notice, the
// chosen NCBs for a diffusion or another record.
func (t DataTarget) Scope() string { return NoticeScope(t.DataKind) }

// NoticeScope is the recipients' scope for data of kind dataKind.
func NoticeScope(dataKind string) string {
	if strings.HasSuffix(dataKind, "_notice") {
		return ScopeAllMembers
	}
	return ScopeChosen
}

// DeletionNotice tells the NCBs that received data to update their
// national databases after a decision.
type DeletionNotice struct {
	ID          int64
	DecisionID  int64
	DecisionRef string
	RequestID   int64
	Target      DataTarget
	Action      string
	Scope       string
	EffectiveOn string
	IssuedBy    int64
	IssuedAt    time.Time
	Recipients  []NoticeRecipient
}

// NoticeRecipient is one NCB a notice went to, and its acknowledgement.
type NoticeRecipient struct {
	Country        string
	AcknowledgedAt time.Time
}

// Pending lists the recipients that have not yet confirmed.
func (n DeletionNotice) Pending() []string {
	var out []string
	for _, r := range n.Recipients {
		if r.AcknowledgedAt.IsZero() {
			out = append(out, r.Country)
		}
	}
	return out
}

// NoticeInput is what the staff form supplies.
type NoticeInput struct {
	TargetKey   string
	EffectiveOn string   // YYYY-MM-DD
	Countries   []string // for a diffusion: the NCBs that received it
}

// NoticeTargets lists the data a notice on r can concern.
func (db *DB) NoticeTargets(ctx context.Context, r Request) ([]DataTarget, error) {
	return noticeTargets(ctx, db.read, r)
}

func noticeTargets(ctx context.Context, q queryer, r Request) ([]DataTarget, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, data_kind, source_country, refs FROM data_items WHERE request_id = ? ORDER BY position, id`, r.ID)
	if err != nil {
		return nil, Internal(err)
	}
	defer rows.Close()
	var out []DataTarget
	for rows.Next() {
		var t DataTarget
		if err := rows.Scan(&t.ItemID, &t.DataKind, &t.Source, &t.Refs); err != nil {
			return nil, Internal(err)
		}
		t.Key = "item:" + strconv.FormatInt(t.ItemID, 10)
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, Internal(err)
	}
	if len(out) == 0 {
		out = append(out, DataTarget{Key: "request", DataKind: r.Answers["data_kind"], Source: r.Answers["source_country"],
			Refs: r.Answers["data_references"]})
	}
	return out, nil
}

// ValidateNotice checks the form against the chosen data item.
func ValidateNotice(in NoticeInput, target *DataTarget) FieldErrors {
	var errs FieldErrors
	if target == nil {
		errs.Add("target", "notice.target_required")
	}
	if _, err := time.Parse(time.DateOnly, in.EffectiveOn); err != nil {
		errs.Add("effective_on", "notice.effective_required")
	}
	if target != nil && target.Scope() == ScopeChosen {
		if len(in.Countries) == 0 {
			errs.Add("countries", "notice.recipients_required")
		}
		for _, c := range in.Countries {
			if !IsMemberCountry(c) {
				errs.Add("countries", "notice.recipients_required")
				break
			}
		}
	}
	return errs
}

// IssueNotice issues the deletion notice of a decision that ordered the
// data deleted or corrected. Any other finding orders nothing, so a notice
// for it is refused; so is a second notice for the same data item.
func (db *DB) IssueNotice(ctx context.Context, staff User, requestID int64, in NoticeInput) (int64, error) {
	var noticeID int64
	err := db.staffTx(ctx, staff, requestID, AuditNoticeIssue, func(tx *sql.Tx, r Request, now time.Time) (string, error) {
		var decisionID int64
		var outcome string
		err := tx.QueryRowContext(ctx, `SELECT id, outcome FROM decisions WHERE request_id = ?`, r.ID).Scan(&decisionID, &outcome)
		if errors.Is(err, sql.ErrNoRows) {
			return "", Errorf(EConflict, "notice.no_decision")
		} else if err != nil {
			return "", Internal(err)
		}
		action, ok := NoticeAction(outcome)
		if !ok {
			return "", Errorf(EConflict, "notice.not_ordered")
		}
		targets, err := noticeTargets(ctx, tx, r)
		if err != nil {
			return "", err
		}
		target := findTarget(targets, in.TargetKey)
		if errs := ValidateNotice(in, target); errs.Any() {
			return "", errs.Err()
		}
		if noticeID, err = insertNotice(ctx, tx, r.ID, decisionID, *target, action, in, staff.ID, now); err != nil {
			return "", err
		}
		recipients, err := addRecipients(ctx, tx, noticeID, *target, in.Countries)
		if err != nil {
			return "", err
		}
		return "notice=" + fmtID(noticeID) + " action=" + action + " recipients=" + strconv.Itoa(recipients),
			addEvent(ctx, tx, r.ID, EventNoticeIssued, staff.ID, true, map[string]string{"arg": "notice.action." + action}, now)
	})
	return noticeID, err
}

func findTarget(targets []DataTarget, key string) *DataTarget {
	for i := range targets {
		if targets[i].Key == key {
			return &targets[i]
		}
	}
	return nil
}

func insertNotice(ctx context.Context, tx *sql.Tx, requestID, decisionID int64, t DataTarget, action string, in NoticeInput,
	issuer int64, now time.Time) (int64, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO deletion_notices (decision_id, request_id, data_item_id, item_key, data_kind,
		data_source, data_refs, action, scope, effective_on, issued_by, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (decision_id, item_key) DO NOTHING`, decisionID, requestID, nullID(t.ItemID), t.Key, t.DataKind, t.Source,
		t.Refs, action, t.Scope(), in.EffectiveOn, issuer, now.Unix())
	if err != nil {
		return 0, Internal(err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return 0, Errorf(EConflict, "notice.already_issued")
	}
	return res.LastInsertId()
}

// addRecipients writes the recipients: every member country for a notice,
// the chosen NCBs for a diffusion.
func addRecipients(ctx context.Context, tx *sql.Tx, noticeID int64, t DataTarget, chosen []string) (int, error) {
	countries := chosen
	if t.Scope() == ScopeAllMembers {
		countries = nil
		for _, c := range MemberCountries() {
			countries = append(countries, c.Code)
		}
	}
	slices.Sort(countries)
	countries = slices.Compact(countries)
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO notice_recipients (notice_id, country) VALUES (?, ?)`)
	if err != nil {
		return 0, Internal(err)
	}
	defer stmt.Close()
	for _, c := range countries {
		if _, err := stmt.ExecContext(ctx, noticeID, c); err != nil {
			return 0, Internal(err)
		}
	}
	return len(countries), nil
}
