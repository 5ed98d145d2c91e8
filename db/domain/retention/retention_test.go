package retention

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestADraftGoesOnlyAfterItsTimeAndAFullWarning(t *testing.T) {
	updated := time.Date(2026, 1, 10, 12, 0, 0, 0, time.UTC)
	assert.Equal(t, time.Date(2026, 7, 9, 12, 0, 0, 0, time.UTC), DeleteOn(updated, 180))
	assert.Equal(t, time.Date(2026, 6, 25, 12, 0, 0, 0, time.UTC), WarnFrom(updated, 180))
	assert.True(t, DeleteOn(updated, 0).IsZero(), "0 keeps drafts")

	warned := WarnFrom(updated, 180)
	assert.False(t, Due(updated, time.Time{}, 180, DeleteOn(updated, 180).AddDate(1, 0, 0)), "never warned, never deleted")
	assert.False(t, Due(updated, warned, 180, DeleteOn(updated, 180).Add(-time.Second)), "not yet")
	assert.True(t, Due(updated, warned, 180, DeleteOn(updated, 180)))
	assert.False(t, Due(updated, warned, 0, DeleteOn(updated, 180)), "drafts kept")

	late := DeleteOn(updated, 180).AddDate(0, 0, 3) // warned only after the day, e.g. the portal was down
	assert.False(t, Due(updated, late, 180, late.AddDate(0, 0, WarnDays-1)), "a full warning still")
	assert.True(t, Due(updated, late, 180, late.AddDate(0, 0, WarnDays)))

	edited := warned.Add(time.Hour)
	assert.False(t, Due(edited, warned, 180, DeleteOn(updated, 180)), "changed after the warning: its time starts again")
}
