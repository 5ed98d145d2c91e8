package main

import (
	"bytes"
	"context"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAuditVerifyReportsTheFirstBrokenLink(t *testing.T) {
	data := t.TempDir()
	ctx := context.Background()
	assert.ErrorContains(t, run(ctx, []string{"audit"}, nil, io.Discard, io.Discard), "usage")
	for range 3 {
		require.NoError(t, run(ctx, []string{"seed", "-data", data, "-n", "3", "-documents", "0"}, nil, io.Discard, io.Discard))
	}
	var out bytes.Buffer
	require.NoError(t, run(ctx, []string{"audit", "verify", "-data", data}, nil, &out, io.Discard))
	assert.Contains(t, out.String(), "Audit log intact: 3 entries.")
	assert.Contains(t, out.String(), "Last hash: ")

	conn := openFile(t, data)
	_, err := conn.Exec(`UPDATE audit_log SET detail = 'requests=300' WHERE id = 2`)
	assert.ErrorContains(t, err, "append-only", "the guard holds")
	_, err = conn.Exec(`DROP TRIGGER audit_log_no_update`)
	require.NoError(t, err)
	_, err = conn.Exec(`UPDATE audit_log SET detail = 'requests=300' WHERE id = 2`)
	require.NoError(t, err)

	out.Reset()
	err = run(ctx, []string{"audit", "verify", "-data", data}, nil, &out, io.Discard)
	assert.ErrorIs(t, err, errAuditBroken)
	assert.Contains(t, out.String(), "Audit log BROKEN at entry 2: its content does not match its hash")
	assert.Contains(t, out.String(), "1 entries before it are intact")
}
