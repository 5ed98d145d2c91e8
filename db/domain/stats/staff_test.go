package stats

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/ccf-portal/ccfportal/db/domain"
)

func TestParseStaffFilterKeepsOnlyKnownValues(t *testing.T) {
	assert.Equal(t, StaffFilter{Year: 2025, Kind: domain.KindDeletion, Country: "TR"}, ParseStaffFilter("2025", "deletion", "tr", "", asOf))
	assert.Equal(t, StaffFilter{Year: 2026, Country: domain.UnknownCountry}, ParseStaffFilter("2031", "nonsense", "unknown", "-3", asOf))
	assert.Equal(t, StaffFilter{Year: 2026}, ParseStaffFilter("1990", "", "ZZ", "x", asOf), "only years the statistics cover, only member countries")
	assert.Equal(t, []domain.Kind{domain.KindDeletion, domain.KindCorrection}, StaffFilter{Kind: domain.KindDeletion}.Kinds())
	assert.Nil(t, StaffFilter{}.Kinds())
	since, until := StaffFilter{Year: 2025}.Span()
	assert.Equal(t, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), since)
	assert.Equal(t, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), until)
	assert.Equal(t, StaffFilter{Year: 2026, Session: 7}, ParseStaffFilter("", "", "", "7", asOf), "a session by its id")
	assert.Equal(t, "year=2025 kind=deletion country=TR session=0", StaffFilter{Year: 2025, Kind: domain.KindDeletion, Country: "TR"}.Detail())
}

func TestAgeLimitsFollowTheTimeLimits(t *testing.T) {
	assert.Equal(t, []time.Time{
		time.Date(2026, 2, 2, 9, 0, 0, 0, time.UTC), time.Date(2025, 11, 2, 9, 0, 0, 0, time.UTC),
		time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC), time.Date(2025, 3, 2, 9, 0, 0, 0, time.UTC),
	}, AgeLimits(asOf))
}

func TestBuildStaffHidesNothingAndKeepsTheYear(t *testing.T) {
	raw := Raw{Filed: []Filed{{2025, domain.KindAccess, false, "TR", 2}, {2024, domain.KindAccess, false, "TR", 9}}}
	rep := BuildStaff(StaffFilter{Year: 2025}, raw, nil, []AgeCount{{domain.KindCorrection, 2, 3}}, asOf)
	received := rep.Report.Tables[0]
	assert.Equal(t, []int{2025}, received.Years)
	assert.Equal(t, Cell{Value: 2}, received.Cells[0][0], "a count of 2 is shown to staff")
	assert.Equal(t, []Cell{{Value: 2}}, received.Totals)
	assert.Equal(t, 3, rep.Ages.Counts[1][2], "correction counted with deletion")
}
