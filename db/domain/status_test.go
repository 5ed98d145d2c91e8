package domain

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestStatusMachine(t *testing.T) {
	legal := [][2]Status{
		{StatusDraft, StatusSubmitted},
		{StatusSubmitted, StatusAdmissible},
		{StatusSubmitted, StatusInadmissible},
		{StatusAdmissible, StatusUnderReview},
		{StatusUnderReview, StatusAwaitingApplicant},
		{StatusAwaitingApplicant, StatusUnderReview},
		{StatusUnderReview, StatusDecided},
		{StatusDecided, StatusClosed},
		{StatusUnderReview, StatusWithdrawn},
	}
	for _, tr := range legal {
		assert.NoError(t, CheckTransition(tr[0], tr[1]), "%s -> %s", tr[0], tr[1])
	}
	illegal := [][2]Status{
		{StatusDraft, StatusDecided},
		{StatusInadmissible, StatusDecided},
		{StatusDecided, StatusDecided},
		{StatusClosed, StatusSubmitted},
		{StatusSubmitted, StatusDraft},
		{StatusWithdrawn, StatusUnderReview},
	}
	for _, tr := range illegal {
		err := CheckTransition(tr[0], tr[1])
		assert.Equal(t, EConflict, ErrorCode(err), "%s -> %s", tr[0], tr[1])
	}
	for from := range transitions {
		for _, to := range transitions[from] {
			_, known := transitions[to]
			assert.True(t, known, "%s leads to unknown %s", from, to)
		}
	}
}

func TestOpenStatuses(t *testing.T) {
	assert.True(t, StatusSubmitted.IsOpen())
	assert.True(t, StatusAwaitingApplicant.IsOpen())
	assert.False(t, StatusDraft.IsOpen())
	assert.False(t, StatusDecided.IsOpen())
	assert.False(t, StatusClosed.IsOpen())
}

func TestDueDates(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 10, 0, 0, 0, time.UTC) }
	cases := []struct {
		kind       Kind
		admissible time.Time
		want       time.Time
	}{
		{KindAccess, day(2026, 3, 2), day(2026, 7, 2)},
		{KindDeletion, day(2026, 3, 2), day(2026, 12, 2)},
		{KindCorrection, day(2026, 5, 15), day(2027, 2, 15)},
		{KindAccess, day(2026, 10, 31), day(2027, 2, 28)},
		{KindAccess, day(2027, 10, 31), day(2028, 2, 29)},
		{KindDeletion, day(2026, 5, 31), day(2027, 2, 28)},
	}
	for _, tc := range cases {
		got, ok := DueDate(tc.kind, tc.admissible)
		assert.True(t, ok)
		assert.Equal(t, tc.want, got, "%s from %s", tc.kind, tc.admissible.Format(time.DateOnly))
	}
	_, ok := DueDate(KindProvisional, day(2026, 1, 1))
	assert.False(t, ok, "provisional measures have no statutory time limit")
}

func TestDaysLeft(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	assert.Equal(t, 10, DaysLeft(now.Add(10*24*time.Hour), now))
	assert.Equal(t, 0, DaysLeft(now.Add(5*time.Hour), now))
	assert.Equal(t, -3, DaysLeft(now.Add(-3*24*time.Hour), now))
}
