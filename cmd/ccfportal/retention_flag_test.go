package main

import (
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDraftRetentionFlag(t *testing.T) {
	def, err := parseServeFlags(nil, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, 180, def.limits.DraftDays, "half a year by default")
	off, err := parseServeFlags([]string{"-draft-retention-days", "0"}, io.Discard)
	require.NoError(t, err)
	assert.Zero(t, off.limits.DraftDays, "0 keeps drafts")
	for _, bad := range []string{"-1", "14"} {
		_, err := parseServeFlags([]string{"-draft-retention-days", bad}, io.Discard)
		assert.ErrorContains(t, err, "-draft-retention-days", bad+": shorter than the warning")
	}
}
