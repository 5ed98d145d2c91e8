package seed

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/dbtest"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/filetype"
)

func TestSeedMakesEveryKindAndStatusWithDocumentsAndAnIntactAudit(t *testing.T) {
	store, _ := dbtest.Open(t)
	raw := dbtest.Raw(t, store)
	blobs, err := blob.NewStore(filepath.Join(t.TempDir(), "evidence"), bytes.Repeat([]byte{3}, 32))
	require.NoError(t, err)
	ctx := context.Background()
	rep, err := Seed(ctx, store, Options{N: 600, Blobs: blobs, MaxDocumentCases: 20, RandSeed: 1})
	require.NoError(t, err)
	assert.Equal(t, 600, rep.Requests)
	assert.Positive(t, rep.Documents)
	assert.Positive(t, rep.Decisions)
	assert.Positive(t, rep.Notices)

	count := func(q string, args ...any) int {
		var n int
		require.NoError(t, raw.QueryRow(q, args...).Scan(&n))
		return n
	}
	for _, k := range []domain.Kind{domain.KindAccess, domain.KindDeletion, domain.KindCorrection, domain.KindRevision, domain.KindProvisional} {
		assert.Positive(t, count(`SELECT COUNT(*) FROM requests WHERE kind = ?`, k), k)
	}
	for _, s := range []domain.Status{domain.StatusSubmitted, domain.StatusAdmissible, domain.StatusInadmissible, domain.StatusUnderReview,
		domain.StatusAwaitingApplicant, domain.StatusDecided, domain.StatusClosed, domain.StatusWithdrawn} {
		assert.Positive(t, count(`SELECT COUNT(*) FROM requests WHERE status = ?`, s), s)
	}
	assert.Zero(t, count(`SELECT COUNT(*) FROM requests WHERE status = 'draft'`))
	assert.Zero(t, count(`SELECT COUNT(*) FROM users WHERE email_verified_at IS NULL`), "demo accounts count as confirmed")
	today := store.Clock.Now().UTC().Format("2006-01-02")
	for name, q := range map[string]string{
		"replied":  `SELECT COUNT(*) FROM consultations WHERE replied_on != ''`,
		"no reply": `SELECT COUNT(*) FROM consultations WHERE no_reply_on != ''`,
		"open":     `SELECT COUNT(*) FROM consultations WHERE replied_on = '' AND no_reply_on = '' AND reply_due >= '` + today + `'`,
		"overdue":  `SELECT COUNT(*) FROM consultations WHERE replied_on = '' AND no_reply_on = '' AND reply_due < '` + today + `'`,
		"reminded": `SELECT COUNT(*) FROM consultation_reminders`,
	} {
		assert.Positive(t, count(q), "consultations %s", name)
	}
	assert.Zero(t, count(`SELECT COUNT(*) FROM consultations c JOIN requests r ON r.id = c.request_id
		WHERE c.sent_on > c.reply_due OR (c.replied_on != '' AND c.replied_on < c.sent_on)`), "seeded dates are consistent")
	assert.Zero(t, count(`SELECT COUNT(*) FROM requests r JOIN users u ON u.id = r.filer_id WHERE u.email NOT LIKE '%@seed.invalid'`))
	assert.Zero(t, count(`SELECT COUNT(*) FROM requests WHERE admissible_at > ? OR submitted_at > ? OR decided_at > ?`,
		dbtest.Start.Unix(), dbtest.Start.Unix(), dbtest.Start.Unix()), "nothing happens in the future")
	assert.Zero(t, count(`SELECT COUNT(*) FROM requests WHERE status IN ('decided', 'closed') AND id NOT IN (SELECT request_id FROM decisions)`))
	assert.Positive(t, count(`SELECT COUNT(*) FROM requests WHERE parent_id IS NOT NULL`), "linked cases")
	assert.Positive(t, count(`SELECT COUNT(*) FROM messages`))
	assert.Positive(t, count(`SELECT COUNT(*) FROM measures`))

	docs := count(`SELECT COUNT(*) FROM documents`)
	assert.Equal(t, rep.Documents, docs)
	var key string
	require.NoError(t, raw.QueryRow(`SELECT storage_key FROM documents LIMIT 1`).Scan(&key))
	f, err := blobs.Open(key)
	require.NoError(t, err)
	body, err := io.ReadAll(f)
	f.Close()
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(body, []byte("%PDF-1.4")), "a real PDF through the real blob store")
	assert.Contains(t, string(body), "Fictional")

	ok, err := store.VerifyAudit(ctx)
	require.NoError(t, err)
	assert.True(t, ok.OK(), ok.Problem)

	again, err := Seed(ctx, store, Options{N: 10, RandSeed: 2})
	require.NoError(t, err, "seeding a seeded store again is fine")
	assert.Equal(t, 10, again.Requests)
}

func TestSeedRefusesAStoreWithRealFilingsUnlessForced(t *testing.T) {
	store, _ := dbtest.Open(t)
	raw := dbtest.Raw(t, store)
	amal := dbtest.User(t, store, domain.RolePetitioner, "amal@example.org")
	ctx := context.Background()
	_, err := store.CreateDraft(ctx, amal, domain.DraftOptions{Kind: domain.KindAccess})
	require.NoError(t, err)
	_, err = Seed(ctx, store, Options{N: 5})
	assert.ErrorIs(t, err, ErrRealFilings)
	var n int
	require.NoError(t, raw.QueryRow(`SELECT COUNT(*) FROM requests`).Scan(&n))
	assert.Equal(t, 1, n, "nothing was added")
	rep, err := Seed(ctx, store, Options{N: 5, Force: true})
	require.NoError(t, err)
	assert.Equal(t, 5, rep.Requests)
}

func TestSeededPDFIsWellFormed(t *testing.T) {
	pdf := filetype.MinimalPDF("Fictional (test)")
	ft, ok := filetype.Sniff(pdf, "x.pdf")
	require.True(t, ok)
	assert.Equal(t, "application/pdf", ft.MIME)
	assert.Contains(t, string(pdf), `Fictional \(test\)`)
	assert.Contains(t, string(pdf), "startxref")
}
