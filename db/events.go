package db

import (
	"context"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// Timeline returns a request's events in order. Internal entries are
// included only for staff.
func (db *DB) Timeline(ctx context.Context, requestID int64, includeInternal bool) ([]domain.Event, error) {
	return readTimeline(ctx, db.Reader(), requestID, includeInternal)
}
