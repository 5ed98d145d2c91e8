package main

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/password"
)

// syncBuffer lets the test read what serve prints while it is printing.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

var runningAt = regexp.MustCompile(`running at (http://\S+) `)

func TestServeStartsCreatesDataPrintsSetupLinkAndShutsDownCleanly(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	ctx, cancel := context.WithCancel(context.Background())
	var out syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "-addr", "127.0.0.1:0", "-data", data}, nil, &out, io.Discard)
	}()

	var base string
	require.Eventually(t, func() bool {
		m := runningAt.FindStringSubmatch(out.String())
		if m != nil {
			base = m[1]
		}
		return m != nil
	}, 30*time.Second, 20*time.Millisecond)
	resp, err := http.Get(base + "/healthz")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Contains(t, out.String(), base+"/staff/setup/", "no staff yet: the one-time link is printed")

	// The keys are made beside the data folder, never in it: a copy of the
	// folder (a backup, an image of its volume) holds none.
	assert.NoFileExists(t, filepath.Join(data, "secrets.json"))
	info, err := os.Stat(keysFile(data))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	dir, err := os.Stat(filepath.Dir(keysFile(data)))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o700), dir.Mode().Perm())
	// Everything in the data folder is private from the first start: the
	// database's WAL and shared-memory files as much as the database.
	walked := 0
	require.NoError(t, filepath.WalkDir(data, func(path string, d fs.DirEntry, err error) error {
		require.NoError(t, err)
		info, err := d.Info()
		require.NoError(t, err)
		want := os.FileMode(0o600)
		if d.IsDir() {
			want = 0o700
		}
		assert.Equal(t, want, info.Mode().Perm(), path)
		walked++
		return nil
	}))
	assert.Greater(t, walked, 4, "the database, its WAL and the evidence folders")
	secrets, _ := os.ReadFile(keysFile(data))

	cancel()
	require.NoError(t, <-done)

	// A second start keeps the same secrets: they are never regenerated.
	ctx2, cancel2 := context.WithCancel(context.Background())
	var out2 syncBuffer
	go func() { done <- run(ctx2, []string{"-addr", "127.0.0.1:0", "-data", data}, nil, &out2, io.Discard) }()
	require.Eventually(t, func() bool { return runningAt.MatchString(out2.String()) }, 30*time.Second, 20*time.Millisecond)
	cancel2()
	require.NoError(t, <-done)
	again, _ := os.ReadFile(keysFile(data))
	assert.Equal(t, secrets, again)
}

func TestStaffAddWithPasswordFromStdinAndGenerated(t *testing.T) {
	data := t.TempDir()
	ctx := context.Background()
	var out bytes.Buffer
	err := run(ctx, []string{"staff", "add", "-data", data, "--email", "clerk@example.org", "--password-stdin"},
		strings.NewReader("a long enough staff passphrase\n"), &out, io.Discard)
	require.NoError(t, err)
	assert.Contains(t, out.String(), "Staff account clerk@example.org created.")
	assert.NotContains(t, out.String(), "Password")

	out.Reset()
	require.NoError(t, run(ctx, []string{"staff", "add", "-data", data, "--email", "second@example.org"}, nil, &out, io.Discard))
	m := regexp.MustCompile(`Password \(shown only this once\): (\S+)`).FindStringSubmatch(out.String())
	require.NotNil(t, m)

	store, err := db.Open(ctx, filepath.Join(data, "ccf.db"), domain.SystemClock{})
	require.NoError(t, err)
	defer store.Close()
	u, err := store.Authenticate(ctx, "second@example.org", "test-client", m[1], password.DefaultParams)
	require.NoError(t, err)
	assert.Equal(t, domain.RoleStaff, u.Role)
	_, err = store.Authenticate(ctx, "clerk@example.org", "test-client", "a long enough staff passphrase", password.DefaultParams)
	require.NoError(t, err)

	err = run(ctx, []string{"staff", "add", "-data", data, "--email", "clerk@example.org"}, nil, io.Discard, io.Discard)
	assert.ErrorContains(t, err, "already exists")
	err = run(ctx, []string{"staff", "add", "-data", data, "--email", "weak@example.org", "--password-stdin"},
		strings.NewReader("short\n"), io.Discard, io.Discard)
	assert.ErrorContains(t, err, "password: Password must be at least 12 characters", "the console says what is wrong, not a message key")
}

func TestUnknownCommandIsAnError(t *testing.T) {
	err := run(context.Background(), []string{"frobnicate"}, nil, io.Discard, io.Discard)
	assert.ErrorContains(t, err, "unknown command")
}
