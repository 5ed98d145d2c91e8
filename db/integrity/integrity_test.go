package integrity_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/dbtest"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/integrity"
)

func TestRefsFindEveryTableWithAStorageKey(t *testing.T) {
	store, _ := dbtest.Open(t)
	ctx := context.Background()
	raw := dbtest.Raw(t, store)
	amal := dbtest.User(t, store, domain.RolePetitioner, "amal@example.org")
	r := dbtest.FileRequest(t, store, amal, domain.KindAccess, `{}`)
	_, err := raw.Exec(`INSERT INTO documents (request_id, uploaded_by, doc_type, original_name, content_type, size, sha256,
		storage_key, created_at) VALUES (?, ?, 'identity', 'id.pdf', 'application/pdf', 10, 'abc', ?, 0)`, r.ID, amal.ID, strings.Repeat("a", 32))
	require.NoError(t, err)
	// A table a later migration might add is found from the schema alone.
	_, err = raw.Exec(`CREATE TABLE exhibits (id INTEGER PRIMARY KEY, storage_key TEXT NOT NULL)`)
	require.NoError(t, err)
	_, err = raw.Exec(`INSERT INTO exhibits (storage_key) VALUES (?)`, strings.Repeat("b", 32))
	require.NoError(t, err)

	tables, err := integrity.StorageKeyTables(ctx, store.Reader())
	require.NoError(t, err)
	assert.Equal(t, []string{"applicant_documents", "certificate_documents", "consultation_documents", "documents", "exhibits"}, tables)
	refs, err := integrity.Refs(ctx, store.Reader())
	require.NoError(t, err)
	assert.Equal(t, []integrity.Ref{
		{Table: "documents", ID: 1, Key: strings.Repeat("a", 32), Size: 10, SHA256: "abc", Owner: "request " + r.Reference},
		{Table: "exhibits", ID: 1, Key: strings.Repeat("b", 32), Size: -1},
	}, refs)
	assert.Equal(t, "documents 1 (request "+r.Reference+")", refs[0].String())
	named, err := integrity.Named(ctx, store.Reader(), strings.Repeat("b", 32))
	require.NoError(t, err)
	assert.True(t, named)
}

func TestQuarantineLeavesAFileARowNamesMeanwhile(t *testing.T) {
	store, _ := dbtest.Open(t)
	ctx := context.Background()
	evidence := t.TempDir()
	blobs, err := blob.NewStore(evidence, bytes.Repeat([]byte{7}, 32))
	require.NoError(t, err)
	staged, err := blobs.Stage(bytes.NewReader([]byte("%PDF-1.7\nbody")), "a.pdf", 1000)
	require.NoError(t, err)
	require.NoError(t, blobs.Publish(staged))
	rel, err := blob.RelPath(staged.Key)
	require.NoError(t, err)
	old := time.Now().Add(-2 * time.Hour)
	require.NoError(t, os.Chtimes(filepath.Join(evidence, rel), old, old))

	rep, err := integrity.Check(ctx, store.Conn, integrity.Options{EvidenceDir: evidence, Blobs: blobs, Now: time.Now(), Grace: time.Hour})
	require.NoError(t, err)
	require.Len(t, rep.Orphans, 1)

	// The row commits after the check listed the file as an orphan.
	amal := dbtest.User(t, store, domain.RolePetitioner, "amal@example.org")
	r := dbtest.FileRequest(t, store, amal, domain.KindAccess, `{}`)
	_, err = dbtest.Raw(t, store).Exec(`INSERT INTO documents (request_id, uploaded_by, doc_type, original_name, content_type, size,
		sha256, storage_key, created_at) VALUES (?, ?, 'identity', 'a.pdf', 'application/pdf', 0, '', ?, 0)`, r.ID, amal.ID, staged.Key)
	require.NoError(t, err)

	quarantine := t.TempDir()
	stray := integrity.Orphan{Path: "blobs/zz/notes.txt"}
	require.NoError(t, os.MkdirAll(filepath.Join(evidence, "blobs", "zz"), 0o700))
	for range 2 { // a second file of the same name lands beside the first
		require.NoError(t, os.WriteFile(filepath.Join(evidence, "blobs", "zz", "notes.txt"), []byte("x"), 0o600))
		moved, err := integrity.Quarantine(ctx, store.Reader(), evidence, quarantine, append(rep.Orphans, stray))
		require.NoError(t, err)
		assert.Len(t, moved, 1)
	}
	assert.FileExists(t, filepath.Join(evidence, rel), "a file its row now names stays")
	assert.FileExists(t, filepath.Join(quarantine, "evidence", "blobs", "zz", "notes.txt"))
	assert.FileExists(t, filepath.Join(quarantine, "evidence", "blobs", "zz", "notes.txt.1"))
}

func TestCheckReportsBrokenForeignKeysAndSharedFiles(t *testing.T) {
	store, _ := dbtest.Open(t)
	ctx := context.Background()
	evidence := t.TempDir()
	blobs, err := blob.NewStore(evidence, bytes.Repeat([]byte{7}, 32))
	require.NoError(t, err)
	staged, err := blobs.Stage(bytes.NewReader([]byte("%PDF-1.7\nbody")), "a.pdf", 1000)
	require.NoError(t, err)
	require.NoError(t, blobs.Publish(staged))
	amal := dbtest.User(t, store, domain.RolePetitioner, "amal@example.org")
	raw := dbtest.Raw(t, store) // foreign keys are off on this connection
	_, err = raw.Exec(`INSERT INTO documents (request_id, uploaded_by, doc_type, original_name, content_type, size,
		sha256, storage_key, created_at) VALUES (4242, ?, 'identity', 'a.pdf', 'application/pdf', ?, ?, ?, 0)`,
		amal.ID, staged.Size, staged.SHA256, staged.Key)
	require.NoError(t, err)
	_, err = raw.Exec(`INSERT INTO applicants (id, created_by, created_at, updated_at) VALUES (1, ?, 0, 0)`, amal.ID)
	require.NoError(t, err)
	_, err = raw.Exec(`INSERT INTO applicant_documents (applicant_id, uploaded_by, doc_type, original_name, content_type, size,
		sha256, storage_key, created_at) VALUES (1, ?, 'identity', 'a.pdf', 'application/pdf', ?, ?, ?, 0)`,
		amal.ID, staged.Size, staged.SHA256, staged.Key)
	require.NoError(t, err)

	rep, err := integrity.Check(ctx, store.Conn, integrity.Options{EvidenceDir: evidence, Blobs: blobs, Now: time.Now(), Grace: time.Hour})
	require.NoError(t, err)
	var got []string
	for _, p := range rep.Problems {
		got = append(got, p.String())
	}
	assert.ElementsMatch(t, []string{
		"foreign key: documents row 1 refers to a requests row that does not exist",
		"shared: documents 1 (request 4242, which does not exist): names the same file as applicant_documents 1 (applicant 1); removing either would take the other's file",
	}, got)
	assert.Equal(t, 1, rep.Verified)
}
