package chamber

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/ccf-portal/ccfportal/db/domain"
)

func TestANewSessionTakesItsYearFromItsFirstDay(t *testing.T) {
	s, errs := ValidateNew(NewInput{Number: " 3 ", StartsOn: "2026-12-30", EndsOn: "2027-01-02"})
	assert.False(t, errs.Any())
	assert.Equal(t, "2026/3", s.Label())

	_, errs = ValidateNew(NewInput{Number: "0", StartsOn: "2026-05-02", EndsOn: "2026-05-01"})
	assert.True(t, has(errs, "number"))
	assert.True(t, has(errs, "ends_on"))
	_, errs = ValidateNew(NewInput{Number: "x"})
	assert.True(t, has(errs, "starts_on"))
}

func TestUpcomingSessionsComeFirstSoonestOnTop(t *testing.T) {
	now := domain.NewFixedClock(time.Date(2026, 6, 10, 9, 0, 0, 0, time.UTC)).Now()
	list := []Session{
		{Year: 2026, Number: 1, StartsOn: "2026-02-01", EndsOn: "2026-02-03"},
		{Year: 2026, Number: 4, StartsOn: "2026-11-01", EndsOn: "2026-11-03"},
		{Year: 2026, Number: 2, StartsOn: "2026-04-01", EndsOn: "2026-04-03"},
		{Year: 2026, Number: 3, StartsOn: "2026-06-09", EndsOn: "2026-06-10"}, // under way today
	}
	SortForList(list, now)
	var got []int
	for _, s := range list {
		got = append(got, s.Number)
	}
	assert.Equal(t, []int{3, 4, 2, 1}, got)
	assert.Equal(t, 5, NextNumber(list, 2026))
	assert.Equal(t, 1, NextNumber(list, 2027))
}

func TestOnlyAPendingAdmissibleCaseGoesOnAnAgenda(t *testing.T) {
	for _, s := range []domain.Status{domain.StatusAdmissible, domain.StatusUnderReview} {
		assert.NoError(t, CanPlace(s), s)
	}
	for _, s := range []domain.Status{domain.StatusSubmitted, domain.StatusAwaitingApplicant, domain.StatusDecided,
		domain.StatusWithdrawn, domain.StatusInadmissible, domain.StatusClosed} {
		assert.Equal(t, domain.EConflict, domain.ErrorCode(CanPlace(s)), s)
	}
	assert.Error(t, CanTakeOff(true))
	assert.NoError(t, CanTakeOff(false))
	assert.True(t, StageSentToGS.Adopted())
	assert.False(t, StageDrafted.Adopted())
}

func has(errs domain.FieldErrors, field string) bool {
	_, ok := errs.For(field)
	return ok
}
