package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckPassesOnAHealthyStore(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.populate(t)
	printed, err := f.run(t, "check", "-data", f.data)
	require.NoError(t, err, printed)
	assert.Contains(t, printed, "Evidence: 9 rows name a file (applicant_documents 3, documents 6); 9 files opened and matched their row; 9 files in")
	assert.Contains(t, printed, "Audit log intact: 3 entries.")
	assert.Contains(t, printed, "The store is healthy.")
}

func TestCheckNeedsTheStoresSecretsAndNeverMakesThem(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	elsewhere := filepath.Join(t.TempDir(), "secrets.json")
	_, err := f.run(t, "check", "-data", f.data, "-secrets", elsewhere)
	assert.ErrorContains(t, err, "not found")
	assert.NoFileExists(t, elsewhere)
}

func TestCheckReportsEachProblemWithTheDocumentItBelongsTo(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.populate(t)
	raw := f.raw(t)
	var docID int64
	var ref string
	require.NoError(t, raw.QueryRow(`SELECT d.id, r.reference FROM documents d JOIN requests r ON r.id = d.request_id
		WHERE r.reference IS NOT NULL ORDER BY d.id LIMIT 1`).Scan(&docID, &ref))

	// One byte flipped deep inside an evidence file.
	damaged := f.blobPath(t, f.keyOf(t, "documents", docID))
	body, err := os.ReadFile(damaged)
	require.NoError(t, err)
	body[len(body)-20] ^= 0x80
	require.NoError(t, os.WriteFile(damaged, body, 0o600))
	// A file gone.
	require.NoError(t, os.Remove(f.blobPath(t, f.keyOf(t, "applicant_documents", 2))))
	// A file no row names, old enough to be no upload in progress, and a
	// fresh one, which may be.
	orphan := f.blobPath(t, "ab"+strings.Repeat("0", 30))
	require.NoError(t, os.MkdirAll(filepath.Dir(orphan), 0o700))
	require.NoError(t, os.WriteFile(orphan, body, 0o600))
	old := time.Now().Add(-2 * time.Hour)
	require.NoError(t, os.Chtimes(orphan, old, old))
	fresh := f.blobPath(t, "cd"+strings.Repeat("0", 30))
	require.NoError(t, os.MkdirAll(filepath.Dir(fresh), 0o700))
	require.NoError(t, os.WriteFile(fresh, body, 0o600))
	// An audit entry altered behind the triggers' back.
	_, err = raw.Exec(`DROP TRIGGER audit_log_no_update`)
	require.NoError(t, err)
	_, err = raw.Exec(`UPDATE audit_log SET detail = 'nothing to see' WHERE id = 2`)
	require.NoError(t, err)

	printed, err := f.run(t, "check", "-data", f.data)
	assert.ErrorIs(t, err, errCheckFailed)
	assert.Contains(t, printed, "PROBLEMS (4):")
	assert.Regexp(t, `damaged: documents \d+ \(request `+ref+`\): its file evidence/blobs/\S+ fails authentication`, printed)
	assert.Contains(t, printed, "missing: applicant_documents 2 (applicant 1): its file evidence/blobs/")
	assert.Contains(t, printed, "orphan: evidence/blobs/ab/ab"+strings.Repeat("0", 30)+" is named by no row")
	assert.Contains(t, printed, "audit: the chain breaks at entry 2: its content does not match its hash")
	assert.Contains(t, printed, "Not counted: evidence/blobs/cd/cd"+strings.Repeat("0", 30))
	assert.Contains(t, printed, "Problems remaining: 4.")
}

func TestCheckFindsAFileThatDecryptsToAnotherDocument(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.populate(t)
	// Two valid files swapped: each authenticates, neither is its row's.
	a, b := f.blobPath(t, f.keyOf(t, "documents", 1)), f.blobPath(t, f.keyOf(t, "documents", 2))
	tmp := a + ".swap"
	require.NoError(t, os.Rename(a, tmp))
	require.NoError(t, os.Rename(b, a))
	require.NoError(t, os.Rename(tmp, b))
	printed, err := f.run(t, "check", "-data", f.data)
	assert.ErrorIs(t, err, errCheckFailed)
	assert.Contains(t, printed, "mismatch: documents 1 (draft request ")
	assert.Contains(t, printed, "mismatch: documents 2 ")
}

func TestCheckRepairMovesOrphansAsideAndDeletesNothing(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.populate(t)
	key := "ef" + strings.Repeat("1", 30)
	orphan := f.blobPath(t, key)
	require.NoError(t, os.MkdirAll(filepath.Dir(orphan), 0o700))
	require.NoError(t, os.WriteFile(orphan, []byte("left by a crash"), 0o600))
	old := time.Now().Add(-2 * time.Hour)
	require.NoError(t, os.Chtimes(orphan, old, old))

	printed, err := f.run(t, "check", "-data", f.data)
	assert.ErrorIs(t, err, errCheckFailed, "without -repair the orphan stays and fails the check")
	assert.Contains(t, printed, "orphan")
	assert.FileExists(t, orphan)

	printed, err = f.run(t, "check", "-data", f.data, "-repair")
	require.NoError(t, err, printed)
	moved := filepath.Join(f.data, "quarantine", "evidence", "blobs", "ef", key)
	assert.Contains(t, printed, "Moved aside: "+moved)
	assert.NoFileExists(t, orphan)
	body, err := os.ReadFile(moved)
	require.NoError(t, err)
	assert.Equal(t, "left by a crash", string(body))

	printed, err = f.run(t, "check", "-data", f.data)
	require.NoError(t, err, printed)
	assert.Contains(t, printed, "The store is healthy.")
}
