package views

import (
	"context"
	"time"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// detentionText says since when the person of an urgent request is held:
// the date given, or that they were held when the request was made.
func detentionText(ctx context.Context, a domain.Answers) string {
	since, err := time.Parse(time.DateOnly, a["urgent_detained_since"])
	if err != nil {
		return T(ctx, "case.detained_at_filing")
	}
	return T(ctx, "case.detained_since", FormatDate(ctx, since))
}
