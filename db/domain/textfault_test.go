package domain

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestTextFault(t *testing.T) {
	assert.Empty(t, TextFault("Amal حداد, née 1984", false))
	assert.Empty(t, TextFault("line one\r\nline two\tend", true))
	for _, bad := range []string{"a\x00b", "a\x1bb", "a\x7fb", "a\u0085b", "a\xffb"} {
		assert.Equal(t, "answer.control_chars", TextFault(bad, true), "%q", bad)
	}
	assert.Equal(t, "answer.control_chars", TextFault("a\nb", false))
}
