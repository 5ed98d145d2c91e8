package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/db/domain"
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

// checkpointStore writes a checkpoint of data's audit log as the portal
// does, with the keys of its secrets file.
func checkpointStore(t *testing.T, data string) {
	t.Helper()
	ctx := context.Background()
	store, err := db.Open(ctx, filepath.Join(data, "ccf.db"), domain.SystemClock{})
	require.NoError(t, err)
	defer store.Close()
	secrets, err := loadExistingSecrets(keysFile(data))
	require.NoError(t, err)
	require.NoError(t, store.LoadKeys(secrets.EncryptionKey))
	wrote, err := store.WriteCheckpoint(ctx, anchorFile(data))
	require.NoError(t, err)
	assert.True(t, wrote)
}

// Entries removed from the end of the log, and a chain rebuilt after the
// cut, are both found by the checkpoints, which nobody without the keys
// can rewrite.
func TestAuditVerifyFindsTruncationAndRewritingThroughTheCheckpoints(t *testing.T) {
	data := t.TempDir()
	ctx := context.Background()
	for range 3 {
		require.NoError(t, run(ctx, []string{"seed", "-data", data, "-n", "3", "-documents", "0"}, nil, io.Discard, io.Discard))
	}
	var out bytes.Buffer
	require.NoError(t, run(ctx, []string{"audit", "verify", "-data", data}, nil, &out, io.Discard))
	assert.Contains(t, out.String(), "No checkpoints yet")
	checkpointStore(t, data)
	out.Reset()
	require.NoError(t, run(ctx, []string{"audit", "verify", "-data", data}, nil, &out, io.Discard))
	assert.Contains(t, out.String(), "Checkpoints hold: 1, the last at entry 3")
	anchor, err := os.ReadFile(anchorFile(data))
	require.NoError(t, err)
	info, err := os.Stat(anchorFile(data))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())

	conn := openFile(t, data)
	_, err = conn.Exec(`DROP TRIGGER audit_log_no_delete`)
	require.NoError(t, err)
	_, err = conn.Exec(`DELETE FROM audit_log WHERE id = 3`)
	require.NoError(t, err)
	out.Reset()
	err = run(ctx, []string{"audit", "verify", "-data", data}, nil, &out, io.Discard)
	assert.ErrorIs(t, err, errAuditBroken, "the chain alone looks intact: %s", out.String())
	assert.Contains(t, out.String(), "Audit log intact: 2 entries.")
	assert.Contains(t, out.String(), "entry 3, checkpointed, is gone")

	// The cut is hidden by a new entry 3 on the shortened chain.
	require.NoError(t, run(ctx, []string{"seed", "-data", data, "-n", "1", "-documents", "0"}, nil, io.Discard, io.Discard))
	out.Reset()
	err = run(ctx, []string{"audit", "verify", "-data", data}, nil, &out, io.Discard)
	assert.ErrorIs(t, err, errAuditBroken)
	assert.Contains(t, out.String(), "entry 3 no longer has the hash it had when checkpointed")

	// A forged line, made without the keys, is refused.
	forged := strings.Replace(string(anchor), " ", "  ", 1)
	forged = strings.TrimSuffix(forged, "\n") + "0\n"
	require.NoError(t, os.WriteFile(anchorFile(data), []byte(forged), 0o600))
	out.Reset()
	err = run(ctx, []string{"audit", "verify", "-data", data}, nil, &out, io.Discard)
	assert.ErrorIs(t, err, errAuditBroken)
	assert.Contains(t, out.String(), "line 1 of the anchor file is not one the portal wrote")
}
