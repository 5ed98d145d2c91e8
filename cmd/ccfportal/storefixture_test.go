package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db"
	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/dbtest"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/further"
	"github.com/ccf-portal/ccfportal/web"
)

// fixture is a real store with its evidence in a temporary data folder,
// written through the store's own methods as the portal writes it.
type fixture struct {
	data    string
	store   *db.DB
	blobs   *blob.Store
	filer   domain.User
	counsel domain.User
	staff   domain.User
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	data := t.TempDir()
	secrets, err := web.LoadOrCreateSecrets(keysFile(data))
	require.NoError(t, err)
	store, err := db.Open(context.Background(), filepath.Join(data, "ccf.db"), domain.SystemClock{})
	require.NoError(t, err)
	t.Cleanup(func() { store.Close() })
	blobs, err := blob.NewStore(filepath.Join(data, "evidence"), secrets.EncryptionKey)
	require.NoError(t, err)
	return &fixture{data: data, store: store, blobs: blobs,
		filer:   dbtest.User(t, store, domain.RolePetitioner, "amal@example.org"),
		counsel: dbtest.User(t, store, domain.RoleCounsel, "counsel@example.org"),
		staff:   dbtest.User(t, store, domain.RoleStaff, "clerk@example.org")}
}

// stage encrypts a small random PDF.
func (f *fixture) stage() (*blob.Staged, error) {
	body := make([]byte, 2000)
	rand.Read(body)
	copy(body, "%PDF-1.7\n")
	return f.blobs.Stage(bytes.NewReader(body), "evidence.pdf", 1<<20)
}

// draftDocument adds a document to a new draft, as an upload does.
func (f *fixture) draftDocument(ctx context.Context) (domain.Request, domain.Document, error) {
	r, err := f.store.CreateDraft(ctx, f.filer, domain.DraftOptions{Kind: domain.KindAccess})
	if err != nil {
		return r, domain.Document{}, err
	}
	b, err := f.stage()
	if err != nil {
		return r, domain.Document{}, err
	}
	d, err := f.store.AddDocument(ctx, r, f.filer, domain.NewDocument{Type: domain.DocIdentity, Name: "passport.pdf"}, b, f.blobs)
	return r, d, err
}

// furtherDocument adds a further submission with a file to a filed request.
func (f *fixture) furtherDocument(ctx context.Context, r domain.Request) error {
	b, err := f.stage()
	if err != nil {
		return err
	}
	return f.store.AddFurtherSubmission(ctx, r, f.filer, further.Submission{Text: "More evidence.",
		Document: &domain.NewDocument{Type: domain.DocOtherEvidence, Name: "letter.pdf"}}, b, f.blobs)
}

// applicantDocument keeps a file on a counsel's applicant record.
func (f *fixture) applicantDocument(ctx context.Context, applicantID int64) error {
	b, err := f.stage()
	if err != nil {
		return err
	}
	return f.store.AddApplicantDocument(ctx, domain.Applicant{ID: applicantID}, f.counsel, domain.DocIdentity, "id.pdf", "", b, f.blobs)
}

// applicant makes an applicant record of the counsel's.
func (f *fixture) applicant(t *testing.T) int64 {
	t.Helper()
	var id int64
	require.NoError(t, f.store.Write(context.Background(), func(tx *sql.Tx) error {
		res, err := tx.Exec(`INSERT INTO applicants (created_by, full_name, created_at, updated_at) VALUES (?, 'Amal Haddad', 0, 0)`, f.counsel.ID)
		if err != nil {
			return err
		}
		id, err = res.LastInsertId()
		return err
	}))
	return id
}

// filed is a submitted request of the filer's, with a reference.
func (f *fixture) filed(t *testing.T) domain.Request {
	return dbtest.FileRequest(t, f.store, f.filer, domain.KindAccess, `{}`)
}

// populate gives the store documents of every kind and a few audit entries.
func (f *fixture) populate(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	r := f.filed(t)
	a := f.applicant(t)
	for range 3 {
		_, _, err := f.draftDocument(ctx)
		require.NoError(t, err)
		require.NoError(t, f.furtherDocument(ctx, r))
		require.NoError(t, f.applicantDocument(ctx, a))
		_, err = f.store.OpenCase(ctx, f.staff, r.ID)
		require.NoError(t, err)
	}
}

func (f *fixture) raw(t *testing.T) *sql.DB { return dbtest.Raw(t, f.store) }

// keyOf returns the storage key of a row.
func (f *fixture) keyOf(t *testing.T, table string, id int64) string {
	t.Helper()
	var key string
	require.NoError(t, f.raw(t).QueryRow(`SELECT storage_key FROM `+table+` WHERE id = ?`, id).Scan(&key))
	return key
}

func (f *fixture) blobPath(t *testing.T, key string) string {
	t.Helper()
	rel, err := blob.RelPath(key)
	require.NoError(t, err)
	return filepath.Join(f.data, "evidence", filepath.FromSlash(rel))
}

func (f *fixture) run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := run(context.Background(), args, nil, &out, io.Discard)
	return out.String(), err
}

// archiveEntries reads every entry of a backup archive into memory.
func archiveEntries(t *testing.T, path string) map[string][]byte {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		gz, err := gzip.NewReader(f)
		require.NoError(t, err)
		r = gz
	}
	tr := tar.NewReader(r)
	out := map[string][]byte{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return out
		}
		require.NoError(t, err)
		out[h.Name], err = io.ReadAll(tr)
		require.NoError(t, err)
	}
}

func fileSHA256(t *testing.T, path string) string {
	t.Helper()
	body, err := os.ReadFile(path)
	require.NoError(t, err)
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:])
}
