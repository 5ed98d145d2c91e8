// Package retention holds the rule for drafts never sent: how long they
// are kept after their last change, when their filer is warned, and when
// they may go. Pure Go, like the rest of the procedure.
package retention

import "time"

// DefaultDays is how long an unsent draft is kept after its last change
// unless the operator says otherwise: half a year, long enough for a
// person to gather papers from abroad, short enough that a half-written
// account of someone's persecution does not stay on a server for good.
const DefaultDays = 180

// WarnDays is how long before a draft's deletion its filer is told.
const WarnDays = 14

// DeleteOn is the day a draft last changed at updated is deleted when
// drafts are kept days; the zero time when days is 0 (drafts kept).
func DeleteOn(updated time.Time, days int) time.Time {
	if days <= 0 {
		return time.Time{}
	}
	return updated.AddDate(0, 0, days)
}

// WarnFrom is when the filer of a draft last changed at updated is warned.
func WarnFrom(updated time.Time, days int) time.Time {
	return DeleteOn(updated, days).AddDate(0, 0, -WarnDays)
}

// Due reports whether a draft may be deleted at now: its time is up, and
// its filer was warned after its last change at least WarnDays ago, so
// that a portal that was down, or a policy just switched on, still gives
// every filer the full notice.
func Due(updated, warned time.Time, days int, now time.Time) bool {
	if days <= 0 || warned.IsZero() || warned.Before(updated) {
		return false
	}
	return !now.Before(DeleteOn(updated, days)) && !now.Before(warned.AddDate(0, 0, WarnDays))
}
