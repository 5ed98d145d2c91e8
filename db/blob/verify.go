package blob

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
)

// ErrCorrupt is the cause inside the error Open's reader, Verify and Digest
// return for a file that fails authentication: altered, cut short,
// reordered, extended, or written under another key. errors.Is finds it.
var ErrCorrupt = errBlobCorrupt

// Verify reads the blob named key through to the end, authenticating every
// chunk, and keeps none of the plaintext. nil means the whole file is as
// this store wrote it. A missing file is an error wrapping os.ErrNotExist.
func (s *Store) Verify(key string) error {
	_, _, err := s.Digest(key)
	return err
}

// Digest reads the blob named key through like Verify and returns the size
// and hex SHA-256 of its plaintext, to compare with what its row recorded:
// a file that authenticates but is another document's would not match.
func (s *Store) Digest(key string) (size int64, sha string, err error) {
	r, err := s.Open(key)
	if err != nil {
		return 0, "", err
	}
	defer r.Close()
	sum := sha256.New()
	// The plaintext passes through one small buffer and goes nowhere else.
	n, err := io.CopyBuffer(sum, r, make([]byte, blobChunkSize))
	if err != nil {
		return 0, "", err
	}
	return n, hex.EncodeToString(sum.Sum(nil)), nil
}
