package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/conn"
	"github.com/ccf-portal/ccfportal/db/integrity"
)

// loadWriters runs writers through the store until stop is closed: drafts
// with documents (some removed again), further submissions, applicant
// documents and audited case views. Each sends on ticks after every round.
func loadWriters(t *testing.T, f *fixture, n int, stop <-chan struct{}, ticks chan<- int) *sync.WaitGroup {
	ctx := context.Background()
	r := f.filed(t)
	a := f.applicant(t)
	var wg sync.WaitGroup
	for w := range n {
		wg.Go(func() {
			for round := 0; ; round++ {
				select {
				case <-stop:
					return
				default:
				}
				draft, d, err := f.draftDocument(ctx)
				assert.NoError(t, err)
				if err == nil && round%2 == w%2 {
					assert.NoError(t, f.store.RemoveDocument(ctx, draft, d.ID, f.blobs))
				}
				assert.NoError(t, f.furtherDocument(ctx, r))
				assert.NoError(t, f.applicantDocument(ctx, a))
				_, err = f.store.OpenCase(ctx, f.staff, r.ID)
				assert.NoError(t, err)
				select {
				case ticks <- w:
				case <-stop:
					return
				}
			}
		})
	}
	return &wg
}

// awaitRounds waits until the writers have finished n more rounds between them.
func awaitRounds(ticks <-chan int, n int) {
	for range n {
		<-ticks
	}
}

func TestBackupUnderWriteLoadRestoresExactlyTheSnapshot(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"backup.tar", "backup.tar.gz"} {
		t.Run(name, func(t *testing.T) {
			f := newFixture(t)
			f.populate(t)
			out := filepath.Join(t.TempDir(), name)

			stop, ticks := make(chan struct{}), make(chan int)
			wg := loadWriters(t, f, 3, stop, ticks)
			awaitRounds(ticks, 6) // the load is under way
			backupOut, err := f.run(t, "backup", "-data", f.data, "-out", out)
			awaitRounds(ticks, 6) // and went on after the snapshot
			close(stop)
			wg.Wait()
			require.NoError(t, err, backupOut)
			assert.Contains(t, backupOut, "Backup written to "+out)
			assert.Contains(t, backupOut, "It holds no keys")

			entries := archiveEntries(t, out)
			var m manifest
			require.NoError(t, json.Unmarshal(entries[manifestName], &m))
			migrations, err := filepath.Glob(filepath.Join("..", "..", "db", "conn", "migrations", "*.sql"))
			require.NoError(t, err)
			assert.Equal(t, filepath.Base(migrations[len(migrations)-1]), m.SchemaVersion, "the newest migration")
			assert.Len(t, m.Files, len(entries)-1, "the manifest lists every other entry")
			for name := range entries {
				assert.NotContains(t, name, "secrets", "no key material in the archive")
			}
			secrets, _ := os.ReadFile(keysFile(f.data))
			var keys struct {
				EncryptionKey []byte `json:"encryption_key"`
			}
			require.NoError(t, json.Unmarshal(secrets, &keys))
			for name, body := range entries {
				assert.NotContains(t, string(body), string(keys.EncryptionKey), name)
			}
			live, err := integrity.RowCounts(context.Background(), f.store.Reader())
			require.NoError(t, err)
			assert.Greater(t, live["documents"], m.Rows["documents"], "writes after the snapshot are not in it")
			assert.Greater(t, live["audit_log"], m.Rows["audit_log"])

			restored := filepath.Join(t.TempDir(), "restored")
			restoreOut, err := f.run(t, "restore", "-in", out, "-data", restored, "-secrets", keysFile(f.data))
			require.NoError(t, err, restoreOut)
			assert.Contains(t, restoreOut, "Every evidence file opens with the key")

			// Row counts and every file's SHA-256 are the snapshot's.
			rc, err := conn.OpenExisting(context.Background(), filepath.Join(restored, "ccf.db"))
			require.NoError(t, err)
			counts, err := integrity.RowCounts(context.Background(), rc.Reader())
			require.NoError(t, err)
			refs, err := integrity.Refs(context.Background(), rc.Reader())
			require.NoError(t, err)
			require.NoError(t, rc.Close())
			assert.Equal(t, m.Rows, counts)
			assert.EqualValues(t, len(refs), m.Rows["documents"]+m.Rows["applicant_documents"])
			assert.Equal(t, len(refs), m.evidenceFiles(), "exactly the files the snapshot names")
			for _, mf := range m.Files {
				got := filepath.Join(restored, filepath.FromSlash(mf.Path))
				assert.Equal(t, mf.SHA256, fileSHA256(t, got), mf.Path)
				if strings.HasPrefix(mf.Path, evidencePrefix) {
					assert.Equal(t, fileSHA256(t, filepath.Join(f.data, filepath.FromSlash(mf.Path))), mf.SHA256,
						"the archived file is the live one, byte for byte")
				}
			}
			dbFile, _ := m.file(dbEntryName)
			assert.Equal(t, dbFile, manifestFile{Path: dbEntryName, Size: fileSize(t, filepath.Join(restored, "ccf.db")),
				SHA256: fileSHA256(t, filepath.Join(restored, "ccf.db"))})

			// The restored store, with the same keys, passes every check.
			checkOut, err := f.run(t, "check", "-data", restored, "-secrets", keysFile(f.data))
			require.NoError(t, err, checkOut)
			assert.Contains(t, checkOut, "The store is healthy.")
			leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".*"))
			assert.Empty(t, leftovers, "no temporary files are left beside the archive")
		})
	}
}

func TestBackupNeedsOutAndAnExistingStore(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	_, err := f.run(t, "backup", "-data", f.data)
	assert.ErrorContains(t, err, "usage")
	empty := t.TempDir()
	_, err = f.run(t, "backup", "-data", empty, "-out", filepath.Join(t.TempDir(), "b.tar"))
	assert.ErrorIs(t, err, os.ErrNotExist)
	_, statErr := os.Stat(filepath.Join(empty, "ccf.db"))
	assert.ErrorIs(t, statErr, os.ErrNotExist, "backup never creates a database")
}

func TestBackupOfAStoreMissingAFileSaysSoAndFails(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.populate(t)
	key := f.keyOf(t, "applicant_documents", 1)
	require.NoError(t, os.Remove(f.blobPath(t, key)))
	out := filepath.Join(t.TempDir(), "b.tar")
	printed, err := f.run(t, "backup", "-data", f.data, "-out", out)
	assert.ErrorIs(t, err, errBackupIncomplete)
	assert.Contains(t, printed, "MISSING from the store, not in the backup: applicant_documents 1 (applicant 1)")
	var m manifest
	require.NoError(t, json.Unmarshal(archiveEntries(t, out)[manifestName], &m))
	assert.Len(t, m.Missing, 1, "the archive is written and records what it lacks")
}

func TestBackupStartsAgainWhenAFileGoesWithItsRowAfterTheSnapshot(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	draft, d, err := f.draftDocument(ctx)
	require.NoError(t, err)
	work := t.TempDir()
	snap := filepath.Join(work, "snap.db")
	require.NoError(t, f.store.SnapshotTo(ctx, snap))
	_, refs, err := describeSnapshot(ctx, snap, time.Now())
	require.NoError(t, err)
	require.Len(t, refs, 1)
	require.NoError(t, f.store.RemoveDocument(ctx, draft, d.ID, f.blobs))

	a, err := createArchive(filepath.Join(work, "b.tar"), false, time.Now())
	require.NoError(t, err)
	defer a.abort()
	_, err = addEvidence(ctx, a, f.store.Conn, filepath.Join(f.data, "evidence"), refs)
	assert.ErrorIs(t, err, errEvidenceVanished, "the snapshot names a file the store rightly no longer has")
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	info, err := os.Stat(path)
	require.NoError(t, err)
	return info.Size()
}
