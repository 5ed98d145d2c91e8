package db

import (
	"context"
	"database/sql"

	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/cases"
	"github.com/ccf-portal/ccfportal/db/domain"
)

// RevisionFiles are the documents of an application for revision.
type RevisionFiles struct {
	Summary      domain.NewDocument
	SummaryBlob  *blob.Staged
	Evidence     *domain.NewDocument
	EvidenceBlob *blob.Staged
}

// FileRevision records an application for revision of the decided case r,
// with its own reference, the summary and any evidence, in one transaction.
func (db *DB) FileRevision(ctx context.Context, r domain.Request, filer domain.User, a domain.Answers, files RevisionFiles, blobs *blob.Store) (domain.Request, error) {
	now := db.Clock.Now()
	var id int64
	err := db.withBlobs([]*blob.Staged{files.EvidenceBlob, files.SummaryBlob}, blobs, func() error {
		errs := domain.ValidateRevision(a, files.Summary, files.SummaryBlob != nil, now)
		if errs.Any() {
			return errs.Err()
		}
		return db.Write(ctx, func(tx *sql.Tx) error {
			parent, err := cases.RequestFor(ctx, tx, r.ID, filer)
			if err != nil {
				return err
			}
			if !parent.HasDecision() {
				return domain.Errorf(domain.EConflict, "revision.no_decision")
			}
			if id, err = insertChild(ctx, tx, parent, filer, domain.KindRevision, a, now, sql.NullInt64{}); err != nil {
				return err
			}
			if err := submitTx(ctx, tx, id, filer, now); err != nil {
				return err
			}
			if err := attachFiled(ctx, tx, id, filer, &files.Summary, files.SummaryBlob, now); err != nil {
				return err
			}
			return attachFiled(ctx, tx, id, filer, files.Evidence, files.EvidenceBlob, now)
		})
	})
	if err != nil {
		return domain.Request{}, err
	}
	return db.RequestForUser(ctx, id, filer)
}
