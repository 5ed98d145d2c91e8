package blob

import (
	"errors"
	"io/fs"
	"path"
	"path/filepath"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// The layout of a store's folder, for tools that handle its files without
// the key: backup and restore copy them as they are, check looks for files
// no row names. Published blobs live at blobs/<first two hex digits>/<key>;
// tmp/ holds uploads not yet published.

// RelPath is the place of the blob named key, relative to the store's
// folder and slash-separated, e.g. "blobs/3f/3f9a...".
func RelPath(key string) (string, error) {
	if !validBlobKey(key) {
		return "", domain.Internal(errBlobKey)
	}
	return path.Join("blobs", key[:2], key), nil
}

// KeyAt returns the key of the blob whose place is rel (relative to the
// store's folder, slash-separated), and false for any other path: one that
// is not a key, is in the wrong shard, or lies elsewhere.
func KeyAt(rel string) (string, bool) {
	dir, key := path.Split(rel)
	if !validBlobKey(key) || dir != "blobs/"+key[:2]+"/" {
		return "", false
	}
	return key, true
}

// StoredFiles lists everything but folders under the blobs folder of the
// store in dir, as slash-separated paths relative to dir, including files
// KeyAt does not accept. A store that has no blobs folder yet has no files.
func StoredFiles(dir string) ([]string, error) {
	root := filepath.Join(dir, "blobs")
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == root && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		return nil, domain.Internal(err)
	}
	return out, nil
}
