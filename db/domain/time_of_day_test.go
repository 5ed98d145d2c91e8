package domain

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestATimeOfDayIsKeptOnTheTwentyFourHourClockWhateverTheSeparator(t *testing.T) {
	for typed, kept := range map[string]string{
		"14:30": "14:30", " 14.30 ": "14:30", "14h30": "14:30", "14 h 30": "14:30",
		"1430": "14:30", "9:05": "09:05", "00:00": "00:00", "23:59": "23:59",
	} {
		assert.Equal(t, kept, StandardTime(typed), typed)
	}
	f := FieldSpec{Name: "urgent_time", Kind: FieldTime}
	for _, refused := range []string{"24:00", "2:30 PM", "noon", "14:3", "143"} {
		var errs FieldErrors
		f.Check(Answers{f.Name: StandardTime(refused)}, time.Time{}, &errs)
		assert.NotEmpty(t, errs, "%q is not a time on the 24-hour clock", refused)
	}
}
