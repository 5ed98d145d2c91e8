package views

import (
	"time"

	"github.com/ccf-portal/ccfportal/db/domain/retention"
)

// DeleteOn is the day the draft is deleted if it is neither changed nor
// sent; the zero time when drafts are kept, or when an urgent request was
// prepared or sent on it (the store keeps a draft another request points
// to).
func (v DraftView) DeleteOn() time.Time {
	if len(v.Filing.Urgent) > 0 {
		return time.Time{}
	}
	return retention.DeleteOn(v.Request.UpdatedAt, v.Limits.DraftDays)
}
