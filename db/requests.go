package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/ccf-portal/ccfportal/db/cases"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/edits"
)

// CreateDraft starts a new request filed by filer. It starts from the
// earlier request it follows, or else from a petitioner's own applicant
// record, or else from nothing but "filed for myself".
func (db *DB) CreateDraft(ctx context.Context, filer domain.User, o domain.DraftOptions) (domain.Request, error) {
	if filer.Role != domain.RolePetitioner && filer.Role != domain.RoleCounsel {
		return domain.Request{}, domain.Errorf(domain.EForbidden, "error.forbidden_role")
	}
	if !domain.ValidNewKind(o) {
		return domain.Request{}, domain.Errorf(domain.EInvalid, "request.kind_unknown")
	}
	answers, applicantID, err := db.draftStart(ctx, filer, o)
	if err != nil {
		return domain.Request{}, err
	}
	if o.FollowUp {
		answers["follow_up"] = "reissued"
	}
	var id int64
	err = db.Write(ctx, func(tx *sql.Tx) (err error) {
		id, err = insertDraft(ctx, tx, filer, o, answers, applicantID, db.Clock.Now().Unix())
		return err
	})
	if err != nil {
		return domain.Request{}, err
	}
	return db.RequestForUser(ctx, id, filer)
}

// insertDraft writes a new draft starting from answers, the details in
// them marked as copied, to be checked.
func insertDraft(ctx context.Context, tx *sql.Tx, filer domain.User, o domain.DraftOptions, answers domain.Answers, applicantID, now int64) (int64, error) {
	domain.MarkCopied(answers)
	body, _ := json.Marshal(answers)
	res, err := tx.ExecContext(ctx, `INSERT INTO requests (kind, also_access, status, filer_id, applicant_id, parent_id,
		answers, applicant_name, language, created_at, updated_at) VALUES (?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?)`,
		o.Kind, o.AlsoAccess, filer.ID, conn.NullID(applicantID), conn.NullID(o.ParentID), string(body), answers["full_name"],
		answers["language"], now, now)
	if err != nil {
		return 0, conn.Failed("create draft", err)
	}
	return res.LastInsertId()
}

// draftStart returns the answers a new draft starts with and the applicant
// it concerns, if known.
func (db *DB) draftStart(ctx context.Context, filer domain.User, o domain.DraftOptions) (domain.Answers, int64, error) {
	answers := domain.Answers{}
	if o.ApplicantID != 0 {
		a, err := db.ApplicantForUser(ctx, o.ApplicantID, filer)
		if err != nil {
			return nil, 0, err
		}
		for k, v := range a.Details {
			answers[k] = v
		}
		answers["representation"] = "representative"
		if filer.Role == domain.RoleCounsel {
			answers["relationship"] = "lawyer"
		}
		if a.IsSelf && a.CreatedBy == filer.ID {
			answers["representation"] = "self"
			delete(answers, "relationship")
		}
		return answers, a.ID, nil
	}
	if o.ParentID != 0 {
		parent, err := db.RequestForUser(ctx, o.ParentID, filer)
		if err != nil || parent.IsDraft() {
			return nil, 0, domain.Errorf(domain.EInvalid, "request.parent_unknown")
		}
		for _, f := range domain.PrefillFields {
			if v := parent.Answers[f]; v != "" {
				answers[f] = v
			}
		}
		return answers, parent.ApplicantID, nil
	}
	if filer.Role != domain.RolePetitioner {
		answers["representation"] = "representative"
		return answers, 0, nil
	}
	answers["representation"] = "self"
	var id int64
	var details string
	err := db.Reader().QueryRowContext(ctx, `SELECT id, details FROM applicants WHERE created_by = ? AND is_self = 1`, filer.ID).
		Scan(&id, &details)
	if errors.Is(err, sql.ErrNoRows) {
		return answers, 0, nil
	} else if err != nil {
		return nil, 0, conn.Failed(fmt.Sprintf("load own applicant of user %d", filer.ID), err)
	}
	var known map[string]string
	if err := json.Unmarshal([]byte(details), &known); err != nil {
		return nil, 0, conn.Failed(fmt.Sprintf("applicant %d details", id), err)
	}
	for k, v := range known {
		if v != "" {
			answers[k] = v
		}
	}
	return answers, id, nil
}

// RequestForUser returns request id if u may see it (see cases.AccessCond).
// Anyone else gets not-found, exactly as for a request that does not exist.
func (db *DB) RequestForUser(ctx context.Context, id int64, u domain.User) (domain.Request, error) {
	return cases.RequestFor(ctx, db.Reader(), id, u)
}

// RequestsForUser lists the requests u may see, most recently changed first.
func (db *DB) RequestsForUser(ctx context.Context, u domain.User) ([]domain.Request, error) {
	cond, args := cases.AccessCond(u)
	out, err := listRequests(ctx, db.Reader(), `WHERE `+cond+` ORDER BY updated_at DESC, id DESC`, args...)
	return out, conn.Failed(fmt.Sprintf("list requests of user %d", u.ID), err)
}

// ApplicantRequests lists the requests about one applicant that u may see,
// most recently changed first.
func (db *DB) ApplicantRequests(ctx context.Context, applicantID int64, u domain.User) ([]domain.Request, error) {
	cond, args := cases.AccessCond(u)
	out, err := listRequests(ctx, db.Reader(), `WHERE applicant_id = ? AND `+cond+` ORDER BY updated_at DESC, id DESC`,
		append([]any{applicantID}, args...)...)
	return out, conn.Failed(fmt.Sprintf("list requests of applicant %d", applicantID), err)
}

// listRequests runs a request query given its WHERE and ORDER clauses.
func listRequests(ctx context.Context, q conn.Queryer, where string, args ...any) ([]domain.Request, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+cases.RequestColumns+` FROM requests `+where, args...)
	return conn.Rows("read request rows", rows, err, cases.ScanRequest)
}

// SaveAnswers applies a section's edit to a draft's answers as they are
// saved now, inside one write transaction: the saved answers are read,
// merged field by field (see domain.Section.Merge) and written back before
// any other save can run. Answers are stored valid or not, so that nothing
// typed is lost; fields someone else changed since the form was shown, and
// values that cannot be stored, keep their saved value and come back in
// the result for the page to show.
func (db *DB) SaveAnswers(ctx context.Context, r domain.Request, s domain.Section, e edits.Edit) (edits.Merged, error) {
	var m edits.Merged
	err := db.Write(ctx, func(sqlTx *sql.Tx) error {
		tx := db.Writer().InTx(sqlTx) // the hottest write: its statements are kept
		var status domain.Status
		var body string
		err := tx.QueryRowContext(ctx, `SELECT status, answers FROM requests WHERE id = ?`, r.ID).Scan(&status, &body)
		if errors.Is(err, sql.ErrNoRows) {
			return domain.Errorf(domain.ENotFound, "error.not_found")
		} else if err != nil {
			return conn.Failed(fmt.Sprintf("save answers of request %d: read", r.ID), err)
		}
		if status != domain.StatusDraft {
			return domain.Errorf(domain.EConflict, "request.read_only")
		}
		cur := domain.Answers{}
		if err := json.Unmarshal([]byte(body), &cur); err != nil {
			return conn.Failed(fmt.Sprintf("save answers of request %d: request %d answers", r.ID, r.ID), err)
		}
		if cur == nil {
			cur = domain.Answers{}
		}
		m = edits.Merge(s, cur, e)
		// Saving a section whose details were copied confirms them, even
		// unchanged; a save refused or in conflict confirms nothing.
		if len(m.Refused) == 0 && len(m.Conflicts) == 0 && domain.ConfirmCopied(m.Answers, s.Key) {
			m.Changed = true
		}
		if !m.Changed {
			return nil
		}
		out, err := json.Marshal(m.Answers)
		if err != nil {
			return conn.Failed(fmt.Sprintf("encode answers of request %d", r.ID), err)
		}
		a := m.Answers
		_, err = tx.ExecContext(ctx, `UPDATE requests SET answers = ?, applicant_name = ?,
			source_country = CASE WHEN kind IN ('access') THEN ? ELSE source_country END,
			language = ?, updated_at = ? WHERE id = ?`, string(out), a["full_name"],
			a["source_country"], a["language"], db.Clock.Now().Unix(), r.ID)
		if err != nil {
			return conn.Failed(fmt.Sprintf("save answers of request %d", r.ID), err)
		}
		return nil
	})
	return m, err
}
