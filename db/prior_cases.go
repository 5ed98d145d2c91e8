package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/cases"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/prior"
	"github.com/ccf-portal/ccfportal/db/prior"
)

// PriorFile is one staged document of a filing that names an earlier case
// outside the portal; Blob is nil when none came.
type PriorFile struct {
	Doc  domain.NewDocument
	Blob *blob.Staged
}

// FilePriorRevision files an application for revision of a decision taken
// outside the portal, with its own reference, in one transaction: the
// request, the person's applicant record, the earlier case, and the
// summary, the copy of the decision and any evidence, each published
// before the commit and removed if anything fails.
func (db *DB) FilePriorRevision(ctx context.Context, filer domain.User, rev rules.Revision, files []PriorFile, blobs *blob.Store) (domain.Request, error) {
	if filer.Role != domain.RolePetitioner && filer.Role != domain.RoleCounsel {
		discardAll(files, blobs)
		return domain.Request{}, domain.Errorf(domain.EForbidden, "error.forbidden_role")
	}
	now := db.Clock.Now()
	if errs := rules.ValidateRevision(&rev, now); errs.Any() {
		discardAll(files, blobs)
		return domain.Request{}, errs.Err()
	}
	answers := domain.Answers{}
	for _, a := range []domain.Answers{rev.Person, rev.Answers} {
		for k, v := range a {
			answers[k] = v
		}
	}
	var id int64
	err := db.withBlobs(files, blobs, func() error {
		return db.Write(ctx, func(tx *sql.Tx) (err error) {
			if id, err = insertPriorRevision(ctx, tx, filer, answers, now); err != nil {
				return err
			}
			if err := submitTx(ctx, tx, id, filer, now); err != nil {
				return err
			}
			if err := attachAll(ctx, tx, id, filer, files, now); err != nil {
				return err
			}
			return prior.Record(ctx, tx, id, rules.PurposeRevision, rev.Decision, now)
		})
	})
	if err != nil {
		return domain.Request{}, err
	}
	return db.RequestForUser(ctx, id, filer)
}

// insertPriorRevision writes the revision request, tied to the person's
// applicant record so that it is shared like every filing about them.
func insertPriorRevision(ctx context.Context, tx *sql.Tx, filer domain.User, a domain.Answers, now time.Time) (int64, error) {
	applicantID, err := priorApplicant(ctx, tx, filer, a, now)
	if err != nil {
		return 0, err
	}
	body, _ := json.Marshal(a)
	res, err := tx.ExecContext(ctx, `INSERT INTO requests (kind, status, filer_id, applicant_id, language, applicant_name,
		source_country, answers, created_at, updated_at) VALUES ('revision', 'draft', ?, ?, ?, ?, '', ?, ?, ?)`,
		filer.ID, applicantID, a["language"], a["full_name"], string(body), now.Unix(), now.Unix())
	if err != nil {
		return 0, conn.Failed("create revision of an earlier case", err)
	}
	return res.LastInsertId()
}

// priorApplicant is the record the revision concerns: a petitioner's own
// (kept as it is: this short form does not describe the whole person), or
// a new one for the person counsel or a relative files for.
func priorApplicant(ctx context.Context, tx *sql.Tx, filer domain.User, a domain.Answers, now time.Time) (int64, error) {
	self := a["representation"] != "representative"
	if self {
		var id int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM applicants WHERE created_by = ? AND is_self = 1`, filer.ID).Scan(&id)
		if err == nil {
			return id, nil
		} else if err != sql.ErrNoRows {
			return 0, conn.Failed(fmt.Sprintf("find own applicant of user %d", filer.ID), err)
		}
	}
	details, _ := json.Marshal(map[string]string{"full_name": a["full_name"], "birth_date": a["birth_date"],
		"nationality": a["nationality"], "language": a["language"]})
	res, err := tx.ExecContext(ctx, `INSERT INTO applicants (created_by, is_self, full_name, birth_date, details, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, filer.ID, self, a["full_name"], a["birth_date"], string(details), now.Unix(), now.Unix())
	if err != nil {
		return 0, conn.Failed("create applicant of a revision of an earlier case", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, conn.Failed("create applicant of a revision of an earlier case", err)
	}
	return id, addApplicantEvent(ctx, tx, id, filer.ID, "created_by_filing", 0, now)
}

// StartReissuedFollowUp starts a deletion or correction draft filed after
// the data of an earlier case decided outside the portal were re-issued:
// the draft, the earlier case and the copy of its decision in one
// transaction, the copy published before the commit.
func (db *DB) StartReissuedFollowUp(ctx context.Context, filer domain.User, o domain.DraftOptions, d rules.Decision, copyFile PriorFile, blobs *blob.Store) (domain.Request, error) {
	files := []PriorFile{copyFile}
	o.ParentID, o.FollowUp, o.ApplicantID = 0, true, 0
	if (filer.Role != domain.RolePetitioner && filer.Role != domain.RoleCounsel) || !domain.ValidNewKind(o) || o.Kind == domain.KindAccess {
		discardAll(files, blobs)
		return domain.Request{}, domain.Errorf(domain.EInvalid, "request.kind_unknown")
	}
	now := db.Clock.Now()
	if errs := rules.Validate(&d, now); errs.Any() {
		discardAll(files, blobs)
		return domain.Request{}, errs.Err()
	}
	answers, applicantID, err := db.draftStart(ctx, filer, o)
	if err != nil {
		discardAll(files, blobs)
		return domain.Request{}, err
	}
	answers["follow_up"] = "reissued"
	var id int64
	err = db.withBlobs(files, blobs, func() error {
		return db.Write(ctx, func(tx *sql.Tx) (err error) {
			if id, err = insertDraft(ctx, tx, filer, o, answers, applicantID, now.Unix()); err != nil {
				return err
			}
			if err := attachAll(ctx, tx, id, filer, files, now); err != nil {
				return err
			}
			return prior.Record(ctx, tx, id, rules.PurposeReissued, d, now)
		})
	})
	if err != nil {
		return domain.Request{}, err
	}
	return db.RequestForUser(ctx, id, filer)
}

// PriorCase reads the earlier case request id names outside the portal,
// if u may see the request; nil when it names none.
func (db *DB) PriorCase(ctx context.Context, id int64, u domain.User) (*rules.Case, error) {
	var c *rules.Case
	err := db.ReadTx(ctx, func(tx *sql.Tx) error {
		if _, err := cases.RequestFor(ctx, tx, id, u); err != nil {
			return err
		}
		var err error
		c, err = prior.Of(ctx, tx, id)
		return err
	})
	return c, err
}

// withBlobs publishes every staged file before fn commits the rows that
// name them, and removes them all if anything fails.
func (db *DB) withBlobs(files []PriorFile, blobs *blob.Store, fn func() error) error {
	for _, f := range files {
		if f.Blob == nil {
			continue
		}
		if err := blobs.Publish(f.Blob); err != nil {
			discardAll(files, blobs)
			return conn.Failed("publish filed document", err)
		}
	}
	err := fn()
	if err != nil {
		discardAll(files, blobs)
	}
	return err
}

func discardAll(files []PriorFile, blobs *blob.Store) {
	for _, f := range files {
		if f.Blob != nil {
			blobs.Discard(f.Blob)
		}
	}
}

func attachAll(ctx context.Context, tx *sql.Tx, id int64, filer domain.User, files []PriorFile, now time.Time) error {
	for _, f := range files {
		if err := attachFiled(ctx, tx, id, filer, &f.Doc, f.Blob, now); err != nil {
			return err
		}
	}
	return nil
}
