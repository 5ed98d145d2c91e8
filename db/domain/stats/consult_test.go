package stats

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/ccf-portal/ccfportal/db/domain/consult"
)

func TestBuildConsultCountsTheYearAndWhatIsOverdueToday(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	rows := []Consulted{
		{consult.SourceNCB, "2025-01-01", "2025-02-01", "2025-01-31", ""}, // 30 days
		{consult.SourceNCB, "2025-12-31", "2026-01-31", "2026-01-02", ""}, // 2 days, sent on the last day of the year
		{consult.SourceNCB, "2026-01-01", "2026-03-01", "", ""},           // another year, overdue today
		{consult.OtherNCB, "2025-05-01", "2026-03-02", "", ""},            // due today: not overdue yet
		{consult.OtherNCB, "2025-05-01", "2025-06-01", "", "2025-06-02"},  // no reply recorded
		{"unknown", "2025-05-01", "2025-06-01", "", ""},                   // not a recipient: ignored
	}
	got := BuildConsult(rows, StaffFilter{Year: 2025}, now)
	assert.Equal(t, ConsultLine{Recipient: consult.SourceNCB, Sent: 2, Replied: 2, MedianDays: Cell{Value: 2}, OverdueNow: 1}, got.Lines[0],
		"the median of 2 and 30 is the lower middle one")
	assert.Equal(t, ConsultLine{Recipient: consult.OtherNCB, Sent: 2, NoReply: 1, Awaiting: 1, MedianDays: Cell{Hidden: Protected}}, got.Lines[2])
	assert.Equal(t, ConsultLine{Sent: 4, Replied: 2, NoReply: 1, Awaiting: 1, MedianDays: Cell{Value: 2}, OverdueNow: 1}, got.All)
}
