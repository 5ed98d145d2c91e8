package blob

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/filetype"
)

// Format constants; changing any of them needs a new magic.
const (
	blobMagic         = "CCFBLOB1"
	blobSaltSize      = 32
	blobHeaderSize    = len(blobMagic) + blobSaltSize
	blobKeyInfo       = "ccf-portal blob v1"
	blobChunkSize     = 64 * 1024
	blobTagSize       = 16
	blobSealedSize    = blobChunkSize + blobTagSize
	blobNonceSize     = 12
	blobMasterKeySize = 32
)

// Storage names: 16 random bytes as lower-case hex.
const (
	blobKeyBytes  = 16
	blobKeyLength = 2 * blobKeyBytes
	blobTmpSuffix = ".tmp"
	blobSniffSize = filetype.SniffSize
)

// Internal causes; they are wrapped in Internal errors and only ever logged.
var (
	errBlobKey      = errors.New("db: invalid blob key")
	errBlobCorrupt  = errors.New("db: blob is corrupt or was tampered with")
	errBlobTooLong  = errors.New("db: blob has too many chunks")
	errBlobFinished = errors.New("db: write after final chunk")
)

// Store keeps uploaded files encrypted at rest under dir.
type Store struct {
	blobsDir  string
	tmpDir    string
	masterKey []byte
	// CreateTemp, when set, creates the temp file an upload is staged
	// in; tests use it to make writing fail as a full disk does. Nil
	// creates it with os.OpenFile.
	CreateTemp func(path string) (TempFile, error)
}

// TempFile is what staging writes an upload to.
type TempFile interface {
	io.Writer
	Sync() error
	Close() error
}

// NewStore opens (creating if needed) a store under dir. masterKey must
// be 32 bytes of secret random data; losing it makes every blob unreadable.
func NewStore(dir string, masterKey []byte) (*Store, error) {
	if len(masterKey) != blobMasterKeySize {
		return nil, fmt.Errorf("db: blob master key must be %d bytes, got %d", blobMasterKeySize, len(masterKey))
	}
	s := &Store{
		blobsDir:  filepath.Join(dir, "blobs"),
		tmpDir:    filepath.Join(dir, "tmp"),
		masterKey: append([]byte(nil), masterKey...),
	}
	for _, d := range []string{s.blobsDir, s.tmpDir} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return nil, fmt.Errorf("db: create blob dir: %w", err)
		}
		// MkdirAll leaves an existing directory's mode alone; tighten it so
		// a directory made by hand or by an older version is not readable by
		// other local users.
		if err := os.Chmod(d, 0o700); err != nil {
			return nil, fmt.Errorf("db: restrict blob dir: %w", err)
		}
	}
	return s, nil
}

// Blob describes a stored file.
type Blob struct {
	Key         string // server-chosen storage name (random, e.g. 32 hex chars); never derived from the filename
	Size        int64  // plaintext size
	SHA256      string // hex SHA-256 of the plaintext
	ContentType string // sniffed MIME type, e.g. "application/pdf"
}

// Staged is a blob written to the temp area, waiting for Publish (after
// which its database row may be committed) or Discard.
type Staged struct {
	Blob
	Inspection filetype.Report // what the content checks found: pages, warnings for staff
	tmpPath    string
	finalPath  string
}

// Stage streams r into an encrypted temp file under dir/tmp, computing size
// and SHA-256 and deciding the type from the content (see filetype.go). It
// holds at most a few chunks in memory and never writes plaintext to disk.
// The temp file is fsynced before Stage returns. On any error the temp file
// is removed. Errors: ETooLarge "upload.too_large" (arg: maxSize in whole
// MB) over maxSize bytes; EInvalid "upload.empty" for no bytes; EInvalid
// "upload.type_not_allowed" for a type not on the allowlist, and the
// other EInvalid refusals of filetype.Check and filetype.Inspect (legacy
// Office files, macros, zip bombs, oversized pictures); read errors
// from r are returned as Internal errors that wrap them, so that errors.As
// still finds, for example, an *http.MaxBytesError.
func (s *Store) Stage(r io.Reader, filename string, maxSize int64) (*Staged, error) {
	head, ft, err := sniffUpload(r, filename, maxSize)
	if err != nil {
		return nil, err
	}
	key, err := newBlobKey()
	if err != nil {
		return nil, err
	}
	b := &Staged{
		Blob:      Blob{Key: key, ContentType: ft.MIME},
		tmpPath:   filepath.Join(s.tmpDir, key+blobTmpSuffix),
		finalPath: s.finalPath(key),
	}
	if err := s.writeStaged(b, io.MultiReader(head, r), maxSize); err != nil {
		s.Discard(b)
		return nil, err
	}
	if err := s.inspect(b, ft); err != nil {
		s.Discard(b)
		return nil, err
	}
	return b, nil
}

// sniffUpload reads the head of the upload and checks it before any file
// is created, so refused uploads leave nothing behind. It returns a reader
// replaying the head.
func sniffUpload(r io.Reader, filename string, maxSize int64) (io.Reader, filetype.Type, error) {
	head := make([]byte, blobSniffSize)
	// ReadFull, not Read: a network body may hand over a few bytes at a time.
	n, err := io.ReadFull(r, head)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return nil, filetype.Type{}, readError(err)
	}
	head = head[:n]
	switch {
	case n == 0:
		return nil, filetype.Type{}, domain.Errorf(domain.EInvalid, "upload.empty")
	case int64(n) > maxSize:
		return nil, filetype.Type{}, tooLarge(maxSize)
	}
	ft, err := filetype.Check(head, filename)
	if err != nil {
		return nil, filetype.Type{}, refused(err)
	}
	return bytes.NewReader(head), ft, nil
}

// tooLarge states the limit in whole megabytes, as users think of it.
func tooLarge(maxSize int64) error {
	return domain.Errorf(domain.ETooLarge, "upload.too_large", int(maxSize/1_000_000))
}

// readError keeps the cause wrapped so the web layer can still recognise,
// say, an *http.MaxBytesError or a client disconnect with errors.As.
func readError(err error) error {
	return domain.Internal(fmt.Errorf("db: read upload: %w", err))
}

// writeStaged encrypts r into b.tmpPath and fills in b's size and hash.
func (s *Store) writeStaged(b *Staged, r io.Reader, maxSize int64) error {
	f, err := s.createTemp(b.tmpPath)
	if err != nil {
		return writeFailed(err)
	}
	defer f.Close() // second Close after the explicit one is harmless
	w, err := s.newSealWriter(f)
	if err != nil {
		return writeFailed(err)
	}
	sum := sha256.New()
	size, err := copyLimited(io.MultiWriter(sum, w), r, maxSize)
	if err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return writeFailed(err)
	}
	if err := f.Sync(); err != nil {
		return writeFailed(err)
	}
	if err := f.Close(); err != nil {
		return writeFailed(err)
	}
	b.Size, b.SHA256 = size, hex.EncodeToString(sum.Sum(nil))
	return nil
}

func (s *Store) createTemp(path string) (TempFile, error) {
	if s.CreateTemp != nil {
		return s.CreateTemp(path)
	}
	// O_EXCL: never write into a file someone else placed at this name.
	return os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
}

// writeFailed is how a failure to write evidence to disk reaches the
// caller: a full disk (ENOSPC) becomes EStorageFull "error.storage_full",
// the code the database gives a full disk (see conn.Failed), so the
// person is told why; anything else is internal. The cause is kept for
// the log.
func writeFailed(err error) error {
	if errors.Is(err, syscall.ENOSPC) {
		return &domain.Error{Code: domain.EStorageFull, Message: "error.storage_full", Err: fmt.Errorf("db: write evidence: %w", err)}
	}
	var coded *domain.Error
	if errors.As(err, &coded) {
		return err
	}
	return domain.Internal(err)
}

// copyLimited copies r to w, failing as soon as more than maxSize bytes
// have been read. Unlike io.Copy it keeps read and write failures apart, so
// that a read failure (the client's doing) keeps its own error.
func copyLimited(w io.Writer, r io.Reader, maxSize int64) (int64, error) {
	buf := make([]byte, 32*1024)
	var total int64
	for {
		n, rerr := r.Read(buf)
		total += int64(n)
		if total > maxSize {
			return total, tooLarge(maxSize)
		}
		if n > 0 {
			if _, err := w.Write(buf[:n]); err != nil {
				return total, writeFailed(err)
			}
		}
		if rerr == io.EOF {
			return total, nil
		}
		if rerr != nil {
			return total, readError(rerr)
		}
	}
}

// Publish moves the staged file to its final place and fsyncs the
// directories involved, so the blob survives a crash before the caller
// commits the database row that refers to it.
func (s *Store) Publish(b *Staged) error {
	shard := filepath.Dir(b.finalPath)
	if err := os.MkdirAll(shard, 0o700); err != nil {
		return writeFailed(err)
	}
	if err := os.Rename(b.tmpPath, b.finalPath); err != nil {
		return writeFailed(err)
	}
	// The rename is only durable once the new parent is synced, and a
	// freshly made shard directory only once its own parent is.
	if err := syncDir(shard); err != nil {
		return writeFailed(err)
	}
	if err := syncDir(s.blobsDir); err != nil {
		return writeFailed(err)
	}
	return nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// Discard removes the staged or published file; it is for when the
// database commit fails. It is safe to call more than once.
func (s *Store) Discard(b *Staged) {
	// Errors are ignored on purpose: the caller is already handling a
	// failure, and a leftover temp file is swept later by SweepTemp.
	_ = os.Remove(b.tmpPath)
	_ = os.Remove(b.finalPath)
}

// Remove deletes a published blob by key, for a document removed before
// submission. A missing file is not an error, so retries are harmless.
func (s *Store) Remove(key string) error {
	if !validBlobKey(key) {
		return domain.Internal(errBlobKey)
	}
	err := os.Remove(s.finalPath(key))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return domain.Internal(err)
	}
	return nil
}

// Open returns a reader of the decrypted plaintext of a published blob. It
// decrypts chunk by chunk; if the file was tampered with, truncated,
// reordered or extended, Read returns an error instead of io.EOF, so
// callers must treat data already read as untrusted until Read reports
// io.EOF. A missing blob is an Internal error wrapping os.ErrNotExist.
func (s *Store) Open(key string) (io.ReadCloser, error) {
	if !validBlobKey(key) {
		return nil, domain.Internal(errBlobKey)
	}
	f, err := os.Open(s.finalPath(key))
	if err != nil {
		return nil, domain.Internal(err)
	}
	r, err := s.newOpenReader(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	return r, nil
}

// ErrDamaged is wrapped by the error of a blob that cannot be served as
// recorded: missing, truncated, altered, or not the file its row describes.
var ErrDamaged = errors.New("blob is damaged")

// OpenVerified is Open for serving a file: it first reads the whole blob
// through, authenticating every chunk and comparing the plaintext's size
// and SHA-256 with what was recorded (wantSHA256 hex, wantSize), keeping no
// plaintext, and only then returns a reader from the start. So a damaged
// file is known before the first byte of an answer is sent. Its error
// wraps ErrDamaged; a blob swapped for another valid one is caught by the
// hash. An empty wantSHA256 skips the hash check.
func (s *Store) OpenVerified(key, wantSHA256 string, wantSize int64) (io.ReadCloser, error) {
	if !validBlobKey(key) {
		return nil, domain.Internal(errBlobKey)
	}
	f, err := os.Open(s.finalPath(key))
	if err != nil {
		return nil, domain.Internal(fmt.Errorf("%w: %w", ErrDamaged, err))
	}
	if err := s.verify(f, wantSHA256, wantSize); err != nil {
		f.Close()
		return nil, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return nil, domain.Internal(err)
	}
	r, err := s.newOpenReader(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	return r, nil
}

// VerifyRecord checks a published blob against its record (size and
// SHA-256) as OpenVerified does, without serving it.
func (s *Store) VerifyRecord(key, wantSHA256 string, wantSize int64) error {
	r, err := s.OpenVerified(key, wantSHA256, wantSize)
	if err != nil {
		return err
	}
	return r.Close()
}

// verify reads f through as a blob; f is left open, at an unknown offset.
func (s *Store) verify(f *os.File, wantSHA256 string, wantSize int64) error {
	r, err := s.newOpenReader(io.NopCloser(f))
	if err != nil {
		return domain.Internal(fmt.Errorf("%w: %w", ErrDamaged, err))
	}
	sum := sha256.New()
	size, err := io.Copy(sum, r)
	switch {
	case err != nil:
		return domain.Internal(fmt.Errorf("%w: %w", ErrDamaged, err))
	case size != wantSize:
		return domain.Internal(fmt.Errorf("%w: %d bytes, %d recorded", ErrDamaged, size, wantSize))
	case wantSHA256 != "" && hex.EncodeToString(sum.Sum(nil)) != wantSHA256:
		return domain.Internal(fmt.Errorf("%w: SHA-256 differs from the recorded one", ErrDamaged))
	}
	return nil
}

// SweepTemp deletes temp files not modified for longer than age, left by a
// crash or by a caller that neither published nor discarded. It returns how
// many it deleted. age must comfortably exceed the longest upload plus the
// time to commit its row: a stalled upload's file stops being modified.
func (s *Store) SweepTemp(age time.Duration) (int, error) {
	entries, err := os.ReadDir(s.tmpDir)
	if err != nil {
		return 0, domain.Internal(err)
	}
	cutoff := time.Now().Add(-age)
	removed := 0
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		info, err := e.Info()
		if err != nil || !info.ModTime().Before(cutoff) {
			continue // vanished meanwhile, or still fresh
		}
		if err := os.Remove(filepath.Join(s.tmpDir, e.Name())); err == nil {
			removed++
		}
	}
	return removed, nil
}

// ClearTemp deletes every temp file, whatever its age, and returns how
// many. It is for start-up, while the caller holds the data folder's lock:
// no upload can then be in progress, so every temp file is one a crash or
// an abandoned upload left behind.
func (s *Store) ClearTemp() (int, error) {
	entries, err := os.ReadDir(s.tmpDir)
	if err != nil {
		return 0, domain.Internal(err)
	}
	removed := 0
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		if err := os.Remove(filepath.Join(s.tmpDir, e.Name())); err != nil && !errors.Is(err, os.ErrNotExist) {
			return removed, domain.Internal(err)
		}
		removed++
	}
	return removed, nil
}

// Keys lists the keys of the published blobs.
func (s *Store) Keys() ([]string, error) {
	shards, err := os.ReadDir(s.blobsDir)
	if err != nil {
		return nil, domain.Internal(err)
	}
	var keys []string
	for _, shard := range shards {
		if !shard.IsDir() {
			continue
		}
		entries, err := os.ReadDir(filepath.Join(s.blobsDir, shard.Name()))
		if err != nil {
			return nil, domain.Internal(err)
		}
		for _, e := range entries {
			if e.Type().IsRegular() && validBlobKey(e.Name()) && e.Name()[:2] == shard.Name() {
				keys = append(keys, e.Name())
			}
		}
	}
	return keys, nil
}

// QuarantineDir is the folder, beside the published blobs, where blobs
// without a record are moved; nothing there is ever deleted by the portal.
func (s *Store) QuarantineDir() string { return filepath.Join(filepath.Dir(s.blobsDir), "quarantine") }

// Quarantine moves a published blob aside into QuarantineDir, durably, so
// it is out of the store but kept for someone to look at.
func (s *Store) Quarantine(key string) error {
	if !validBlobKey(key) {
		return domain.Internal(errBlobKey)
	}
	dir := s.QuarantineDir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return domain.Internal(err)
	}
	dest := filepath.Join(dir, key)
	if _, err := os.Lstat(dest); err == nil {
		return domain.Internal(fmt.Errorf("quarantine: %s is already there", key))
	}
	if err := os.Rename(s.finalPath(key), dest); err != nil {
		return domain.Internal(err)
	}
	if err := syncDir(dir); err != nil {
		return domain.Internal(err)
	}
	if err := syncDir(filepath.Dir(s.finalPath(key))); err != nil {
		return domain.Internal(err)
	}
	return nil
}

// finalPath shards blobs by the first two hex digits so no single
// directory grows too large.
func (s *Store) finalPath(key string) string {
	return filepath.Join(s.blobsDir, key[:2], key)
}

func newBlobKey() (string, error) {
	b := make([]byte, blobKeyBytes)
	if _, err := rand.Read(b); err != nil {
		return "", domain.Internal(err)
	}
	return hex.EncodeToString(b), nil
}

// validBlobKey accepts only keys newBlobKey could have made, which rules
// out path separators, "..", and anything else that could escape the store.
func validBlobKey(key string) bool {
	if len(key) != blobKeyLength {
		return false
	}
	return strings.Trim(key, "0123456789abcdef") == ""
}

// fileAEAD derives the per-file key from the master key and the salt.
func (s *Store) fileAEAD(salt []byte) (cipher.AEAD, error) {
	key, err := hkdf.Key(sha256.New, s.masterKey, salt, blobKeyInfo, 32)
	if err != nil {
		return nil, domain.Internal(err)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, domain.Internal(err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, domain.Internal(err)
	}
	return aead, nil
}

// blobNonce builds the STREAM nonce for chunk number counter. The counter
// fills the last 8 of the 11 counter bytes; the first 3 stay zero, as no
// file has 2^64 chunks.
func blobNonce(nonce []byte, counter uint64, final bool) {
	clear(nonce[:3])
	binary.BigEndian.PutUint64(nonce[3:11], counter)
	nonce[11] = 0
	if final {
		nonce[11] = 1
	}
}

// sealWriter encrypts what is written to it into the blob format. It keeps
// one chunk of plaintext buffered and only seals it once more data arrives,
// because only then is it known not to be the final chunk.
type sealWriter struct {
	w       io.Writer
	aead    cipher.AEAD
	header  []byte
	buf     []byte // plaintext of the pending chunk, len <= blobChunkSize
	out     []byte // reused space for sealed output
	nonce   [blobNonceSize]byte
	counter uint64
	closed  bool
}

func (s *Store) newSealWriter(w io.Writer) (*sealWriter, error) {
	header := make([]byte, blobHeaderSize)
	copy(header, blobMagic)
	if _, err := rand.Read(header[len(blobMagic):]); err != nil {
		return nil, domain.Internal(err)
	}
	aead, err := s.fileAEAD(header[len(blobMagic):])
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(header); err != nil {
		return nil, domain.Internal(err)
	}
	return &sealWriter{
		w:      w,
		aead:   aead,
		header: header,
		buf:    make([]byte, 0, blobChunkSize),
		out:    make([]byte, 0, blobSealedSize),
	}, nil
}

func (sw *sealWriter) Write(p []byte) (int, error) {
	if sw.closed {
		return 0, errBlobFinished
	}
	written := 0
	for len(p) > 0 {
		if len(sw.buf) == blobChunkSize {
			// More data follows a full chunk, so that chunk is not final.
			if err := sw.seal(false); err != nil {
				return written, err
			}
		}
		n := copy(sw.buf[len(sw.buf):blobChunkSize], p)
		sw.buf = sw.buf[:len(sw.buf)+n]
		p = p[n:]
		written += n
	}
	return written, nil
}

// Close seals the pending chunk as the final one. It does not close the
// underlying writer.
func (sw *sealWriter) Close() error {
	if sw.closed {
		return nil
	}
	sw.closed = true
	return sw.seal(true)
}

func (sw *sealWriter) seal(final bool) error {
	if sw.counter == ^uint64(0) {
		return errBlobTooLong
	}
	blobNonce(sw.nonce[:], sw.counter, final)
	sw.out = sw.aead.Seal(sw.out[:0], sw.nonce[:], sw.buf, sw.header)
	sw.counter++
	sw.buf = sw.buf[:0]
	_, err := sw.w.Write(sw.out)
	return err
}

// openReader decrypts a blob chunk by chunk. It reads one byte past each
// full chunk to learn whether another follows, which decides the flag the
// chunk must have been sealed with.
type openReader struct {
	f       io.ReadCloser
	aead    cipher.AEAD
	header  []byte
	sealed  []byte // reused read buffer, one sealed chunk
	plain   []byte // unread plaintext of the current chunk
	peek    []byte // the byte read ahead, if any
	nonce   [blobNonceSize]byte
	counter uint64
	done    bool  // the final chunk has been decrypted
	err     error // sticky: once broken, always broken
}

func (s *Store) newOpenReader(f io.ReadCloser) (*openReader, error) {
	header := make([]byte, blobHeaderSize)
	if _, err := io.ReadFull(f, header); err != nil {
		return nil, domain.Internal(fmt.Errorf("%w: short header: %v", errBlobCorrupt, err))
	}
	if string(header[:len(blobMagic)]) != blobMagic {
		return nil, domain.Internal(fmt.Errorf("%w: bad magic", errBlobCorrupt))
	}
	aead, err := s.fileAEAD(header[len(blobMagic):])
	if err != nil {
		return nil, err
	}
	return &openReader{
		f:      f,
		aead:   aead,
		header: header,
		sealed: make([]byte, 0, blobSealedSize),
		peek:   make([]byte, 0, 1),
	}, nil
}

func (r *openReader) Read(p []byte) (int, error) {
	for len(r.plain) == 0 {
		if r.err != nil {
			return 0, r.err
		}
		if r.done {
			return 0, io.EOF
		}
		if err := r.next(); err != nil {
			r.err = err
			return 0, err
		}
	}
	n := copy(p, r.plain)
	r.plain = r.plain[n:]
	return n, nil
}

// next reads, authenticates and decrypts the next chunk into r.plain.
func (r *openReader) next() error {
	final, err := r.readChunk()
	if err != nil {
		return err
	}
	if r.counter == ^uint64(0) {
		return domain.Internal(errBlobTooLong)
	}
	blobNonce(r.nonce[:], r.counter, final)
	// Decrypt in place: Open authenticates before it releases any byte.
	plain, err := r.aead.Open(r.sealed[:0], r.nonce[:], r.sealed, r.header)
	if err != nil {
		return domain.Internal(fmt.Errorf("%w: chunk %d", errBlobCorrupt, r.counter))
	}
	r.counter++
	r.plain, r.done = plain, final
	return nil
}

// readChunk fills r.sealed with the next sealed chunk and reports whether
// it is the last one in the file.
func (r *openReader) readChunk() (final bool, err error) {
	buf := r.sealed[:blobSealedSize]
	n := copy(buf, r.peek)
	r.peek = r.peek[:0]
	m, err := io.ReadFull(r.f, buf[n:])
	n += m
	r.sealed = buf[:n]
	switch {
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		if n < blobTagSize {
			// Nothing or too little left, yet no final chunk seen: cut off.
			return false, domain.Internal(fmt.Errorf("%w: truncated", errBlobCorrupt))
		}
		return true, nil
	case err != nil:
		return false, domain.Internal(err)
	}
	return r.peekEOF()
}

// peekEOF reads one byte ahead: at end of file the full chunk just read is
// the final one.
func (r *openReader) peekEOF() (bool, error) {
	one := r.peek[:1]
	n, err := io.ReadFull(r.f, one)
	if n == 1 {
		r.peek = one
		return false, nil
	}
	if err == io.EOF {
		return true, nil
	}
	return false, domain.Internal(err)
}

// Close closes the underlying file.
func (r *openReader) Close() error {
	r.plain = nil
	return r.f.Close()
}
