package blob

import (
	"crypto/cipher"
	"fmt"
	"io"
	"os"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// plainCacheChunks is how many decrypted chunks a plaintextReader keeps:
// readers of zip directories and PDF cross-references jump between the
// end of a file and its objects, and a few chunks cover that.
const plainCacheChunks = 4

// plaintextReader reads a blob file's plaintext at any offset, decrypting
// only the 64 KiB chunks a read touches. Its memory is a few chunks,
// whatever the file's size, and plaintext never reaches the disk. Each
// chunk is authenticated with its position and whether it is the last, as
// the sequential reader does, so a cut, reordered or extended file fails
// to read instead of reading differently. It is not safe for concurrent
// use.
type plaintextReader struct {
	f       *os.File
	aead    cipher.AEAD
	header  []byte
	chunks  int64 // number of sealed chunks
	size    int64 // plaintext size
	sealed  []byte
	nonce   [blobNonceSize]byte
	cache   [plainCacheChunks]plainChunk
	nextUse uint64
}

type plainChunk struct {
	index   int64
	data    []byte
	lastUse uint64
	valid   bool
}

// openPlaintext opens the file at path (a staged or published blob) for
// random-access reading of its plaintext.
func (s *Store) openPlaintext(path string) (*plaintextReader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, domain.Internal(err)
	}
	r, err := s.newPlaintextReader(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	return r, nil
}

func (s *Store) newPlaintextReader(f *os.File) (*plaintextReader, error) {
	info, err := f.Stat()
	if err != nil {
		return nil, domain.Internal(err)
	}
	header := make([]byte, blobHeaderSize)
	if _, err := io.ReadFull(f, header); err != nil || string(header[:len(blobMagic)]) != blobMagic {
		return nil, domain.Internal(fmt.Errorf("%w: bad header", errBlobCorrupt))
	}
	body := info.Size() - int64(blobHeaderSize)
	// Every file has at least one chunk (an empty final one is just its
	// tag), and only the last may be short.
	chunks := (body + blobSealedSize - 1) / blobSealedSize
	if chunks == 0 || body-(chunks-1)*blobSealedSize < blobTagSize {
		return nil, domain.Internal(fmt.Errorf("%w: truncated", errBlobCorrupt))
	}
	aead, err := s.fileAEAD(header[len(blobMagic):])
	if err != nil {
		return nil, err
	}
	return &plaintextReader{f: f, aead: aead, header: header, chunks: chunks,
		size: body - chunks*blobTagSize, sealed: make([]byte, blobSealedSize)}, nil
}

// Size is the plaintext size.
func (r *plaintextReader) Size() int64 { return r.size }

// ReadAt implements io.ReaderAt over the plaintext.
func (r *plaintextReader) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, fmt.Errorf("blob: negative offset")
	}
	n := 0
	for n < len(p) {
		if off >= r.size {
			return n, io.EOF
		}
		data, err := r.chunk(off / blobChunkSize)
		if err != nil {
			return n, err
		}
		m := copy(p[n:], data[off%blobChunkSize:])
		n += m
		off += int64(m)
	}
	return n, nil
}

// chunk returns the plaintext of chunk i, from the cache or decrypted.
func (r *plaintextReader) chunk(i int64) ([]byte, error) {
	r.nextUse++
	victim := 0
	for k := range r.cache {
		c := &r.cache[k]
		if c.valid && c.index == i {
			c.lastUse = r.nextUse
			return c.data, nil
		}
		if !c.valid || c.lastUse < r.cache[victim].lastUse {
			victim = k
		}
	}
	if i >= r.chunks {
		return nil, io.EOF
	}
	start := int64(blobHeaderSize) + i*blobSealedSize
	sealed := r.sealed[:blobSealedSize]
	if i == r.chunks-1 {
		sealed = sealed[:r.size-i*blobChunkSize+blobTagSize]
	}
	if _, err := r.f.ReadAt(sealed, start); err != nil {
		return nil, domain.Internal(fmt.Errorf("%w: chunk %d: %v", errBlobCorrupt, i, err))
	}
	blobNonce(r.nonce[:], uint64(i), i == r.chunks-1)
	c := &r.cache[victim]
	plain, err := r.aead.Open(c.data[:0], r.nonce[:], sealed, r.header)
	if err != nil {
		c.valid = false
		return nil, domain.Internal(fmt.Errorf("%w: chunk %d", errBlobCorrupt, i))
	}
	*c = plainChunk{index: i, data: plain, lastUse: r.nextUse, valid: true}
	return plain, nil
}

// Close closes the file.
func (r *plaintextReader) Close() error {
	for k := range r.cache {
		clear(r.cache[k].data)
		r.cache[k] = plainChunk{}
	}
	return r.f.Close()
}
