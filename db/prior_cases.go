package db

import (
	"context"
	"database/sql"
	"time"

	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/cases"
	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/prior"
	"github.com/ccf-portal/ccfportal/db/prior"
)

// FilePriorRevision files an application for revision of a decision taken
// outside the portal, with its own reference, in one transaction: the
// request, the person's applicant record, the earlier case, and the
// summary, the copy of the decision and any evidence, each published
// before the commit and removed if anything fails.
func (db *DB) FilePriorRevision(ctx context.Context, filer domain.User, rev rules.Revision, files []prior.File, blobs *blob.Store) (domain.Request, error) {
	if filer.Role != domain.RolePetitioner && filer.Role != domain.RoleCounsel {
		discardAll(staged(files), blobs)
		return domain.Request{}, domain.Errorf(domain.EForbidden, "error.forbidden_role")
	}
	now := db.Clock.Now()
	if errs := rules.ValidateRevision(&rev, now); errs.Any() {
		discardAll(staged(files), blobs)
		return domain.Request{}, errs.Err()
	}
	answers := domain.Answers{}
	for _, a := range []domain.Answers{rev.Person, rev.Answers} {
		for k, v := range a {
			answers[k] = v
		}
	}
	var id int64
	err := db.withBlobs(staged(files), blobs, func() error {
		return db.Write(ctx, func(tx *sql.Tx) (err error) {
			if id, err = prior.InsertRevision(ctx, tx, filer, answers, now); err != nil {
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

// StartReissuedFollowUp starts a deletion or correction draft filed after
// the data of an earlier case decided outside the portal were re-issued:
// the draft, the earlier case and the copy of its decision in one
// transaction, the copy published before the commit.
func (db *DB) StartReissuedFollowUp(ctx context.Context, filer domain.User, o domain.DraftOptions, d rules.Decision, copyFile prior.File, blobs *blob.Store) (domain.Request, error) {
	files := []prior.File{copyFile}
	o.ParentID, o.FollowUp, o.ApplicantID = 0, true, 0
	if (filer.Role != domain.RolePetitioner && filer.Role != domain.RoleCounsel) || !domain.ValidNewKind(o) || o.Kind == domain.KindAccess {
		discardAll(staged(files), blobs)
		return domain.Request{}, domain.Errorf(domain.EInvalid, "request.kind_unknown")
	}
	now := db.Clock.Now()
	if errs := rules.Validate(&d, now); errs.Any() {
		discardAll(staged(files), blobs)
		return domain.Request{}, errs.Err()
	}
	answers, applicantID, err := db.draftStart(ctx, filer, o)
	if err != nil {
		discardAll(staged(files), blobs)
		return domain.Request{}, err
	}
	answers["follow_up"] = "reissued"
	var id int64
	err = db.withBlobs(staged(files), blobs, func() error {
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

// staged are the staged files of a filing, nil where none came.
func staged(files []prior.File) []*blob.Staged {
	out := make([]*blob.Staged, len(files))
	for i, f := range files {
		out[i] = f.Blob
	}
	return out
}

// attachAll records each published file of a filing as one of request
// id's documents.
func attachAll(ctx context.Context, tx *sql.Tx, id int64, filer domain.User, files []prior.File, now time.Time) error {
	for _, f := range files {
		if err := attachFiled(ctx, tx, id, filer, &f.Doc, f.Blob, now); err != nil {
			return err
		}
	}
	return nil
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
