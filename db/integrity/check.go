package integrity

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ccf-portal/ccfportal/db/audit"
	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/conn"
)

// DefaultGrace is how old a file no row names must be before it counts as
// an orphan. A younger one may be an upload published a moment ago whose
// row is still being committed; moving it aside would lose the document.
// A published file keeps the time its last byte was staged, so an hour is
// far more than the step from publishing to committing ever takes.
const DefaultGrace = time.Hour

// Problem is one thing wrong with the store.
type Problem struct {
	Kind   string // "database", "foreign key", "missing", "damaged", "unreadable", "mismatch", "shared", "orphan", "audit"
	Ref    *Ref   // the row concerned, if any
	Path   string // the evidence file, relative to the evidence folder, if any
	Detail string
}

func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.Kind)
	b.WriteString(": ")
	if p.Ref != nil {
		b.WriteString(p.Ref.String())
		b.WriteString(": ")
	}
	b.WriteString(p.Detail)
	return b.String()
}

// Orphan is a file in the evidence folder that no row names.
type Orphan struct {
	Path     string // relative to the evidence folder, slash-separated
	Modified time.Time
}

// Report is what Check found.
type Report struct {
	Rows     map[string]int // rows naming a file, per table
	Verified int            // files that decrypted, authenticated and matched their row
	Stored   int            // files in the evidence folder
	Orphans  []Orphan       // unnamed files older than the grace period (each is also a Problem)
	Recent   []Orphan       // unnamed files younger than it: reported, not counted
	Audit    audit.Report
	Problems []Problem
}

// OK reports whether nothing is wrong.
func (r Report) OK() bool { return len(r.Problems) == 0 }

// Options says where the evidence is and how to read it.
type Options struct {
	EvidenceDir string      // the blob store's folder
	Blobs       *blob.Store // the same store, opened with its key
	Now         time.Time
	Grace       time.Duration // see DefaultGrace
}

// Check runs every check against a store that may be serving meanwhile.
// It returns an error only when it cannot check; what it finds wrong is
// in the report.
func Check(ctx context.Context, c *conn.Conn, o Options) (Report, error) {
	rep := Report{Rows: map[string]int{}}
	if err := checkSQLite(ctx, c, &rep); err != nil {
		return rep, err
	}
	// The files are listed before the rows are read: a file published
	// meanwhile is then either unlisted or already named.
	files, err := blob.StoredFiles(o.EvidenceDir)
	if err != nil {
		return rep, err
	}
	rep.Stored = len(files)
	refs, err := Refs(ctx, c.Reader())
	if err != nil {
		return rep, err
	}
	named := checkFiles(o.Blobs, refs, &rep)
	for _, f := range files {
		if key, ok := blob.KeyAt(f); ok && named[key] {
			continue
		}
		info, err := os.Lstat(filepath.Join(o.EvidenceDir, filepath.FromSlash(f)))
		if errors.Is(err, fs.ErrNotExist) {
			continue // removed meanwhile
		}
		if err != nil {
			return rep, err
		}
		orphan := Orphan{Path: f, Modified: info.ModTime()}
		if o.Now.Sub(orphan.Modified) < o.Grace {
			rep.Recent = append(rep.Recent, orphan)
			continue
		}
		rep.Orphans = append(rep.Orphans, orphan)
		rep.Problems = append(rep.Problems, Problem{Kind: "orphan", Path: f,
			Detail: fmt.Sprintf("evidence/%s is named by no row (last modified %s)", f, orphan.Modified.UTC().Format(time.RFC3339))})
	}
	if rep.Audit, err = (audit.Log{Conn: c}).VerifyAudit(ctx); err != nil {
		return rep, err
	}
	if !rep.Audit.OK() {
		rep.Problems = append(rep.Problems, Problem{Kind: "audit",
			Detail: fmt.Sprintf("the chain breaks at entry %d: %s", rep.Audit.BrokenID, rep.Audit.Problem)})
	}
	return rep, nil
}

// checkSQLite runs SQLite's own structural and foreign-key checks.
func checkSQLite(ctx context.Context, c *conn.Conn, rep *Report) error {
	rows, err := c.Reader().QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return fmt.Errorf("integrity check: %w", err)
		}
		if line != "ok" {
			rep.Problems = append(rep.Problems, Problem{Kind: "database", Detail: line})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	rows, err = c.Reader().QueryContext(ctx, `SELECT "table", rowid, parent FROM pragma_foreign_key_check`)
	if err != nil {
		return fmt.Errorf("foreign key check: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var table, parent string
		var rowid *int64
		if err := rows.Scan(&table, &rowid, &parent); err != nil {
			return fmt.Errorf("foreign key check: %w", err)
		}
		id := "without rowid"
		if rowid != nil {
			id = fmt.Sprint(*rowid)
		}
		rep.Problems = append(rep.Problems, Problem{Kind: "foreign key",
			Detail: fmt.Sprintf("%s row %s refers to a %s row that does not exist", table, id, parent)})
	}
	return rows.Err()
}

// checkFiles reads every named file through and compares it with its row.
// It returns the set of keys some row names.
func checkFiles(blobs *blob.Store, refs []Ref, rep *Report) map[string]bool {
	named := make(map[string]bool, len(refs))
	owner := make(map[string]Ref, len(refs))
	for i := range refs {
		ref := &refs[i]
		rep.Rows[ref.Table]++
		if first, dup := owner[ref.Key]; dup {
			rep.Problems = append(rep.Problems, Problem{Kind: "shared", Ref: ref,
				Detail: "names the same file as " + first.String() + "; removing either would take the other's file"})
			continue
		}
		owner[ref.Key], named[ref.Key] = *ref, true
		if p, ok := checkFile(blobs, ref); !ok {
			rep.Problems = append(rep.Problems, p)
			continue
		}
		rep.Verified++
	}
	return named
}

func checkFile(blobs *blob.Store, ref *Ref) (Problem, bool) {
	p := Problem{Ref: ref}
	if rel, err := blob.RelPath(ref.Key); err == nil {
		p.Path = rel
	} else {
		p.Kind, p.Detail = "unreadable", fmt.Sprintf("storage key %q is not one the store makes", ref.Key)
		return p, false
	}
	size, sum, err := blobs.Digest(ref.Key)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		p.Kind, p.Detail = "missing", "its file evidence/"+p.Path+" does not exist"
	case errors.Is(err, blob.ErrCorrupt):
		p.Kind, p.Detail = "damaged", "its file evidence/"+p.Path+" fails authentication (altered, cut short, or under another key)"
	case err != nil:
		p.Kind, p.Detail = "unreadable", fmt.Sprintf("its file evidence/%s cannot be read: %v", p.Path, err)
	case ref.Size >= 0 && size != ref.Size, ref.SHA256 != "" && sum != ref.SHA256:
		p.Kind, p.Detail = "mismatch", "its file evidence/"+p.Path+" decrypts, but to other content than the row recorded"
	default:
		return Problem{}, true
	}
	return p, false
}
