package opstest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	_ "modernc.org/sqlite"
)

// pacedPDF is a PDF-looking upload that arrives in chunks, one per tick,
// like a file sent over a slow link. It ends after chunks chunks.
type pacedPDF struct {
	head   []byte
	chunk  []byte
	chunks int
	tick   *time.Ticker
	sum    []byte // the SHA-256 of everything it will send
}

func newPacedPDF(chunkSize, chunks int, every time.Duration) *pacedPDF {
	p := &pacedPDF{head: []byte("%PDF-1.4\n"), chunk: make([]byte, chunkSize), chunks: chunks, tick: time.NewTicker(every)}
	rand.Read(p.chunk)
	h := sha256.New()
	h.Write(p.head)
	for range chunks {
		h.Write(p.chunk)
	}
	p.sum = h.Sum(nil)
	return p
}

func (p *pacedPDF) Read(b []byte) (int, error) {
	if len(p.head) > 0 {
		n := copy(b, p.head)
		p.head = p.head[n:]
		return n, nil
	}
	if p.chunks == 0 {
		p.tick.Stop()
		return 0, io.EOF
	}
	<-p.tick.C // the sender's pace
	p.chunks--
	return copy(b, p.chunk), nil // b from io.Copy is 32 KB, never smaller than a chunk here
}

// signedInDraft registers a petitioner, signs in and starts a draft.
func signedInDraft(t *testing.T, base, email string) (*browser, string) {
	t.Helper()
	b := newBrowser(base)
	require.NoError(t, b.register(email))
	require.NoError(t, b.login(email))
	draft, err := b.startDraft()
	require.NoError(t, err)
	return b, draft
}

// waitForTempFile waits (10 s at most) until an upload is being written to
// the blob store's temp folder: the server is inside the upload.
func waitForTempFile(t *testing.T, data string) {
	t.Helper()
	require.True(t, waitFor(context.Background(), 10*time.Second, func() bool {
		entries, err := os.ReadDir(filepath.Join(data, "evidence", "tmp"))
		return err == nil && len(entries) > 0
	}), "the upload reached the server")
}

func tempFiles(t *testing.T, data string) []os.DirEntry {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(data, "evidence", "tmp"))
	require.NoError(t, err)
	return entries
}

func documentCount(t *testing.T, data string) int {
	t.Helper()
	conn, err := sql.Open("sqlite", "file:"+filepath.Join(data, "ccf.db")+"?_pragma=busy_timeout(5000)")
	require.NoError(t, err)
	defer conn.Close()
	var n int
	require.NoError(t, conn.QueryRow(`SELECT COUNT(*) FROM documents`).Scan(&n))
	return n
}

var docLink = regexp.MustCompile(`href="(/requests/\d+/documents/\d+)"`)

func TestSIGTERMLetsAnUploadInProgressFinish(t *testing.T) {
	data := t.TempDir()
	p := startPortal(t, data)
	b, draft := signedInDraft(t, p.base, "term@example.org")
	addr := p.base[len("http://"):]

	file := newPacedPDF(32<<10, 48, 30*time.Millisecond) // 1.5 MB over about 1.5 s
	acked := make(chan error, 1)
	go func() { acked <- b.uploadDocument(draft, "identity", "passport.pdf", file) }()
	waitForTempFile(t, data)
	require.NoError(t, p.cmd.Process.Signal(syscall.SIGTERM))

	assert.True(t, waitFor(context.Background(), 5*time.Second, func() bool {
		c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err == nil {
			c.Close()
		}
		return err != nil
	}), "after SIGTERM the portal accepts no new connections")
	select {
	case err := <-acked:
		require.NoError(t, err, "the upload in progress completes and is acknowledged")
	case <-time.After(30 * time.Second):
		t.Fatal("upload not answered within 30 s")
	}
	require.Equal(t, 0, p.wait(t, 30*time.Second), "exit code after SIGTERM:\n%s", p.logs.String())
	if info, err := os.Stat(filepath.Join(data, "ccf.db-wal")); err == nil {
		assert.Zero(t, info.Size(), "checkpointed at exit: the WAL is empty")
	}
	assert.Empty(t, p.errorLines())

	// Started again, the portal has the file, whole.
	p2 := startPortal(t, data)
	b.base = p2.base
	docs, err := b.get(draft + "/documents")
	require.NoError(t, err)
	links := docLink.FindAllStringSubmatch(docs.body, -1)
	require.Len(t, links, 1)
	sum, err := b.download(links[0][1])
	require.NoError(t, err)
	assert.Equal(t, hex.EncodeToString(file.sum), sum)
	assert.Equal(t, 0, p2.terminate(t, 30*time.Second))
}

func TestAShutdownDeadlineCutsAnUploadAndLeavesNoTempFile(t *testing.T) {
	data := t.TempDir()
	p := startPortal(t, data, "-shutdown-timeout", "300ms")
	b, draft := signedInDraft(t, p.base, "cut@example.org")

	file := newPacedPDF(8<<10, 100, 100*time.Millisecond) // 800 KB over 10 s, well above the minimum rate
	acked := make(chan error, 1)
	go func() { acked <- b.uploadDocument(draft, "identity", "passport.pdf", file) }()
	waitForTempFile(t, data)
	start := time.Now()
	require.Equal(t, 0, p.terminate(t, 15*time.Second), "a shutdown that cut requests is still orderly:\n%s", p.logs.String())
	took := time.Since(start)
	t.Logf("exited %s after SIGTERM with a 300ms deadline", took.Round(time.Millisecond))
	assert.Less(t, took, 5*time.Second)
	select {
	case err := <-acked:
		require.Error(t, err, "the cut upload was never acknowledged")
		assert.False(t, isStatusError(err), "the client saw its connection end, not an answer: %v", err)
	case <-time.After(15 * time.Second):
		t.Fatal("the cut upload's client was left hanging")
	}
	assert.Empty(t, tempFiles(t, data), "the cut upload's temp file is discarded")
	assert.Zero(t, documentCount(t, data), "and no document row refers to it")
	assert.Contains(t, p.logs.String(), "shutdown deadline passed")
	assert.Empty(t, p.errorLines())
}
