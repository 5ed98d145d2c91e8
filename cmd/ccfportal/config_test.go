package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// keysFile is the secrets file the portal makes for data folder data.
func keysFile(data string) string {
	return (&storeFlags{data: data}).defaultSecretsPath()
}

func TestTheSecretsFileIsBesideTheDataFolderNeverInIt(t *testing.T) {
	root := t.TempDir()
	data := filepath.Join(root, "data")
	sf := storeFlags{data: data}
	assert.Equal(t, filepath.Join(root, "data.keys", "secrets.json"), sf.secretsPath())
	assert.False(t, sf.secretsInData())
	assert.Equal(t, filepath.Join(root, "data.keys", "audit-anchor.log"), sf.anchorPath(), "the anchor follows the keys")

	// The data folder given as "." or with a trailing separator still
	// gets its keys beside it, not in it.
	require.NoError(t, os.MkdirAll(data, 0o700))
	t.Chdir(data)
	dot := storeFlags{data: "."}
	assert.Equal(t, filepath.Join(root, "data.keys", "secrets.json"), dot.secretsPath())
	assert.False(t, dot.secretsInData())
	slash := storeFlags{data: data + string(filepath.Separator)}
	assert.Equal(t, filepath.Join(root, "data.keys", "secrets.json"), slash.secretsPath())

	// Given inside the data folder, it is used, and said to be there.
	inside := storeFlags{data: data, secrets: filepath.Join(data, "keys", "s.json")}
	assert.Equal(t, filepath.Join(data, "keys", "s.json"), inside.secretsPath())
	assert.True(t, inside.secretsInData())
}

// A store whose secrets file an earlier version made in the data folder
// keeps its keys (new ones would make every file unreadable), and serve
// warns that they should move.
func TestAStoreWithItsSecretsInTheDataFolderKeepsThemAndIsWarned(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	require.NoError(t, os.MkdirAll(data, 0o700))
	legacy := filepath.Join(data, "secrets.json")
	sf := storeFlags{data: data}

	f := newFixture(t) // a store with keys, to copy them where earlier versions kept them
	keys, err := os.ReadFile(keysFile(f.data))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(legacy, keys, 0o600))
	assert.Equal(t, legacy, sf.secretsPath())
	assert.True(t, sf.secretsInData())

	ctx, cancel := context.WithCancel(context.Background())
	var out, logs syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-data", data}, nil, &out, &logs) }()
	require.Eventually(t, func() bool { return runningAt.MatchString(out.String()) }, 30*time.Second, 20*time.Millisecond)
	cancel()
	require.NoError(t, <-done)
	assert.Contains(t, logs.String(), "the secrets file is inside the data folder")
	assert.NoFileExists(t, keysFile(data), "no second set of keys")
	again, err := os.ReadFile(legacy)
	require.NoError(t, err)
	assert.Equal(t, keys, again)
}

// anchorFile is the audit anchor the portal writes for data folder data.
func anchorFile(data string) string {
	return (&storeFlags{data: data}).anchorPath()
}
