package blob

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// FuzzBlobOpen writes arbitrary bytes as a blob file and reads it back: the
// reader must never panic and, without the key, must never accept anything
// but a well-formed blob. Any file it does accept must have exactly the
// size the format gives its plaintext, so no stray bytes were ignored.
func FuzzBlobOpen(f *testing.F) {
	s, err := NewStore(f.TempDir(), testBlobMasterKey)
	if err != nil {
		f.Fatal(err)
	}
	for _, size := range []int{0, 1, 100, blobChunkSize, blobChunkSize + 1} {
		key := putRawBlob(f, s, pdfBytes(size, ""))
		data, err := os.ReadFile(s.finalPath(key))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		f.Add(data[:len(data)-1])
	}
	f.Add([]byte{})
	f.Add([]byte(blobMagic))
	f.Add(append([]byte(blobMagic), make([]byte, blobSaltSize+blobTagSize)...))

	const key = "00112233445566778899aabbccddeeff"
	path := s.finalPath(key)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		r, err := s.Open(key)
		if err != nil {
			return
		}
		defer r.Close()
		plain, err := io.ReadAll(r)
		if err != nil {
			return
		}
		if len(data) != sealedBlobSize(len(plain)) {
			t.Fatalf("accepted %d bytes as a blob of %d plaintext bytes", len(data), len(plain))
		}
		if !bytes.HasPrefix(data, []byte(blobMagic)) {
			t.Fatal("accepted a file without the magic")
		}
	})
}
