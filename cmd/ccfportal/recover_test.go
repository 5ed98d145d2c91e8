package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/web"
)

func TestASecondProcessRefusesADataFolderInUse(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	unlock, err := lockData(data)
	require.NoError(t, err)

	_, err = lockData(data)
	assert.ErrorContains(t, err, "is in use by another ccfportal process")
	err = run(context.Background(), []string{"serve", "-addr", "127.0.0.1:0", "-data", data}, nil, io.Discard, io.Discard)
	assert.ErrorContains(t, err, "is in use by another ccfportal process", "a second server does not start")
	err = run(context.Background(), []string{"seed", "-n", "1", "-data", data}, nil, io.Discard, io.Discard)
	assert.ErrorContains(t, err, "is in use by another ccfportal process", "nor does seeding")
	assert.NoFileExists(t, filepath.Join(data, "ccf.db"), "the refused process touched nothing")

	unlock()
	again, err := lockData(data)
	require.NoError(t, err, "the lock goes with its holder; the file left behind does no harm")
	again()
}

func TestStartUpClearsTempFilesAndQuarantinesFilesWithoutARecord(t *testing.T) {
	data := t.TempDir()
	ctx := context.Background()
	require.NoError(t, run(ctx, []string{"seed", "-data", data, "-n", "12", "-documents", "3"}, nil, io.Discard, io.Discard))

	secrets, err := web.LoadOrCreateSecrets(keysFile(data))
	require.NoError(t, err)
	blobs, err := blob.NewStore(filepath.Join(data, "evidence"), secrets.EncryptionKey)
	require.NoError(t, err)
	// What a crash leaves: an upload still being staged, and a file
	// published whose row never committed.
	_, err = blobs.Stage(strings.NewReader("%PDF-1.4\nhalf an upload\n"), "scan.pdf", 1_000_000)
	require.NoError(t, err)
	orphan, err := blobs.Stage(strings.NewReader("%PDF-1.4\nnever recorded\n"), "scan.pdf", 1_000_000)
	require.NoError(t, err)
	require.NoError(t, blobs.Publish(orphan))
	tmp, err := os.ReadDir(filepath.Join(data, "evidence", "tmp"))
	require.NoError(t, err)
	require.Len(t, tmp, 1, "the fresh temp file is there before start-up")

	store, err := db.Open(ctx, filepath.Join(data, "ccf.db"), domain.SystemClock{})
	require.NoError(t, err)
	defer store.Close()
	recorded, err := store.BlobKeys(ctx)
	require.NoError(t, err)
	require.NotEmpty(t, recorded)

	var logs bytes.Buffer
	_, err = openBlobs(ctx, storeFlags{data: data}, secrets, store, slog.New(slog.NewTextHandler(&logs, nil)))
	require.NoError(t, err)

	tmp, err = os.ReadDir(filepath.Join(data, "evidence", "tmp"))
	require.NoError(t, err)
	assert.Empty(t, tmp, "temp files are swept whatever their age")
	assert.FileExists(t, filepath.Join(data, "evidence", "quarantine", orphan.Key), "moved aside, not deleted")
	keys, err := blobs.Keys()
	require.NoError(t, err)
	assert.Len(t, keys, len(recorded), "every recorded file stays in place")
	for _, k := range keys {
		assert.True(t, recorded[k], k)
	}
	assert.Contains(t, logs.String(), `msg="evidence files without a record moved to quarantine" count=1`)
	assert.Contains(t, logs.String(), `msg="removed unfinished uploads" count=1`)
}
