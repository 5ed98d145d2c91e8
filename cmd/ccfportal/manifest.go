package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"path"
	"strings"
	"time"

	"github.com/ccf-portal/ccfportal/db/blob"
)

// The archive's entries: the database snapshot, the evidence files under
// the paths they have in the data folder, and the manifest, written last
// because it holds the checksums of everything before it.
const (
	backupFormat   = "ccfportal-backup/1"
	manifestName   = "manifest.json"
	dbEntryName    = "ccf.db"
	evidencePrefix = "evidence/"
)

// manifest describes a backup archive. It holds no key material.
type manifest struct {
	Format        string           `json:"format"`
	CreatedAt     time.Time        `json:"created_at"`        // when the database snapshot was taken
	SchemaVersion string           `json:"schema_version"`    // the last migration applied to the snapshot
	Rows          map[string]int64 `json:"rows"`              // rows per table in the snapshot
	Files         []manifestFile   `json:"files"`             // every entry but the manifest, in archive order
	Missing       []string         `json:"missing,omitempty"` // evidence a row names that was not in the store
}

type manifestFile struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// archivePath checks an entry's name: only the database, the manifest and
// evidence files at the places the blob store gives them may be restored,
// so no name can reach outside the folder being restored into.
func archivePath(name string) error {
	switch {
	case name == manifestName, name == dbEntryName:
		return nil
	case strings.HasPrefix(name, evidencePrefix):
		if _, ok := blob.KeyAt(strings.TrimPrefix(name, evidencePrefix)); ok && path.Clean(name) == name {
			return nil
		}
	}
	return fmt.Errorf("unexpected entry %q", name)
}

func parseManifest(body []byte) (manifest, error) {
	var m manifest
	if err := json.Unmarshal(body, &m); err != nil {
		return m, fmt.Errorf("manifest: %w", err)
	}
	if m.Format != backupFormat {
		return m, fmt.Errorf("manifest: format %q is not %q", m.Format, backupFormat)
	}
	return m, nil
}

// verifyAgainst checks that got, the files actually read from an archive,
// are exactly the manifest's files with their sizes and checksums.
func (m manifest) verifyAgainst(got []manifestFile) error {
	want := make(map[string]manifestFile, len(m.Files))
	for _, f := range m.Files {
		want[f.Path] = f
	}
	var problems []string
	for _, g := range got {
		w, ok := want[g.Path]
		switch {
		case !ok:
			problems = append(problems, g.Path+" is not in the manifest")
		case w.Size != g.Size:
			problems = append(problems, fmt.Sprintf("%s has %d bytes, the manifest says %d", g.Path, g.Size, w.Size))
		case w.SHA256 != g.SHA256:
			problems = append(problems, g.Path+" does not match its SHA-256 in the manifest")
		}
		delete(want, g.Path)
	}
	for p := range want {
		problems = append(problems, p+" is in the manifest but not in the archive")
	}
	if _, ok := m.file(dbEntryName); !ok {
		problems = append(problems, "the archive holds no database")
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "; "))
	}
	return nil
}

// evidenceFiles counts the evidence files in the archive.
func (m manifest) evidenceFiles() int {
	n := 0
	for _, f := range m.Files {
		if strings.HasPrefix(f.Path, evidencePrefix) {
			n++
		}
	}
	return n
}

func (m manifest) file(name string) (manifestFile, bool) {
	for _, f := range m.Files {
		if f.Path == name {
			return f, true
		}
	}
	return manifestFile{}, false
}

// summingWriter counts and hashes what passes through it.
type summingWriter struct {
	w    io.Writer
	sum  hash.Hash
	size int64
}

func newSummingWriter(w io.Writer) *summingWriter { return &summingWriter{w: w, sum: sha256.New()} }

func (s *summingWriter) Write(p []byte) (int, error) {
	n, err := s.w.Write(p)
	s.sum.Write(p[:n])
	s.size += int64(n)
	return n, err
}

func (s *summingWriter) file(name string) manifestFile {
	return manifestFile{Path: name, Size: s.size, SHA256: hex.EncodeToString(s.sum.Sum(nil))}
}
