package blob

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"testing/iotest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// testBlobMasterKey is a fixed key so failures are reproducible.
var testBlobMasterKey = bytes.Repeat([]byte{0x42}, 32)

// testMaxSize is the upload limit used unless a test is about the limit.
const testMaxSize = 100_000_000

func newTestBlobStore(t testing.TB) (*Store, string) {
	t.Helper()
	dir := t.TempDir()
	s, err := NewStore(dir, testBlobMasterKey)
	require.NoError(t, err)
	return s, dir
}

// pdfBytes returns size bytes that sniff as a PDF: the magic, then
// pseudo-random filler (seeded, so reproducible), then marker if it fits.
func pdfBytes(size int, marker string) []byte {
	b := make([]byte, size)
	rng := rand.NewChaCha8([32]byte{byte(size), byte(size >> 8), byte(size >> 16)})
	_, _ = rng.Read(b)
	copy(b, "%PDF-1.7\n")
	if len(marker) > 0 && size >= 9+len(marker) {
		copy(b[9:], marker)
		copy(b[size-len(marker):], marker)
		copy(b[size/2:], marker)
	}
	return b
}

// stagePublish stores content and returns the published blob.
func stagePublish(t *testing.T, s *Store, content []byte) *Staged {
	t.Helper()
	b, err := s.Stage(bytes.NewReader(content), "evidence.pdf", testMaxSize)
	require.NoError(t, err)
	require.NoError(t, s.Publish(b))
	return b
}

// readBlob opens key and reads it to the end.
func readBlob(t *testing.T, s *Store, key string) ([]byte, error) {
	t.Helper()
	r, err := s.Open(key)
	require.NoError(t, err)
	defer r.Close()
	return io.ReadAll(r)
}

// putRawBlob encrypts plaintext straight into the blob area, bypassing
// Stage's type and size checks, to test the format on any plaintext.
func putRawBlob(t testing.TB, s *Store, plaintext []byte) string {
	t.Helper()
	key, err := newBlobKey()
	require.NoError(t, err)
	path := s.finalPath(key)
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o700))
	var buf bytes.Buffer
	w, err := s.newSealWriter(&buf)
	require.NoError(t, err)
	_, err = w.Write(plaintext)
	require.NoError(t, err)
	require.NoError(t, w.Close())
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o600))
	return key
}

// sealedBlobSize is the on-disk size of a blob holding n plaintext bytes.
func sealedBlobSize(n int) int {
	chunks := max(1, (n+blobChunkSize-1)/blobChunkSize)
	return blobHeaderSize + chunks*blobTagSize + n
}

// filesUnder lists the regular files below dir.
func filesUnder(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			files = append(files, path)
		}
		return err
	})
	require.NoError(t, err)
	return files
}

func assertNoFiles(t *testing.T, dir string) {
	t.Helper()
	assert.Empty(t, filesUnder(t, dir), "no file may be left behind")
}

func TestNewBlobStoreRejectsBadKey(t *testing.T) {
	for _, n := range []int{0, 16, 31, 33, 64} {
		_, err := NewStore(t.TempDir(), make([]byte, n))
		assert.Error(t, err, n)
	}
}

func TestNewBlobStoreCreatesPrivateDirs(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "tmp"), 0o755))
	_, err := NewStore(dir, testBlobMasterKey)
	require.NoError(t, err)
	for _, sub := range []string{"blobs", "tmp"} {
		info, err := os.Stat(filepath.Join(dir, sub))
		require.NoError(t, err)
		assert.Equal(t, fs.FileMode(0o700), info.Mode().Perm(), sub)
	}
}

func TestBlobStageRoundTrip(t *testing.T) {
	for _, size := range []int{5, blobSniffSize, blobChunkSize - 1, blobChunkSize, blobChunkSize + 1, 2 * blobChunkSize, 1_000_000} {
		s, dir := newTestBlobStore(t)
		content := pdfBytes(size, "")
		b := stagePublish(t, s, content)

		sum := sha256.Sum256(content)
		assert.Equal(t, hex.EncodeToString(sum[:]), b.SHA256, size)
		assert.Equal(t, int64(size), b.Size)
		assert.Equal(t, "application/pdf", b.ContentType)
		assert.Regexp(t, `^[0-9a-f]{32}$`, b.Key)

		got, err := readBlob(t, s, b.Key)
		require.NoError(t, err, size)
		assert.True(t, bytes.Equal(content, got), "round trip of %d bytes", size)

		path := filepath.Join(dir, "blobs", b.Key[:2], b.Key)
		info, err := os.Stat(path)
		require.NoError(t, err)
		assert.Equal(t, int64(sealedBlobSize(size)), info.Size(), size)
		assert.Equal(t, fs.FileMode(0o600), info.Mode().Perm())
		assertNoFiles(t, filepath.Join(dir, "tmp"))
	}
}

// TestBlobFormatRoundTrip covers sizes Stage would refuse (empty, one
// byte) and the chunk boundaries, straight through the format layer.
func TestBlobFormatRoundTrip(t *testing.T) {
	s, dir := newTestBlobStore(t)
	for _, size := range []int{0, 1, blobTagSize, blobChunkSize - 1, blobChunkSize, blobChunkSize + 1, 3 * blobChunkSize, 1_000_000} {
		content := pdfBytes(size, "")
		key := putRawBlob(t, s, content)
		got, err := readBlob(t, s, key)
		require.NoError(t, err, size)
		assert.Len(t, got, size)
		assert.True(t, bytes.Equal(content, got), size)

		info, err := os.Stat(filepath.Join(dir, "blobs", key[:2], key))
		require.NoError(t, err)
		assert.Equal(t, int64(sealedBlobSize(size)), info.Size(), size)
	}
}

func TestBlobOpenSmallReads(t *testing.T) {
	s, _ := newTestBlobStore(t)
	content := pdfBytes(blobChunkSize+100, "")
	b := stagePublish(t, s, content)
	r, err := s.Open(b.Key)
	require.NoError(t, err)
	defer r.Close()
	got, err := io.ReadAll(iotest.OneByteReader(r))
	require.NoError(t, err)
	assert.True(t, bytes.Equal(content, got))
}

func TestBlobStageShortReads(t *testing.T) {
	s, _ := newTestBlobStore(t)
	content := pdfBytes(3*blobChunkSize, "")
	for name, r := range map[string]io.Reader{
		"one byte": iotest.OneByteReader(bytes.NewReader(content)),
		"half":     iotest.HalfReader(bytes.NewReader(content)),
		"data+EOF": iotest.DataErrReader(bytes.NewReader(content)),
	} {
		b, err := s.Stage(r, "x.pdf", testMaxSize)
		require.NoError(t, err, name)
		require.NoError(t, s.Publish(b))
		got, err := readBlob(t, s, b.Key)
		require.NoError(t, err, name)
		assert.True(t, bytes.Equal(content, got), name)
	}
}

func TestBlobNoPlaintextOnDisk(t *testing.T) {
	s, dir := newTestBlobStore(t)
	const marker = "CONFIDENTIAL-MARKER-7f3a9c-passport-number-X1234567"
	content := pdfBytes(300_000, marker)
	// A low-entropy file too, in case compression-like patterns leaked.
	lowEntropy := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte(marker), 5000)...)

	b1, err := s.Stage(bytes.NewReader(content), "a.pdf", testMaxSize)
	require.NoError(t, err)
	b2, err := s.Stage(bytes.NewReader(lowEntropy), "b.pdf", testMaxSize)
	require.NoError(t, err)
	assertNoMarker(t, dir, marker) // staged, not yet published
	require.NoError(t, s.Publish(b1))
	require.NoError(t, s.Publish(b2))
	assertNoMarker(t, dir, marker)

	// The test would be void if the marker never reached the store.
	got, err := readBlob(t, s, b2.Key)
	require.NoError(t, err)
	assert.Contains(t, string(got), marker)
}

func assertNoMarker(t *testing.T, dir, marker string) {
	t.Helper()
	files := filesUnder(t, dir)
	require.NotEmpty(t, files)
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		assert.NotContains(t, string(data), marker, f)
		assert.NotContains(t, string(data), "%PDF", f)
	}
}

func TestBlobKeysAreRandomAndIgnoreFilename(t *testing.T) {
	s, _ := newTestBlobStore(t)
	content := pdfBytes(1000, "")
	a, err := s.Stage(bytes.NewReader(content), "../../same.pdf", testMaxSize)
	require.NoError(t, err)
	b, err := s.Stage(bytes.NewReader(content), "../../same.pdf", testMaxSize)
	require.NoError(t, err)
	assert.NotEqual(t, a.Key, b.Key)
	assert.NotContains(t, a.tmpPath, "same")
	assert.NotContains(t, a.finalPath, "same")
}

func TestBlobSameContentEncryptsDifferently(t *testing.T) {
	s, dir := newTestBlobStore(t)
	content := pdfBytes(1000, "")
	a := stagePublish(t, s, content)
	b := stagePublish(t, s, content)
	dataA, err := os.ReadFile(filepath.Join(dir, "blobs", a.Key[:2], a.Key))
	require.NoError(t, err)
	dataB, err := os.ReadFile(filepath.Join(dir, "blobs", b.Key[:2], b.Key))
	require.NoError(t, err)
	assert.NotEqual(t, dataA[len(blobMagic):blobHeaderSize], dataB[len(blobMagic):blobHeaderSize], "fresh salt per file")
	assert.NotEqual(t, dataA[blobHeaderSize:], dataB[blobHeaderSize:], "fresh key per file")
}

// corruptions damage a published blob file in the ways an attacker or a
// bad disk might.
var corruptions = map[string]func(data []byte) []byte{
	"flip a byte in the middle": func(d []byte) []byte { d[len(d)/2] ^= 0x01; return d },
	"flip a byte in the salt":   func(d []byte) []byte { d[len(blobMagic)+3] ^= 0x80; return d },
	"flip the last tag byte":    func(d []byte) []byte { d[len(d)-1] ^= 0xFF; return d },
	"drop the last chunk": func(d []byte) []byte {
		return d[:len(d)-lastSealedChunkLen(len(d))]
	},
	"cut the last chunk short": func(d []byte) []byte { return d[:len(d)-5] },
	"cut inside the first tag": func(d []byte) []byte { return d[:blobHeaderSize+blobTagSize-1] },
	"header only":              func(d []byte) []byte { return d[:blobHeaderSize] },
	"append a byte":            func(d []byte) []byte { return append(d, 0) },
	"repeat the last chunk": func(d []byte) []byte {
		return append(d, d[len(d)-lastSealedChunkLen(len(d)):]...)
	},
	"swap the first two chunks": func(d []byte) []byte {
		c0 := bytes.Clone(d[blobHeaderSize : blobHeaderSize+blobSealedSize])
		copy(d[blobHeaderSize:], d[blobHeaderSize+blobSealedSize:blobHeaderSize+2*blobSealedSize])
		copy(d[blobHeaderSize+blobSealedSize:], c0)
		return d
	},
}

// lastSealedChunkLen is the sealed length of the final chunk of a blob
// file of n bytes with at least one full chunk before it.
func lastSealedChunkLen(n int) int {
	body := n - blobHeaderSize
	if rest := body % blobSealedSize; rest != 0 {
		return rest
	}
	return blobSealedSize
}

func TestBlobOpenDetectsCorruption(t *testing.T) {
	// 3.5 chunks has a short final chunk; 3 chunks exactly has a full one.
	for _, size := range []int{3*blobChunkSize + blobChunkSize/2, 3 * blobChunkSize} {
		for name, corrupt := range corruptions {
			s, dir := newTestBlobStore(t)
			b := stagePublish(t, s, pdfBytes(size, ""))
			path := filepath.Join(dir, "blobs", b.Key[:2], b.Key)
			data, err := os.ReadFile(path)
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(path, corrupt(data), 0o600))

			_, err = readBlob(t, s, b.Key)
			require.Error(t, err, "%s, size %d", name, size)
			assert.ErrorIs(t, err, errBlobCorrupt, name)
			assert.Equal(t, domain.EInternal, domain.ErrorCode(err))
		}
	}
}

func TestBlobOpenRejectsBadMagic(t *testing.T) {
	s, dir := newTestBlobStore(t)
	b := stagePublish(t, s, pdfBytes(100, ""))
	path := filepath.Join(dir, "blobs", b.Key[:2], b.Key)
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	data[7] = '2' // "CCFBLOB2"
	require.NoError(t, os.WriteFile(path, data, 0o600))
	_, err = s.Open(b.Key)
	assert.ErrorIs(t, err, errBlobCorrupt)
}

func TestBlobOpenWrongMasterKey(t *testing.T) {
	s, dir := newTestBlobStore(t)
	b := stagePublish(t, s, pdfBytes(100, ""))
	other, err := NewStore(dir, bytes.Repeat([]byte{0x43}, 32))
	require.NoError(t, err)
	_, err = readBlob(t, other, b.Key)
	assert.ErrorIs(t, err, errBlobCorrupt)
}

func TestBlobReadErrorIsSticky(t *testing.T) {
	s, dir := newTestBlobStore(t)
	b := stagePublish(t, s, pdfBytes(2*blobChunkSize+10, ""))
	path := filepath.Join(dir, "blobs", b.Key[:2], b.Key)
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	data[len(data)-3] ^= 1
	require.NoError(t, os.WriteFile(path, data, 0o600))

	r, err := s.Open(b.Key)
	require.NoError(t, err)
	defer r.Close()
	_, err = io.ReadAll(r)
	require.Error(t, err)
	n, err2 := r.Read(make([]byte, 10))
	assert.Zero(t, n)
	assert.Equal(t, err, err2, "a broken stream must stay broken, never turn into EOF")
}

func TestBlobStageTooLarge(t *testing.T) {
	for _, tc := range []struct {
		name    string
		size    int
		maxSize int64
		wantMB  int
	}{
		{"one byte over", 2_000_001, 2_000_000, 2},
		{"head over", 400, 100, 0},
		{"far over", 5_000_000, 3_500_000, 3},
	} {
		s, dir := newTestBlobStore(t)
		_, err := s.Stage(bytes.NewReader(pdfBytes(tc.size, "")), "x.pdf", tc.maxSize)
		require.Error(t, err, tc.name)
		var e *domain.Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, domain.ETooLarge, e.Code, tc.name)
		assert.Equal(t, "upload.too_large", e.Message)
		assert.Equal(t, []any{tc.wantMB}, e.Args, tc.name)
		assertNoFiles(t, dir)
	}
}

func TestBlobStageExactlyMaxSize(t *testing.T) {
	s, _ := newTestBlobStore(t)
	b, err := s.Stage(bytes.NewReader(pdfBytes(200_000, "")), "x.pdf", 200_000)
	require.NoError(t, err)
	assert.Equal(t, int64(200_000), b.Size)
}

func TestBlobStageEmpty(t *testing.T) {
	s, dir := newTestBlobStore(t)
	_, err := s.Stage(strings.NewReader(""), "x.pdf", testMaxSize)
	assert.Equal(t, domain.EInvalid, domain.ErrorCode(err))
	assert.Equal(t, "upload.empty", domain.ErrorMessage(err))
	assertNoFiles(t, dir)
}

func TestBlobStageTypeNotAllowed(t *testing.T) {
	for name, content := range map[string]string{
		"html":     "<!DOCTYPE html><html><script>alert(1)</script></html>",
		"one byte": "%",
		"svg":      `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`,
		"zip":      "PK\x03\x04rest of a zip",
	} {
		s, dir := newTestBlobStore(t)
		_, err := s.Stage(strings.NewReader(content), "x.pdf", testMaxSize)
		assert.Equal(t, domain.EInvalid, domain.ErrorCode(err), name)
		assert.Equal(t, "upload.type_not_allowed", domain.ErrorMessage(err), name)
		assertNoFiles(t, dir)
	}
}

// failingReader returns good data and then a distinctive error.
type failingReader struct {
	r   io.Reader
	err error
}

func (f *failingReader) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err == io.EOF {
		return n, f.err
	}
	return n, err
}

type testReadError struct{}

func (testReadError) Error() string { return "connection reset" }

func TestBlobStageReadErrorsKeepTheirCause(t *testing.T) {
	for name, size := range map[string]int{"in the head": 100, "in the body": 300_000} {
		s, dir := newTestBlobStore(t)
		r := &failingReader{r: bytes.NewReader(pdfBytes(size, "")), err: testReadError{}}
		_, err := s.Stage(r, "x.pdf", testMaxSize)
		var re testReadError
		assert.ErrorAs(t, err, &re, name)
		assert.Equal(t, domain.EInternal, domain.ErrorCode(err))
		assertNoFiles(t, dir)
	}
}

func TestBlobStageMaxBytesError(t *testing.T) {
	s, dir := newTestBlobStore(t)
	body := io.NopCloser(bytes.NewReader(pdfBytes(500_000, "")))
	r := http.MaxBytesReader(nil, body, 200_000)
	_, err := s.Stage(r, "x.pdf", testMaxSize)
	var mbe *http.MaxBytesError
	require.ErrorAs(t, err, &mbe)
	assert.Equal(t, int64(200_000), mbe.Limit)
	assertNoFiles(t, dir)
}

func TestBlobDiscard(t *testing.T) {
	s, dir := newTestBlobStore(t)
	staged, err := s.Stage(bytes.NewReader(pdfBytes(1000, "")), "x.pdf", testMaxSize)
	require.NoError(t, err)
	require.Len(t, filesUnder(t, filepath.Join(dir, "tmp")), 1)
	s.Discard(staged)
	s.Discard(staged)
	assertNoFiles(t, dir)

	published := stagePublish(t, s, pdfBytes(1000, ""))
	assertNoFiles(t, filepath.Join(dir, "tmp"))
	require.Len(t, filesUnder(t, filepath.Join(dir, "blobs")), 1)
	s.Discard(published)
	s.Discard(published)
	assertNoFiles(t, dir)
	_, err = s.Open(published.Key)
	assert.ErrorIs(t, err, os.ErrNotExist)
}

func TestBlobRemove(t *testing.T) {
	s, dir := newTestBlobStore(t)
	b := stagePublish(t, s, pdfBytes(1000, ""))
	require.NoError(t, s.Remove(b.Key))
	require.NoError(t, s.Remove(b.Key), "a missing file is not an error")
	assertNoFiles(t, dir)
	_, err := s.Open(b.Key)
	assert.ErrorIs(t, err, os.ErrNotExist)
}

func TestBlobRejectsBadKeys(t *testing.T) {
	s, dir := newTestBlobStore(t)
	// A file a traversal would reach, to be sure it is never touched.
	victim := filepath.Join(dir, "victim")
	require.NoError(t, os.WriteFile(victim, []byte("%PDF-"), 0o600))
	for _, key := range []string{
		"",
		"../x",
		"../victim",
		"../../victim",
		"/etc/passwd",
		"0123456789abcdef0123456789abcde",   // 31
		"0123456789abcdef0123456789abcdef0", // 33
		"0123456789ABCDEF0123456789ABCDEF",  // upper case is never issued
		"0123456789abcdef0123456789abcde/",
		"..3456789abcdef0123456789abcdef0",
		"0123456789abcdef0123456789abcd\x00f",
	} {
		_, err := s.Open(key)
		assert.ErrorIs(t, err, errBlobKey, "%q", key)
		assert.ErrorIs(t, s.Remove(key), errBlobKey, "%q", key)
	}
	assert.FileExists(t, victim)
}

func TestBlobSweepTemp(t *testing.T) {
	s, dir := newTestBlobStore(t)
	old, err := s.Stage(bytes.NewReader(pdfBytes(1000, "")), "old.pdf", testMaxSize)
	require.NoError(t, err)
	fresh, err := s.Stage(bytes.NewReader(pdfBytes(1000, "")), "new.pdf", testMaxSize)
	require.NoError(t, err)
	published := stagePublish(t, s, pdfBytes(1000, ""))
	twoHoursAgo := time.Now().Add(-2 * time.Hour)
	require.NoError(t, os.Chtimes(old.tmpPath, twoHoursAgo, twoHoursAgo))
	require.NoError(t, os.Chtimes(published.finalPath, twoHoursAgo, twoHoursAgo))

	n, err := s.SweepTemp(time.Hour)
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	assert.NoFileExists(t, old.tmpPath)
	assert.FileExists(t, fresh.tmpPath)
	assert.FileExists(t, published.finalPath, "published blobs are never swept")

	n, err = s.SweepTemp(time.Hour)
	require.NoError(t, err)
	assert.Zero(t, n)
	require.NoError(t, s.Publish(fresh))
	assert.Len(t, filesUnder(t, filepath.Join(dir, "blobs")), 2)
}

func TestBlobConcurrentUse(t *testing.T) {
	s, _ := newTestBlobStore(t)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			content := pdfBytes(blobChunkSize*2+i, "")
			b, err := s.Stage(bytes.NewReader(content), "x.pdf", testMaxSize)
			if !assert.NoError(t, err) || !assert.NoError(t, s.Publish(b)) {
				return
			}
			r, err := s.Open(b.Key)
			if !assert.NoError(t, err) {
				return
			}
			defer r.Close()
			got, err := io.ReadAll(r)
			assert.NoError(t, err)
			assert.True(t, bytes.Equal(content, got))
		})
	}
	wg.Wait()
}

// pdfStream generates a PDF-looking stream of n bytes without holding it,
// sampling the heap as it goes so the peak during Stage is seen.
type pdfStream struct {
	left, sent int64
	block      []byte
	peakHeap   uint64
	nextSample int64
}

func newPDFStream(n int64) *pdfStream {
	return &pdfStream{left: n, block: pdfBytes(4096, "")}
}

func (g *pdfStream) Read(p []byte) (int, error) {
	if g.left == 0 {
		return 0, io.EOF
	}
	if g.sent >= g.nextSample {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		g.peakHeap = max(g.peakHeap, ms.HeapInuse)
		g.nextSample += 5_000_000
	}
	p = p[:min(int64(len(p)), g.left)]
	n := 0
	for n < len(p) {
		off := int((g.sent + int64(n)) % int64(len(g.block)))
		n += copy(p[n:], g.block[off:])
	}
	g.left -= int64(n)
	g.sent += int64(n)
	return n, nil
}

func TestBlobStageStreamsWithoutBuffering(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 50 MB")
	}
	s, _ := newTestBlobStore(t)
	const size = 50_000_000
	const limit = 8 << 20
	gen := newPDFStream(size)

	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b, err := s.Stage(gen, "big.pdf", testMaxSize)
	runtime.ReadMemStats(&after)
	require.NoError(t, err)
	assert.Equal(t, int64(size), b.Size)

	t.Logf("allocated %d B, peak heap growth %d B", after.TotalAlloc-before.TotalAlloc, int64(gen.peakHeap)-int64(before.HeapInuse))
	// TotalAlloc counts every byte allocated, freed or not, so it catches a
	// whole-file buffer even if the GC had already reclaimed it.
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(limit), "bytes allocated while staging")
	assert.Less(t, int64(gen.peakHeap)-int64(before.HeapInuse), int64(limit), "heap growth while staging")
	assert.Less(t, int64(after.HeapInuse)-int64(before.HeapInuse), int64(limit), "heap growth after staging")
}

func TestBlobOpenVerifiedRefusesADamagedFileBeforeAnyByte(t *testing.T) {
	size := 3*blobChunkSize + blobChunkSize/2
	content := pdfBytes(size, "verified")
	for name, corrupt := range corruptions {
		s, dir := newTestBlobStore(t)
		b := stagePublish(t, s, content)
		path := filepath.Join(dir, "blobs", b.Key[:2], b.Key)
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(path, corrupt(data), 0o600))

		r, err := s.OpenVerified(b.Key, b.SHA256, b.Size)
		assert.Nil(t, r, name)
		assert.ErrorIs(t, err, ErrDamaged, name)
		assert.ErrorIs(t, s.VerifyRecord(b.Key, b.SHA256, b.Size), ErrDamaged, name)
	}

	s, dir := newTestBlobStore(t)
	good := stagePublish(t, s, content)
	r, err := s.OpenVerified(good.Key, good.SHA256, good.Size)
	require.NoError(t, err)
	got, err := io.ReadAll(r)
	require.NoError(t, err)
	require.NoError(t, r.Close())
	assert.Equal(t, content, got, "a sound file is served whole, from the start")

	// Another valid blob put in its place decrypts fine, but is not the
	// file its row describes.
	other := stagePublish(t, s, pdfBytes(size, "other"))
	require.NoError(t, os.Rename(filepath.Join(dir, "blobs", other.Key[:2], other.Key),
		filepath.Join(dir, "blobs", good.Key[:2], good.Key)))
	assert.ErrorIs(t, s.VerifyRecord(good.Key, good.SHA256, good.Size), ErrDamaged, "swapped")
	assert.ErrorIs(t, s.VerifyRecord(other.Key, other.SHA256, other.Size), ErrDamaged, "missing")
}

func TestBlobClearTempKeysAndQuarantine(t *testing.T) {
	s, dir := newTestBlobStore(t)
	fresh, err := s.Stage(bytes.NewReader(pdfBytes(1000, "")), "new.pdf", testMaxSize)
	require.NoError(t, err)
	kept := stagePublish(t, s, pdfBytes(1000, "kept"))
	orphan := stagePublish(t, s, pdfBytes(1000, "orphan"))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "blobs", "README"), []byte("not a blob"), 0o600))

	n, err := s.ClearTemp()
	require.NoError(t, err)
	assert.Equal(t, 1, n, "a fresh temp file is swept too")
	assert.NoFileExists(t, fresh.tmpPath)

	keys, err := s.Keys()
	require.NoError(t, err)
	assert.ElementsMatch(t, []string{kept.Key, orphan.Key}, keys)

	require.NoError(t, s.Quarantine(orphan.Key))
	assert.NoFileExists(t, orphan.finalPath)
	moved := filepath.Join(dir, "quarantine", orphan.Key)
	assert.FileExists(t, moved)
	info, err := os.Stat(filepath.Join(dir, "quarantine"))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o700), info.Mode().Perm())
	assert.Equal(t, s.QuarantineDir(), filepath.Join(dir, "quarantine"))
	keys, err = s.Keys()
	require.NoError(t, err)
	assert.Equal(t, []string{kept.Key}, keys)
	assert.ErrorIs(t, s.Quarantine("../x"), errBlobKey)
}
