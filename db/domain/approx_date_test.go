package domain

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// Where an approximate date is fine, a month and year or a year alone is
// accepted and kept with the precision given.
func TestApproximateDatesKeepTheirPrecision(t *testing.T) {
	assert.Equal(t, "2024-03", ParseApproxDate("", "3", "2024"))
	assert.Equal(t, "2024", ParseApproxDate("", "", "2024"))
	assert.Equal(t, "2024-03-07", ParseApproxDate("7", "3", "2024"))
	assert.Equal(t, "", ParseApproxDate(" ", "", ""))
	assert.Equal(t, "invalid:2024-13-", ParseApproxDate("", "13", "2024"))
	assert.Equal(t, "invalid:-3-7", ParseApproxDate("7", "3", ""), "a day without a year is no date")

	for v, want := range map[string][3]string{"2024-03": {"", "3", "2024"}, "2024": {"", "", "2024"}, "2024-03-07": {"7", "3", "2024"}} {
		d, m, y := DateParts(v)
		assert.Equal(t, want, [3]string{d, m, y}, v)
	}

	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	f := FieldSpec{Name: "issued_on", Kind: FieldDate, Date: PastDate, Approx: true}
	s := Section{Fields: []FieldSpec{f}}
	assert.Empty(t, s.Validate(Answers{"issued_on": "2024-03"}, now))
	assert.Empty(t, s.Validate(Answers{"issued_on": "2026"}, now), "this year so far")
	_, ok := s.Validate(Answers{"issued_on": "2027"}, now).For("issued_on")
	assert.True(t, ok, "a year ahead is not in the past")
	_, ok = s.Validate(Answers{"issued_on": "invalid:2024-13-"}, now).For("issued_on")
	assert.True(t, ok)
	exact := Section{Fields: []FieldSpec{{Name: "birth_date", Kind: FieldDate, Date: PastDate}}}
	_, ok = exact.Validate(Answers{"birth_date": "1985-07"}, now).For("birth_date")
	assert.True(t, ok, "a date of birth stays exact")
}
