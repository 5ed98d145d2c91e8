package main

import (
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTheDigestHourIsSevenUTCByDefaultAndSetByFlagOrEnvironment(t *testing.T) {
	cfg, err := parseServeFlags(nil, io.Discard)
	require.NoError(t, err)
	assert.EqualValues(t, 7, cfg.digestHour)
	t.Setenv("CCF_DIGEST_HOUR", "5")
	cfg, err = parseServeFlags(nil, io.Discard)
	require.NoError(t, err)
	assert.EqualValues(t, 5, cfg.digestHour)
	cfg, err = parseServeFlags([]string{"-digest-hour", "22"}, io.Discard)
	require.NoError(t, err)
	assert.EqualValues(t, 22, cfg.digestHour)
	_, err = parseServeFlags([]string{"-digest-hour", "24"}, io.Discard)
	assert.Error(t, err, "an hour of the day")
}
