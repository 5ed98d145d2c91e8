package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Request is a filing to the CCF, from its first draft to its end.
type Request struct {
	ID            int64
	Reference     string // empty until submitted
	Kind          Kind
	AlsoAccess    bool
	Status        Status
	FilerID       int64
	ApplicantID   int64
	ParentID      int64
	Language      string
	ApplicantName string
	SourceCountry string
	Answers       Answers
	CreatedAt     time.Time
	UpdatedAt     time.Time
	SubmittedAt   time.Time // zero until submitted
	AdmissibleAt  time.Time
	DueAt         time.Time
	DecidedAt     time.Time
	EventAt       time.Time // provisional measures: when the feared event happens
}

// IsDraft reports whether the request can still be edited by its filer.
func (r Request) IsDraft() bool { return r.Status == StatusDraft }

// Representative reports whether the filer acts for someone else.
func (r Request) Representative() bool { return representative(r.Answers) }

const requestColumns = `id, COALESCE(reference, ''), kind, also_access, status, filer_id, COALESCE(applicant_id, 0),
	COALESCE(parent_id, 0), language, applicant_name, source_country, answers, created_at, updated_at,
	COALESCE(submitted_at, 0), COALESCE(admissible_at, 0), COALESCE(due_at, 0), COALESCE(decided_at, 0),
	COALESCE(event_at, 0)`

func scanRequest(row interface{ Scan(...any) error }) (Request, error) {
	var r Request
	var answers string
	var created, updated, submitted, admissible, due, decided, event int64
	err := row.Scan(&r.ID, &r.Reference, &r.Kind, &r.AlsoAccess, &r.Status, &r.FilerID, &r.ApplicantID, &r.ParentID,
		&r.Language, &r.ApplicantName, &r.SourceCountry, &answers, &created, &updated, &submitted, &admissible, &due, &decided,
		&event)
	if errors.Is(err, sql.ErrNoRows) {
		return Request{}, Errorf(ENotFound, "error.not_found")
	}
	if err != nil {
		return Request{}, Internal(err)
	}
	if err := json.Unmarshal([]byte(answers), &r.Answers); err != nil {
		return Request{}, Internal(fmt.Errorf("request %d answers: %w", r.ID, err))
	}
	if r.Answers == nil {
		r.Answers = Answers{}
	}
	r.CreatedAt, r.UpdatedAt = unixTime(created), unixTime(updated)
	r.SubmittedAt, r.AdmissibleAt, r.DueAt, r.DecidedAt = unixTime(submitted), unixTime(admissible), unixTime(due), unixTime(decided)
	r.EventAt = unixTime(event)
	return r, nil
}

// unixTime turns stored seconds into a time, keeping 0 as the zero time.
func unixTime(s int64) time.Time {
	if s == 0 {
		return time.Time{}
	}
	return time.Unix(s, 0).UTC()
}

// DraftOptions say what kind of request to start and where it comes from.
type DraftOptions struct {
	Kind       Kind
	AlsoAccess bool  // a deletion or correction that also asks for access
	ParentID   int64 // an earlier request of the filer's this one follows
	FollowUp   bool  // the data were re-issued after the earlier case ended
	// ApplicantID files for a kept applicant record, starting from it.
	ApplicantID int64
}

// prefillFields are carried from an earlier filing into a new draft, so the
// person concerned is described once.
var prefillFields = []string{"representation", "relationship", "applicant_minor", "full_name", "other_names",
	"birth_date", "birth_place", "nationality", "nationality_2", "id_type", "id_number", "id_issuer", "id_expiry",
	"contact_email", "contact_phone", "contact_address", "contact_safety", "language"}

// CreateDraft starts a new request filed by filer. It starts from the
// earlier request it follows, or else from a petitioner's own applicant
// record, or else from nothing but "filed for myself".
func (db *DB) CreateDraft(ctx context.Context, filer User, o DraftOptions) (Request, error) {
	if filer.Role != RolePetitioner && filer.Role != RoleCounsel {
		return Request{}, Errorf(EForbidden, "error.forbidden_role")
	}
	if !validNewKind(o) {
		return Request{}, Errorf(EInvalid, "request.kind_unknown")
	}
	answers, applicantID, err := db.draftStart(ctx, filer, o)
	if err != nil {
		return Request{}, err
	}
	if o.FollowUp {
		answers["follow_up"] = "reissued"
	}
	body, _ := json.Marshal(answers)
	now := db.Clock.Now().Unix()
	var id int64
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO requests (kind, also_access, status, filer_id, applicant_id, parent_id,
			answers, applicant_name, language, created_at, updated_at) VALUES (?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?)`,
			o.Kind, o.AlsoAccess, filer.ID, nullID(applicantID), nullID(o.ParentID), string(body), answers["full_name"],
			answers["language"], now, now)
		if err != nil {
			return Internal(err)
		}
		id, err = res.LastInsertId()
		return err
	})
	if err != nil {
		return Request{}, err
	}
	return db.RequestForUser(ctx, id, filer)
}

func validNewKind(o DraftOptions) bool {
	switch o.Kind {
	case KindAccess:
		return !o.AlsoAccess
	case KindDeletion, KindCorrection:
		return true
	}
	return false
}

// draftStart returns the answers a new draft starts with and the applicant
// it concerns, if known.
func (db *DB) draftStart(ctx context.Context, filer User, o DraftOptions) (Answers, int64, error) {
	answers := Answers{}
	if o.ApplicantID != 0 {
		a, err := db.ApplicantForUser(ctx, o.ApplicantID, filer)
		if err != nil {
			return nil, 0, err
		}
		for k, v := range a.Details {
			answers[k] = v
		}
		answers["representation"] = "representative"
		if filer.Role == RoleCounsel {
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
			return nil, 0, Errorf(EInvalid, "request.parent_unknown")
		}
		for _, f := range prefillFields {
			if v := parent.Answers[f]; v != "" {
				answers[f] = v
			}
		}
		return answers, parent.ApplicantID, nil
	}
	if filer.Role != RolePetitioner {
		answers["representation"] = "representative"
		return answers, 0, nil
	}
	answers["representation"] = "self"
	var id int64
	var details string
	err := db.read.QueryRowContext(ctx, `SELECT id, details FROM applicants WHERE created_by = ? AND is_self = 1`, filer.ID).
		Scan(&id, &details)
	if errors.Is(err, sql.ErrNoRows) {
		return answers, 0, nil
	} else if err != nil {
		return nil, 0, Internal(err)
	}
	var known map[string]string
	_ = json.Unmarshal([]byte(details), &known)
	for k, v := range known {
		if v != "" {
			answers[k] = v
		}
	}
	return answers, id, nil
}

// RequestForUser returns request id if u may see it (see accessCond).
// Anyone else gets not-found, exactly as for a request that does not exist.
func (db *DB) RequestForUser(ctx context.Context, id int64, u User) (Request, error) {
	return requestFor(ctx, db.read, id, u)
}

// RequestsForUser lists the requests u may see, most recently changed first.
func (db *DB) RequestsForUser(ctx context.Context, u User) ([]Request, error) {
	cond, args := accessCond(u)
	return listRequests(ctx, db.read, `WHERE `+cond+` ORDER BY updated_at DESC, id DESC`, args...)
}

// ApplicantRequests lists the requests about one applicant that u may see,
// most recently changed first.
func (db *DB) ApplicantRequests(ctx context.Context, applicantID int64, u User) ([]Request, error) {
	cond, args := accessCond(u)
	return listRequests(ctx, db.read, `WHERE applicant_id = ? AND `+cond+` ORDER BY updated_at DESC, id DESC`,
		append([]any{applicantID}, args...)...)
}

// listRequests runs a request query given its WHERE and ORDER clauses.
func listRequests(ctx context.Context, q queryer, where string, args ...any) ([]Request, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+requestColumns+` FROM requests `+where, args...)
	if err != nil {
		return nil, Internal(err)
	}
	defer rows.Close()
	var out []Request
	for rows.Next() {
		r, err := scanRequest(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, Internal(err)
	}
	return out, nil
}

// SaveAnswers stores a draft's answers as they are, valid or not, so that
// nothing typed is lost; validation decides only the section's state.
func (db *DB) SaveAnswers(ctx context.Context, r Request, answers Answers) error {
	body, err := json.Marshal(answers)
	if err != nil {
		return Internal(err)
	}
	res, err := db.write.ExecContext(ctx, `UPDATE requests SET answers = ?, applicant_name = ?,
		source_country = CASE WHEN kind IN ('access') THEN ? ELSE source_country END,
		language = ?, updated_at = ? WHERE id = ? AND status = 'draft'`, string(body), answers["full_name"],
		answers["source_country"], answers["language"], db.Clock.Now().Unix(), r.ID)
	if err != nil {
		return Internal(err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return Errorf(EConflict, "request.read_only")
	}
	return nil
}
