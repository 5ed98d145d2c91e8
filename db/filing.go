package db

import (
	"context"

	"github.com/ccf-portal/ccfportal/db/cases"
	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/domain"
)

// LoadFiling reads a request's documents, grounds and data items.
func (db *DB) LoadFiling(ctx context.Context, r domain.Request) (domain.Filing, error) {
	return loadFiling(ctx, db.Reader(), r)
}

func loadFiling(ctx context.Context, q conn.Queryer, r domain.Request) (domain.Filing, error) {
	f := domain.Filing{Request: r}
	var err error
	if f.Documents, err = cases.ListDocuments(ctx, q, r.ID); err != nil {
		return f, err
	}
	if f.Grounds, err = listGrounds(ctx, q, r.ID); err != nil {
		return f, err
	}
	if f.Items, err = listDataItems(ctx, q, r.ID); err != nil {
		return f, err
	}
	if f.DocGrounds, err = listDocumentGrounds(ctx, q, r.ID); err != nil {
		return f, err
	}
	f.Urgent, err = listRequests(ctx, q, `WHERE parent_id = ? AND kind = ? ORDER BY id`, r.ID, domain.KindProvisional)
	return f, err
}
