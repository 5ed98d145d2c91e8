package integrity

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/conn"
)

// Quarantine moves the orphans out of the evidence folder into dir, under
// the same relative paths (so putting one back is a single move), and
// deletes nothing. Just before each move it asks the database again
// whether a row names the file now, and leaves it if one does. dir must be
// on the same file system as the evidence folder. It returns the paths it
// moved, relative to dir.
func Quarantine(ctx context.Context, q conn.Queryer, evidenceDir, dir string, orphans []Orphan) ([]string, error) {
	tables, err := StorageKeyTables(ctx, q)
	if err != nil {
		return nil, err
	}
	var moved []string
	for _, o := range orphans {
		if key, ok := blob.KeyAt(o.Path); ok {
			named, err := referenced(ctx, q, tables, key)
			if err != nil {
				return moved, fmt.Errorf("quarantine %s: %w", o.Path, err)
			}
			if named {
				continue
			}
		}
		rel, err := moveAside(filepath.Join(evidenceDir, filepath.FromSlash(o.Path)), dir, filepath.Join("evidence", filepath.FromSlash(o.Path)))
		if err != nil {
			return moved, fmt.Errorf("quarantine %s: %w", o.Path, err)
		}
		moved = append(moved, filepath.ToSlash(rel))
	}
	return moved, nil
}

// moveAside renames src to dir/rel, or to dir/rel.1, .2... if that is
// taken, and syncs both folders so the move survives a crash.
func moveAside(src, dir, rel string) (string, error) {
	dst := filepath.Join(dir, rel)
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return "", err
	}
	name := rel
	for i := 1; ; i++ {
		if _, err := os.Lstat(filepath.Join(dir, name)); errors.Is(err, fs.ErrNotExist) {
			break
		} else if err != nil {
			return "", err
		}
		name = fmt.Sprintf("%s.%d", rel, i)
	}
	dst = filepath.Join(dir, name)
	if err := os.Rename(src, dst); err != nil {
		return "", err
	}
	for _, d := range []string{filepath.Dir(dst), filepath.Dir(src)} {
		if err := syncDir(d); err != nil {
			return "", err
		}
	}
	return name, nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
