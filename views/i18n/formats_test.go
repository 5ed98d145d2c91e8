package i18n

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// A message's format is kept after its first look-up: later calls give the
// same text, with their own arguments, in each locale's own words.
func TestKeptFormatsAnswerLikeTheFirstLookUp(t *testing.T) {
	for range 2 {
		assert.Equal(t, "2.5 MB", Get("en").T("size.megabytes", 2.5))
		assert.Equal(t, "7.5 MB", Get("en").T("size.megabytes", 7.5))
		assert.Equal(t, "2,5 Mo", Get("fr").T("size.megabytes", 2.5))
		assert.Equal(t, "no.such.key", Get("fr").T("no.such.key"))
	}
	_, kept := Get("en").formats.Load("size.megabytes")
	assert.True(t, kept)
	_, kept = Get("fr").formats.Load("no.such.key")
	assert.False(t, kept, "a missing key is looked up (and logged) every time")
}
