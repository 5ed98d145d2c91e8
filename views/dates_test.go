package views

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/ccf-portal/ccfportal/views/i18n"
)

func TestDatesAreWrittenOutInEachLanguage(t *testing.T) {
	day := time.Date(2026, 2, 2, 14, 30, 0, 0, time.UTC)
	first := time.Date(2026, 3, 1, 9, 5, 0, 0, time.UTC)
	for tag, want := range map[string][2]string{
		"en": {"2 February 2026", "1 March 2026"},
		"fr": {"2 février 2026", "1er mars 2026"},
		"es": {"2 de febrero de 2026", "1 de marzo de 2026"},
		"ar": {"2 فبراير 2026", "1 مارس 2026"},
	} {
		ctx := i18n.WithLocale(context.Background(), i18n.Get(tag))
		assert.Equal(t, want[0], FormatDate(ctx, day), tag)
		assert.Equal(t, want[1], FormatDate(ctx, first), tag)
		assert.Contains(t, FormatDateTime(ctx, day), "14:30", "%s: times on the 24-hour clock", tag)
	}
}
