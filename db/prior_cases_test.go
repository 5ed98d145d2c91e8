package db_test

import (
	"bytes"
	"io/fs"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/dbtest"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/prior"
	"github.com/ccf-portal/ccfportal/db/filetype"
	priorstore "github.com/ccf-portal/ccfportal/db/prior"
)

// priorBlobs is an encrypted file store in a folder of its own, whose
// files the test can count.
func priorBlobs(t *testing.T) (*blob.Store, string) {
	dir := filepath.Join(t.TempDir(), "ev")
	blobs, err := blob.NewStore(dir, bytes.Repeat([]byte{7}, 32))
	require.NoError(t, err)
	return blobs, dir
}

func countFiles(t *testing.T, dir string) int {
	n := 0
	require.NoError(t, filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return err
	}))
	return n
}

func stagedPDF(t *testing.T, blobs *blob.Store, name string, typ domain.DocType) priorstore.File {
	b, err := blobs.Stage(bytes.NewReader(filetype.MinimalPDF(name)), name, 1<<20)
	require.NoError(t, err)
	return priorstore.File{Doc: domain.NewDocument{Type: typ, Name: name, PageCount: 1}, Blob: b}
}

func priorRevision(discovered string) prior.Revision {
	return prior.Revision{
		Person: domain.Answers{"representation": "self", "full_name": "Amal Haddad", "birth_date": "1985-07-14",
			"nationality": "SY", "language": "fr"},
		Decision: prior.Decision{Reference: "CCF/2019/1234", DecidedOn: "2020-06-15", HasCopy: true},
		Answers: domain.Answers{"revision_fact": "Acquitted.", "revision_discovered": discovered,
			"revision_why": "The notice rested on that charge."},
		Summary: domain.NewDocument{Type: domain.DocRevisionSummary, Name: "summary.pdf", PageCount: 1}, HasSummary: true,
	}
}

func TestAPriorRevisionIsFiledWholeWithItsEarlierCase(t *testing.T) {
	store, _ := dbtest.Open(t)
	blobs, dir := priorBlobs(t)
	u := dbtest.User(t, store, domain.RolePetitioner, "amal@example.org")
	files := []priorstore.File{stagedPDF(t, blobs, "summary.pdf", domain.DocRevisionSummary),
		stagedPDF(t, blobs, "decision.pdf", domain.DocPriorDecision), {}}
	r, err := store.FilePriorRevision(t.Context(), u, priorRevision("2026-02-01"), files, blobs)
	require.NoError(t, err)
	assert.Equal(t, domain.KindRevision, r.Kind)
	assert.Equal(t, domain.StatusSubmitted, r.Status)
	assert.NotEmpty(t, r.Reference)
	assert.NotZero(t, r.ApplicantID, "tied to the person's record, so it is shared like every filing")
	assert.Zero(t, r.ParentID)
	assert.Equal(t, "fr", r.Language)

	c, err := store.PriorCase(t.Context(), r.ID, u)
	require.NoError(t, err)
	require.NotNil(t, c)
	assert.Equal(t, prior.PurposeRevision, c.Purpose)
	assert.Equal(t, "CCF-2019-001234", c.Decision.Reference)
	assert.True(t, c.Decision.HasCopy)
	assert.Equal(t, 2, countFiles(t, dir), "the summary and the copy")

	other := dbtest.User(t, store, domain.RolePetitioner, "other@example.org")
	_, err = store.PriorCase(t.Context(), r.ID, other)
	assert.Equal(t, domain.ENotFound, domain.ErrorCode(err))
}

func TestAFailedPriorRevisionLeavesNoRowAndNoFile(t *testing.T) {
	store, _ := dbtest.Open(t)
	blobs, dir := priorBlobs(t)
	ghost := domain.User{ID: 999, Role: domain.RolePetitioner} // no such account: the insert fails
	files := []priorstore.File{stagedPDF(t, blobs, "summary.pdf", domain.DocRevisionSummary),
		stagedPDF(t, blobs, "decision.pdf", domain.DocPriorDecision)}
	_, err := store.FilePriorRevision(t.Context(), ghost, priorRevision("2026-02-01"), files, blobs)
	require.Error(t, err)
	raw := dbtest.Raw(t, store)
	var n int
	require.NoError(t, raw.QueryRow(`SELECT (SELECT COUNT(*) FROM requests) + (SELECT COUNT(*) FROM documents)
		+ (SELECT COUNT(*) FROM prior_cases) + (SELECT COUNT(*) FROM applicants)`).Scan(&n))
	assert.Zero(t, n, "no half-record")
	assert.Zero(t, countFiles(t, dir), "the published files went with the rows")

	staff := dbtest.User(t, store, domain.RoleStaff, "clerk@ccf.example")
	files = []priorstore.File{stagedPDF(t, blobs, "summary.pdf", domain.DocRevisionSummary)}
	_, err = store.FilePriorRevision(t.Context(), staff, priorRevision("2026-02-01"), files, blobs)
	assert.Equal(t, domain.EForbidden, domain.ErrorCode(err), "only the person concerned or their counsel file")
	assert.Zero(t, countFiles(t, dir))
}

func TestALatePriorRevisionIsFiledAsTheClockMoves(t *testing.T) {
	store, clock := dbtest.Open(t)
	blobs, _ := priorBlobs(t)
	u := dbtest.User(t, store, domain.RoleCounsel, "lawyer@example.org")
	rev := priorRevision(clock.Now().AddDate(0, -5, 0).Format(time.DateOnly))
	rev.Person["representation"], rev.Person["relationship"] = "representative", "lawyer"
	clock.Advance(60 * 24 * time.Hour)
	files := []priorstore.File{stagedPDF(t, blobs, "summary.pdf", domain.DocRevisionSummary)}
	_, err := store.FilePriorRevision(t.Context(), u, rev, files, blobs)
	assert.Equal(t, domain.EInvalid, domain.ErrorCode(err), "now late: the store asks why too")
	rev.Answers["revision_late_reason"] = "Served on me only last week."
	files = []priorstore.File{stagedPDF(t, blobs, "summary.pdf", domain.DocRevisionSummary)}
	r, err := store.FilePriorRevision(t.Context(), u, rev, files, blobs)
	require.NoError(t, err, "late is filed")
	late, _ := domain.RevisionLate(r.Answers, r.SubmittedAt)
	assert.True(t, late, "staff see the flag")
}

func TestAReissuedFollowUpStartsADraftWithTheEarlierCase(t *testing.T) {
	store, clock := dbtest.Open(t)
	blobs, dir := priorBlobs(t)
	u := dbtest.User(t, store, domain.RolePetitioner, "amal@example.org")
	tomorrow := clock.Now().AddDate(0, 0, 1).Format(time.DateOnly)
	d := prior.Decision{Reference: "CCF-2026-000012", DecidedOn: tomorrow, CopyNote: "Lost."}
	_, err := store.StartReissuedFollowUp(t.Context(), u, domain.DraftOptions{Kind: domain.KindDeletion}, d, priorstore.File{}, blobs)
	assert.Equal(t, domain.EInvalid, domain.ErrorCode(err), "a decision not yet taken")

	clock.Advance(24 * time.Hour)
	copyFile := stagedPDF(t, blobs, "decision.pdf", domain.DocPriorDecision)
	r, err := store.StartReissuedFollowUp(t.Context(), u, domain.DraftOptions{Kind: domain.KindDeletion, AlsoAccess: true}, d, copyFile, blobs)
	require.NoError(t, err)
	assert.True(t, r.IsDraft())
	assert.Equal(t, "reissued", r.Answers["follow_up"])
	assert.True(t, r.AlsoAccess)
	c, err := store.PriorCase(t.Context(), r.ID, u)
	require.NoError(t, err)
	assert.Equal(t, prior.PurposeReissued, c.Purpose)
	assert.Equal(t, "Lost.", c.Decision.CopyNote)
	assert.True(t, c.Decision.HasCopy)
	assert.Equal(t, 1, countFiles(t, dir))

	_, err = store.StartReissuedFollowUp(t.Context(), u, domain.DraftOptions{Kind: domain.KindAccess}, d, priorstore.File{}, blobs)
	assert.Equal(t, domain.EInvalid, domain.ErrorCode(err), "an access request follows no re-issued data")
}
