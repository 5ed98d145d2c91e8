package blob

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestVerifyAndDigestReadTheWholeFile(t *testing.T) {
	s, _ := newTestBlobStore(t)
	content := pdfBytes(3*blobChunkSize+17, "")
	b := stagePublish(t, s, content)

	require.NoError(t, s.Verify(b.Key))
	size, sum, err := s.Digest(b.Key)
	require.NoError(t, err)
	want := sha256.Sum256(content)
	assert.Equal(t, int64(len(content)), size)
	assert.Equal(t, hex.EncodeToString(want[:]), sum)

	// A flipped byte in the last chunk: reading only the start would miss it.
	raw, err := os.ReadFile(s.finalPath(b.Key))
	require.NoError(t, err)
	raw[len(raw)-3] ^= 0x01
	require.NoError(t, os.WriteFile(s.finalPath(b.Key), raw, 0o600))
	assert.ErrorIs(t, s.Verify(b.Key), ErrCorrupt)

	// Cut off after whole chunks, so every remaining chunk authenticates.
	require.NoError(t, os.WriteFile(s.finalPath(b.Key), raw[:blobHeaderSize+2*blobSealedSize], 0o600))
	assert.ErrorIs(t, s.Verify(b.Key), ErrCorrupt)

	require.NoError(t, os.Remove(s.finalPath(b.Key)))
	assert.ErrorIs(t, s.Verify(b.Key), os.ErrNotExist)
	assert.Error(t, s.Verify("../../etc/passwd"))
}

func TestLayoutNamesOnlyPublishedBlobs(t *testing.T) {
	s, dir := newTestBlobStore(t)
	b := stagePublish(t, s, pdfBytes(100, ""))
	rel, err := RelPath(b.Key)
	require.NoError(t, err)
	assert.FileExists(t, filepath.Join(dir, filepath.FromSlash(rel)))
	key, ok := KeyAt(rel)
	assert.True(t, ok)
	assert.Equal(t, b.Key, key)

	_, err = RelPath("../x")
	assert.Error(t, err)
	for _, bad := range []string{"blobs/zz/" + b.Key, "tmp/" + b.Key, b.Key, "blobs/" + b.Key[:2] + "/x", "../blobs/" + b.Key[:2] + "/" + b.Key} {
		_, ok := KeyAt(bad)
		assert.False(t, ok, bad)
	}

	stray := filepath.Join(dir, "blobs", "zz", "notes.txt")
	require.NoError(t, os.MkdirAll(filepath.Dir(stray), 0o700))
	require.NoError(t, os.WriteFile(stray, []byte("x"), 0o600))
	files, err := StoredFiles(dir)
	require.NoError(t, err)
	assert.ElementsMatch(t, []string{rel, "blobs/zz/notes.txt"}, files)

	files, err = StoredFiles(t.TempDir())
	require.NoError(t, err)
	assert.Empty(t, files)
}
