package main

import (
	"context"
	"crypto/rand"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// damagedStore leaves a closed store with some rows whose file has a page
// in the middle overwritten with garbage, as a failing disk leaves it.
func damagedStore(t *testing.T) string {
	t.Helper()
	f := newFixture(t)
	ctx := context.Background()
	_, _, err := f.draftDocument(ctx)
	require.NoError(t, err)
	_, err = f.store.Writer().ExecContext(ctx, `CREATE TABLE filler (body BLOB)`)
	require.NoError(t, err)
	for range 200 {
		body := make([]byte, 1000)
		rand.Read(body)
		_, err = f.store.Writer().ExecContext(ctx, `INSERT INTO filler (body) VALUES (?)`, body)
		require.NoError(t, err)
	}
	require.NoError(t, f.store.Close())

	path := filepath.Join(f.data, "ccf.db")
	info, err := os.Stat(path)
	require.NoError(t, err)
	const page = 4096
	garbage := make([]byte, page)
	rand.Read(garbage)
	file, err := os.OpenFile(path, os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = file.WriteAt(garbage, info.Size()/2/page*page)
	require.NoError(t, err)
	require.NoError(t, file.Close())
	return f.data
}

func TestADamagedStoreIsRefusedAtStartNeverServed(t *testing.T) {
	data := damagedStore(t)
	for _, args := range [][]string{
		{"serve", "-addr", "127.0.0.1:0", "-data", data},
		{"migrate", "-data", data},
	} {
		t.Run(args[0], func(t *testing.T) {
			var out syncBuffer
			err := run(context.Background(), args, nil, &out, io.Discard)
			require.Error(t, err)
			assert.ErrorContains(t, err, "failed its check at start and will not be used")
			assert.ErrorContains(t, err, "ccfportal check")
			assert.ErrorContains(t, err, "restore the latest backup")
			assert.NotContains(t, out.String(), "running at")
		})
	}
}

func TestKeysAreNeverReplacedBesideExistingEvidence(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name  string
		setup func(t *testing.T, f *fixture)
		says  string
	}{
		{"files in the evidence folder", func(t *testing.T, f *fixture) {
			_, _, err := f.draftDocument(ctx)
			require.NoError(t, err)
		}, "the evidence folder"},
		{"document rows without files", func(t *testing.T, f *fixture) {
			_, _, err := f.draftDocument(ctx)
			require.NoError(t, err)
			require.NoError(t, os.RemoveAll(filepath.Join(f.data, "evidence")))
		}, "the database records 1 document(s)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t)
			c.setup(t, f)
			require.NoError(t, f.store.Close())
			secrets := keysFile(f.data)
			require.NoError(t, os.Remove(secrets))

			var out syncBuffer
			err := run(ctx, []string{"serve", "-addr", "127.0.0.1:0", "-data", f.data}, nil, &out, io.Discard)
			require.Error(t, err)
			assert.ErrorContains(t, err, "secrets file "+secrets+" not found")
			assert.ErrorContains(t, err, c.says)
			assert.ErrorContains(t, err, "restore the secrets file")
			assert.NotContains(t, out.String(), "running at")
			assert.NoFileExists(t, secrets, "no new keys were written")
		})
	}
}
