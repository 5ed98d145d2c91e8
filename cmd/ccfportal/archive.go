package main

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// archiveWriter writes a backup archive to a temporary file beside its
// final name; commit syncs it and renames it into place, so the final name
// only ever holds a complete archive.
type archiveWriter struct {
	f     *os.File
	gz    *gzip.Writer
	tw    *tar.Writer
	final string
	files []manifestFile
	at    time.Time
}

func createArchive(final string, compress bool, at time.Time) (*archiveWriter, error) {
	f, err := os.CreateTemp(filepath.Dir(final), "."+filepath.Base(final)+".*.tmp")
	if err != nil {
		return nil, err
	}
	a := &archiveWriter{f: f, final: final, at: at}
	var w io.Writer = f
	if compress {
		a.gz = gzip.NewWriter(f)
		w = a.gz
	}
	a.tw = tar.NewWriter(w)
	return a, nil
}

// add copies size bytes from r into the archive as name and records their
// checksum for the manifest.
func (a *archiveWriter) add(name string, size int64, r io.Reader) error {
	if err := a.tw.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: size, ModTime: a.at, Typeflag: tar.TypeReg,
		Format: tar.FormatPAX}); err != nil {
		return err
	}
	sw := newSummingWriter(a.tw)
	if _, err := io.CopyN(sw, r, size); err != nil {
		return fmt.Errorf("archive %s: %w", name, err)
	}
	a.files = append(a.files, sw.file(name))
	return nil
}

// addFile adds the file at path as name.
func (a *archiveWriter) addFile(name, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	return a.add(name, info.Size(), f)
}

// commit writes the manifest last, then makes the archive durable under
// its final name.
func (a *archiveWriter) commit(m manifest) error {
	m.Files = a.files
	body, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	body = append(body, '\n')
	if err := a.add(manifestName, int64(len(body)), strings.NewReader(string(body))); err != nil {
		return err
	}
	if err := a.tw.Close(); err != nil {
		return err
	}
	if a.gz != nil {
		if err := a.gz.Close(); err != nil {
			return err
		}
	}
	if err := a.f.Sync(); err != nil {
		return err
	}
	if err := a.f.Close(); err != nil {
		return err
	}
	if err := os.Rename(a.f.Name(), a.final); err != nil {
		return err
	}
	return syncDir(filepath.Dir(a.final))
}

// abort removes the unfinished archive.
func (a *archiveWriter) abort() {
	a.f.Close()
	os.Remove(a.f.Name())
}

// maxManifestSize bounds the manifest read into memory from an archive.
const maxManifestSize = 256 << 20

// extractArchive reads the archive r (tar, gzipped or not: the content
// decides) into dir, refusing any entry that is not a regular file at a
// place a backup writes. It returns the manifest and what was actually
// read, for the caller to compare; it checks nothing against the manifest
// itself.
func extractArchive(r io.Reader, dir string) (manifest, []manifestFile, error) {
	br := bufio.NewReader(r)
	if magic, err := br.Peek(2); err == nil && magic[0] == 0x1f && magic[1] == 0x8b {
		gz, err := gzip.NewReader(br)
		if err != nil {
			return manifest{}, nil, err
		}
		defer gz.Close()
		r = gz
	} else {
		r = br
	}
	tr := tar.NewReader(r)
	var got []manifestFile
	var body []byte
	seen := map[string]bool{}
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return manifest{}, nil, fmt.Errorf("read archive: %w", err)
		}
		if err := archivePath(h.Name); err != nil {
			return manifest{}, nil, err
		}
		if h.Typeflag != tar.TypeReg || seen[h.Name] {
			return manifest{}, nil, fmt.Errorf("entry %q is not a single regular file", h.Name)
		}
		seen[h.Name] = true
		if h.Name == manifestName {
			if body, err = io.ReadAll(io.LimitReader(tr, maxManifestSize)); err != nil {
				return manifest{}, nil, fmt.Errorf("read archive: %w", err)
			}
			continue
		}
		f, err := extractFile(tr, dir, h.Name)
		if err != nil {
			return manifest{}, nil, err
		}
		got = append(got, f)
	}
	// Gzip checks its own CRC only once the stream is read to the end.
	if _, err := io.Copy(io.Discard, r); err != nil {
		return manifest{}, nil, fmt.Errorf("read archive: %w", err)
	}
	if body == nil {
		return manifest{}, nil, errors.New("the archive has no manifest: it is incomplete or not a backup")
	}
	m, err := parseManifest(body)
	return m, got, err
}

// extractFile writes one entry to dir/name, synced, and returns its sum.
func extractFile(r io.Reader, dir, name string) (manifestFile, error) {
	path := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return manifestFile{}, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return manifestFile{}, err
	}
	defer f.Close()
	sw := newSummingWriter(f)
	if _, err := io.Copy(sw, r); err != nil {
		return manifestFile{}, fmt.Errorf("read archive: %s: %w", name, err)
	}
	if err := f.Sync(); err != nil {
		return manifestFile{}, err
	}
	return sw.file(name), f.Close()
}

// syncDirs syncs every folder under and including root, so that the files
// and folders just made in it survive a crash.
func syncDirs(root string) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		return syncDir(p)
	})
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
