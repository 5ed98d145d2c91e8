package opstest

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// The disaster-recovery drill. The real binary serves writers (the crash
// harness's, with accounts, answers, uploads and submissions) while
// Litestream replicates its database continuously to a file replica in a
// temporary folder; no network is used. The portal is then stopped, the
// replica restored with `litestream restore` into a new data folder, the
// evidence folder copied beside it (standing in for the object-storage sync
// of OPERATIONS.md, which copies files that never change), and `ccfportal
// check` run on the result. Every submission the writers saw acknowledged
// must be in the restored store under the reference they were shown, every
// acknowledged upload with its SHA-256, and a portal started on the
// restored folder must give all of it back.
//
// Litestream must be on PATH (.ci/run installs it); without it the test is
// skipped, or fails when CI=true. CCF_REPLICA_WRITES sets how many
// acknowledged writes the writers make (default 200).
func TestLitestreamReplicaRestores(t *testing.T) {
	if testing.Short() {
		t.Skip("the replication drill runs the real binary and Litestream; run it without -short")
	}
	litestream := litestreamBinary(t)
	target := int64(envInt(t, "CCF_REPLICA_WRITES", 200))
	start := time.Now()

	data, replica := t.TempDir(), t.TempDir()
	p := startPortal(t, data)
	config := litestreamConfig(t, filepath.Join(data, "ccf.db"), replica)
	ls := startLitestream(t, litestream, config)

	writers, tally := replicaWriters(data)
	driveWriters(t, p.base, writers, tally, target)
	refs := acknowledgedReferences(t, writers)
	require.NotEmpty(t, refs, "the writers submitted nothing: %s", tally)
	t.Logf("replication drill: %s in %s", tally, time.Since(start).Round(100*time.Millisecond))

	stopping := time.Now()
	require.Equal(t, 0, p.terminate(t, 60*time.Second), "graceful stop:\n%s", p.logs.String())
	t.Logf("portal stopped in %s", time.Since(stopping).Round(10*time.Millisecond))
	require.Empty(t, p.errorLines(), "the portal logged errors")
	want := storeDigest(t, filepath.Join(data, "ccf.db"))

	// Litestream runs on after the portal stopped, as it would beside a
	// primary that went away: wait until its replica restores to exactly
	// the store the portal left, then stop it gracefully.
	waitReplicated(t, litestream, config, filepath.Join(data, "ccf.db"), want)
	ls.stop(t)

	restored := t.TempDir()
	runLitestream(t, litestream, "restore", "-config", config, "-o", filepath.Join(restored, "ccf.db"), filepath.Join(data, "ccf.db"))
	require.Equal(t, want, storeDigest(t, filepath.Join(restored, "ccf.db")), "the restored store differs from the one the portal left")
	copied := syncEvidence(t, filepath.Join(data, "evidence", "blobs"), filepath.Join(restored, "evidence", "blobs"))

	secrets := filepath.Join(data+".keys", "secrets.json") // made beside the data folder
	out, err := exec.Command(portalBinary(t), "check", "-data", restored, "-secrets", secrets).CombinedOutput()
	require.NoError(t, err, "ccfportal check on the restored folder:\n%s", out)
	t.Logf("ccfportal check on the restored folder (%d evidence files copied): %s", copied, strings.TrimSpace(string(out)))

	uploads := requireAcknowledgedInStore(t, filepath.Join(restored, "ccf.db"), writers, refs)

	// The restored folder serves: every acknowledged answer, upload (by
	// SHA-256 of the download) and submission reads back through it.
	q := startPortal(t, restored, "-secrets", secrets)
	for _, w := range writers {
		w.setBase(q.base)
	}
	verifyAll(t, writers, true)
	require.Zero(t, tally.lost.Load(), "acknowledged writes missing after restore: %s", tally.lostList())
	require.Zero(t, tally.broken.Load(), "half-written or unknown data after restore: %s", tally.lostList())
	require.Equal(t, 0, q.terminate(t, 60*time.Second), "graceful stop of the restored portal:\n%s", q.logs.String())
	require.Empty(t, q.errorLines(), "the restored portal logged errors")
	t.Logf("replication drill: %d submissions and %d uploads restored whole in %s", len(refs), uploads,
		time.Since(start).Round(100*time.Millisecond))
}

// TestLitestreamSampleConfig reads deploy/litestream.yml with the pinned
// Litestream, which refuses a database without its replica.
func TestLitestreamSampleConfig(t *testing.T) {
	litestream := litestreamBinary(t)
	out, err := exec.Command(litestream, "databases", "-config", filepath.Join("..", "deploy", "litestream.yml")).CombinedOutput()
	require.NoError(t, err, "%s", out)
	require.Regexp(t, `(?m)^/var/lib/ccfportal/ccf\.db\s+s3\s*$`, string(out))
}

// litestreamBinary finds litestream on PATH. Without it the drill is
// skipped, unless CI=true says it must run.
func litestreamBinary(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("litestream")
	if err == nil {
		return path
	}
	const install = "go install github.com/benbjohnson/litestream/cmd/litestream@v0.5.17"
	if os.Getenv("CI") == "true" {
		t.Fatalf("litestream is not on PATH, and CI=true makes the replication drill mandatory (%s)", install)
	}
	t.Skipf("replication drill SKIPPED: litestream is not on PATH (%s; CI=true makes this a failure)", install)
	return ""
}

// litestreamConfig writes a configuration replicating db to a file
// replica in dir, checking for changes ten times a second so that the
// drill does not wait on the production intervals.
func litestreamConfig(t *testing.T, db, dir string) string {
	t.Helper()
	config := filepath.Join(t.TempDir(), "litestream.yml")
	body := fmt.Sprintf(`dbs:
  - path: %s
    monitor-interval: 100ms
    replica:
      type: file
      path: %s
      sync-interval: 100ms
`, strconv.Quote(db), strconv.Quote(dir))
	require.NoError(t, os.WriteFile(config, []byte(body), 0o600))
	return config
}

// replicator is a running `litestream replicate`.
type replicator struct {
	cmd    *exec.Cmd
	out    syncBuffer
	exited chan struct{}
}

func startLitestream(t *testing.T, bin, config string) *replicator {
	t.Helper()
	r := &replicator{exited: make(chan struct{})}
	r.cmd = exec.Command(bin, "replicate", "-config", config)
	r.cmd.Stdout, r.cmd.Stderr = &r.out, &r.out
	require.NoError(t, r.cmd.Start())
	go func() {
		_ = r.cmd.Wait()
		close(r.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-r.exited:
		default:
			_ = r.cmd.Process.Kill()
			<-r.exited
		}
	})
	return r
}

// stop sends SIGTERM, on which Litestream makes a last sync, and waits a
// minute at most for it to exit 0.
func (r *replicator) stop(t *testing.T) {
	t.Helper()
	select {
	case <-r.exited:
		t.Fatalf("litestream exited while replicating:\n%s", r.out.String())
	default:
	}
	require.NoError(t, r.cmd.Process.Signal(syscall.SIGTERM))
	select {
	case <-r.exited:
	case <-time.After(time.Minute):
		t.Fatalf("litestream still running a minute after SIGTERM:\n%s", r.out.String())
	}
	require.Equal(t, 0, r.cmd.ProcessState.ExitCode(), "litestream's exit:\n%s", r.out.String())
}

func runLitestream(t *testing.T, bin string, args ...string) {
	t.Helper()
	out, err := exec.Command(bin, args...).CombinedOutput()
	require.NoError(t, err, "litestream %s:\n%s", strings.Join(args, " "), out)
}

// waitReplicated restores the replica into a scratch file until it holds
// exactly want, for a minute at most.
func waitReplicated(t *testing.T, bin, config, db string, want map[string]string) {
	t.Helper()
	scratch := t.TempDir()
	deadline := time.Now().Add(time.Minute)
	var last map[string]string
	for try := 1; ; try++ {
		out := filepath.Join(scratch, fmt.Sprintf("try%d.db", try))
		if b, err := exec.Command(bin, "restore", "-config", config, "-o", out, db).CombinedOutput(); err == nil {
			if last = storeDigest(t, out); equalDigests(want, last) {
				t.Logf("replica caught up after %d restore(s)", try)
				return
			}
		} else if time.Now().After(deadline) {
			t.Fatalf("litestream restore: %v\n%s", err, b)
		}
		if time.Now().After(deadline) {
			require.Equal(t, want, last, "the replica never caught up with the store in a minute")
		}
		time.Sleep(100 * time.Millisecond) // the pace of the polling, not a wait for an outcome
	}
}

func equalDigests(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// storeDigest gives each table of the database at path its row count and
// the SHA-256 of all its rows in order. Litestream's own tables
// (_litestream_seq, _litestream_lock) are left out: it writes them itself.
func storeDigest(t *testing.T, path string) map[string]string {
	t.Helper()
	conn, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)&mode=ro")
	require.NoError(t, err)
	defer conn.Close()
	var tables []string
	rows, err := conn.Query(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
		AND name NOT LIKE '\_litestream\_%' ESCAPE '\' ORDER BY name`)
	require.NoError(t, err)
	for rows.Next() {
		var name string
		require.NoError(t, rows.Scan(&name))
		tables = append(tables, name)
	}
	require.NoError(t, rows.Err())
	rows.Close()
	digest := map[string]string{}
	for _, table := range tables {
		digest[table] = tableDigest(t, conn, table)
	}
	return digest
}

func tableDigest(t *testing.T, conn *sql.DB, table string) string {
	t.Helper()
	// Ordered by every column: some tables (full-text search's own) have
	// no rowid.
	head, err := conn.Query(`SELECT * FROM "` + table + `" LIMIT 0`)
	require.NoError(t, err, table)
	cols, err := head.Columns()
	require.NoError(t, err)
	head.Close()
	order := make([]string, len(cols))
	for i := range cols {
		order[i] = strconv.Itoa(i + 1)
	}
	rows, err := conn.Query(`SELECT * FROM "` + table + `" ORDER BY ` + strings.Join(order, ", "))
	require.NoError(t, err, table)
	defer rows.Close()
	h, n := sha256.New(), 0
	vals, ptrs := make([]any, len(cols)), make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		require.NoError(t, rows.Scan(ptrs...))
		fmt.Fprintf(h, "%q\n", vals)
		n++
	}
	require.NoError(t, rows.Err())
	return fmt.Sprintf("%d rows, %x", n, h.Sum(nil))
}

// syncEvidence copies the evidence files from src into dst, each once and
// never over an existing one, as `rclone copy --immutable` does; it
// returns how many it copied.
func syncEvidence(t *testing.T, src, dst string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		n++
		return copyNew(path, filepath.Join(dst, rel))
	})
	require.NoError(t, err)
	require.Positive(t, n, "no evidence files to copy")
	return n
}

func copyNew(src, dst string) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return err
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// replicaWriters are the drill's writers, with a fixed seed: the drill
// never kills the portal, so every write is acknowledged or a failure.
func replicaWriters(data string) ([]*writer, *tally) {
	tl := &tally{}
	writers := make([]*writer, crashWriters)
	for i := range writers {
		writers[i] = &writer{id: i, email: fmt.Sprintf("writer%d@replica.example", i), tally: tl, sent: map[string]bool{}, data: data,
			rng: rand.New(rand.NewPCG(0x6c697465, uint64(i)))}
	}
	return writers, tl
}

// driveWriters runs the writers against base until they have made target
// acknowledged writes in all (two minutes at most), then lets each finish
// the write it is in.
func driveWriters(t *testing.T, base string, writers []*writer, tl *tally, target int64) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for _, w := range writers {
		w.setBase(base)
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.run(ctx)
		}()
	}
	reached := waitFor(ctx, 2*time.Minute, func() bool { return tl.acked() >= target || tl.failed() })
	cancel()
	wg.Wait()
	for _, w := range writers {
		require.Empty(t, w.failures, "writer %d saw unexpected answers", w.id)
	}
	require.True(t, reached, "the writers made %d of %d acknowledged writes in two minutes", tl.acked(), target)
	for _, w := range writers {
		for _, d := range w.drafts {
			require.False(t, d.doubtSubmit || d.doubtDoc != "" || len(d.doubt) > 0,
				"writer %d, %s: a write went unanswered while nothing was killed", w.id, d.path)
		}
	}
}

var shownReference = regexp.MustCompile(`Request submitted with reference (CCF-\d{4}-\d{6})`)

// acknowledgedReferences reads, from each submitted request's page, the
// reference its writer is shown, keyed by the request's path.
func acknowledgedReferences(t *testing.T, writers []*writer) map[string]string {
	t.Helper()
	refs := map[string]string{}
	for _, w := range writers {
		for _, d := range w.drafts {
			if !d.submitted {
				continue
			}
			p, err := w.b.get(d.path)
			require.NoError(t, err)
			m := shownReference.FindStringSubmatch(p.body)
			require.NotNil(t, m, "writer %d, %s: submitted, but its page shows no reference (status %d)", w.id, d.path, p.status)
			refs[d.path] = m[1]
		}
	}
	return refs
}

// requireAcknowledgedInStore looks every acknowledged submission up by
// its reference in the restored database, and every acknowledged upload by
// its request and SHA-256 (check has matched each file against that
// SHA-256); it returns the number of uploads found.
func requireAcknowledgedInStore(t *testing.T, path string, writers []*writer, refs map[string]string) int {
	t.Helper()
	conn, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	require.NoError(t, err)
	defer conn.Close()
	for draft, ref := range refs {
		var id int64
		var status string
		require.NoError(t, conn.QueryRow(`SELECT id, status FROM requests WHERE reference = ?`, ref).Scan(&id, &status),
			"acknowledged submission %s (%s) not in the restored store", ref, draft)
		require.Equal(t, draft, "/requests/"+strconv.FormatInt(id, 10), "reference %s names another request", ref)
		require.Equal(t, "submitted", status, ref)
	}
	uploads := 0
	for _, w := range writers {
		for _, d := range w.drafts {
			id := strings.TrimPrefix(d.path, "/requests/")
			for sum := range d.docs {
				var n int
				require.NoError(t, conn.QueryRow(`SELECT count(*) FROM documents WHERE request_id = ? AND sha256 = ?`, id, sum).Scan(&n))
				require.Equal(t, 1, n, "acknowledged upload %s of %s in the restored store", sum, d.path)
				uploads++
			}
		}
	}
	require.Positive(t, uploads, "the writers uploaded nothing")
	return uploads
}
