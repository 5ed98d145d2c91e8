package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// backedUp is a populated store and a backup of it.
func backedUp(t *testing.T, name string) (*fixture, string) {
	t.Helper()
	f := newFixture(t)
	f.populate(t)
	out := filepath.Join(t.TempDir(), name)
	printed, err := f.run(t, "backup", "-data", f.data, "-out", out)
	require.NoError(t, err, printed)
	return f, out
}

func TestRestoreRefusesAFolderThatIsNotEmpty(t *testing.T) {
	t.Parallel()
	f, out := backedUp(t, "b.tar")
	target := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(target, "notes.txt"), []byte("keep me"), 0o600))
	_, err := f.run(t, "restore", "-in", out, "-data", target)
	assert.ErrorContains(t, err, "not empty")
	entries, _ := os.ReadDir(target)
	assert.Len(t, entries, 1, "nothing was added")

	// The live store's own folder is never restored over either.
	_, err = f.run(t, "restore", "-in", out, "-data", f.data)
	assert.ErrorContains(t, err, "not empty")
}

func TestRestoreIntoAnEmptyFolderWithoutSecretsSaysHowToBringTheKeys(t *testing.T) {
	t.Parallel()
	f, out := backedUp(t, "b.tar.gz")
	target := t.TempDir()
	printed, err := f.run(t, "restore", "-in", out, "-data", target)
	require.NoError(t, err)
	assert.Contains(t, printed, "The backup holds no keys")
	assert.Contains(t, printed, keysFile(target))
	assert.NoFileExists(t, keysFile(target), "restore never makes keys")
	assert.FileExists(t, filepath.Join(target, "ccf.db"))

	// Once the operator copies the secrets file in, the store checks healthy.
	secrets, err := os.ReadFile(keysFile(f.data))
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(filepath.Dir(keysFile(target)), 0o700))
	require.NoError(t, os.WriteFile(keysFile(target), secrets, 0o600))
	printed, err = f.run(t, "check", "-data", target)
	require.NoError(t, err, printed)
}

func TestRestoreRefusesAnotherStoresKeys(t *testing.T) {
	t.Parallel()
	f, out := backedUp(t, "b.tar")
	other := newFixture(t)
	target := filepath.Join(t.TempDir(), "restored")
	_, err := f.run(t, "restore", "-in", out, "-data", target, "-secrets", keysFile(other.data))
	assert.ErrorContains(t, err, "opens none of the evidence")
	assert.NoDirExists(t, target)
	_, err = f.run(t, "restore", "-in", out, "-data", target, "-secrets", filepath.Join(t.TempDir(), "absent.json"))
	assert.ErrorContains(t, err, "not found")
	assert.NoDirExists(t, target)
}

func TestRestoreRefusesATamperedOrTruncatedArchiveAndLeavesNothing(t *testing.T) {
	t.Parallel()
	f, out := backedUp(t, "b.tar")
	archive, err := os.ReadFile(out)
	require.NoError(t, err)
	key := f.keyOf(t, "documents", 1)
	evidence, err := os.ReadFile(f.blobPath(t, key))
	require.NoError(t, err)
	at := bytes.Index(archive, evidence)
	require.Positive(t, at, "the evidence file is stored as it is")
	dbAt := bytes.Index(archive, []byte("SQLite format 3\x00"))
	require.Positive(t, dbAt)

	gzOut := filepath.Join(t.TempDir(), "b.tar.gz")
	printed, err := f.run(t, "backup", "-data", f.data, "-out", gzOut)
	require.NoError(t, err, printed)
	gz, err := os.ReadFile(gzOut)
	require.NoError(t, err)

	flip := func(b []byte, i int) []byte {
		c := bytes.Clone(b)
		c[i] ^= 0x01
		return c
	}
	cases := map[string]struct {
		archive []byte
		name    string
		want    string
	}{
		"a flipped byte in an evidence file":  {flip(archive, at+len(evidence)/2), "t.tar", "does not match its SHA-256"},
		"a flipped byte in the database":      {flip(archive, dbAt+5000), "t.tar", "ccf.db does not match its SHA-256"},
		"cut in the middle":                   {archive[:len(archive)/2], "t.tar", "read archive"},
		"cut before the manifest":             {archive[:at+len(evidence)+(512-len(evidence)%512)%512], "t.tar", "no manifest"},
		"a gzipped archive cut short":         {gz[:len(gz)-100], "t.tar.gz", "read archive"},
		"a flipped byte in a gzipped archive": {flip(gz, len(gz)/2), "t.tar.gz", ""},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			in := filepath.Join(t.TempDir(), c.name)
			require.NoError(t, os.WriteFile(in, c.archive, 0o600))
			for _, target := range []string{filepath.Join(t.TempDir(), "missing"), t.TempDir()} {
				_, existed := os.Stat(target)
				_, err := f.run(t, "restore", "-in", in, "-data", target)
				require.Error(t, err)
				assert.ErrorContains(t, err, "restore refused")
				assert.ErrorContains(t, err, c.want)
				if existed == nil {
					entries, _ := os.ReadDir(target)
					assert.Empty(t, entries, "the empty folder is left empty")
				} else {
					assert.NoDirExists(t, target, "a folder restore made is removed again")
				}
			}
		})
	}
}

func TestRestoreRefusesEntriesOutsideTheStore(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"../escape", "/etc/passwd", "evidence/blobs/ab/../../../../x", "evidence/tmp/x.tmp", "secrets.json"} {
		assert.Error(t, archivePath(name), name)
	}
	assert.NoError(t, archivePath("evidence/blobs/ab/ab"+strings.Repeat("0", 30)))
}
