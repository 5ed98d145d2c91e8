package db

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/blob"
	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/domain/outcome"
	"github.com/ccf-portal/ccfportal/db/filetype"
)

func TestStaffCaseReadsAFixedNumberOfStatements(t *testing.T) {
	counts := map[int]int{}
	for _, n := range []int{0, domain.MaxDataItems} {
		f := newStaffFixture(t)
		r := busyCase(t, f, n)
		var c statementCounter
		v, err := f.store.StaffCase(withStatementCounter(f.ctx, &c), f.staff, r.ID)
		require.NoError(t, err)
		counts[n] = c.n

		require.Len(t, v.Outcome.Messages, 2*n, "every question and every answer")
		require.Len(t, v.Notices, n)
		for _, m := range v.Outcome.Messages {
			if m.Kind == domain.MessageReply {
				assert.Len(t, m.Documents, 1, "each answer with its file")
			}
		}
		for _, notice := range v.Notices {
			assert.Len(t, notice.Recipients, 2, "each notice with its recipients")
		}
	}
	t.Logf("staff case page: %d statements with 0 answers and notices, %d with %d", counts[0], counts[domain.MaxDataItems], domain.MaxDataItems)
	assert.Equal(t, counts[0], counts[domain.MaxDataItems])
}

func TestApplicantCaseReadsAFixedNumberOfStatements(t *testing.T) {
	counts := map[int]int{}
	for _, n := range []int{0, domain.MaxDataItems} {
		f := newStaffFixture(t)
		r := busyCase(t, f, n)
		var c statementCounter
		v, err := f.store.ApplicantCase(withStatementCounter(f.ctx, &c), f.amal, r.ID)
		require.NoError(t, err)
		counts[n] = c.n
		require.Len(t, v.Outcome.Messages, 2*n)
		assert.Equal(t, n > 0, v.Outcome.NoticeIssued)
	}
	t.Logf("applicant case page: %d statements with 0 answers, %d with %d", counts[0], counts[domain.MaxDataItems], domain.MaxDataItems)
	assert.Equal(t, counts[0], counts[domain.MaxDataItems])
}

// The one-read views show exactly what the store's separate reads show.
func TestCaseViewsMatchTheSeparateReads(t *testing.T) {
	f := newStaffFixture(t)
	t.Run("answers and notices", func(t *testing.T) { assertViewsMatch(t, f, busyCase(t, f, 3)) })
	t.Run("decision document", func(t *testing.T) {
		blobs, err := blob.NewStore(filepath.Join(t.TempDir(), "dec"), bytes.Repeat([]byte{6}, 32))
		require.NoError(t, err)
		r := f.admissible(t, domain.KindAccess, `{}`)
		staged, err := blobs.Stage(bytes.NewReader(filetype.MinimalPDF("decision")), "decision.pdf", 1<<20)
		require.NoError(t, err)
		require.NoError(t, f.store.RecordDecision(f.ctx, f.staff, r.ID, domain.DecisionInput{Outcome: outcome.DataHeld,
			Reasons: "Reasons.", Disclosure: "The data held."}, &ReplyFile{Name: "decision.pdf", Blob: staged}, blobs))
		assertViewsMatch(t, f, f.reload(t, r))
	})
}

func assertViewsMatch(t *testing.T, f staffFixture, r domain.Request) {
	t.Helper()
	ctx := f.ctx

	v, err := f.store.StaffCase(ctx, f.staff, r.ID)
	require.NoError(t, err)
	assert.Equal(t, r, v.Request)
	assert.Equal(t, r.FilerID, v.Info.Filer.ID)
	assert.Empty(t, v.Info.Filer.PasswordHash, "the view never carries a password hash")
	filing, err := f.store.LoadFiling(ctx, r)
	require.NoError(t, err)
	assert.Equal(t, filing, v.Filing)
	events, err := f.store.Timeline(ctx, r.ID, true)
	require.NoError(t, err)
	assert.Equal(t, events, v.Events)
	outcome, err := f.store.CaseOutcomeOf(ctx, r.ID)
	require.NoError(t, err)
	assert.Equal(t, outcome, v.Outcome)
	notes, err := f.store.Notes(ctx, r.ID)
	require.NoError(t, err)
	assert.Equal(t, notes, v.Notes)
	notices, err := f.store.Notices(ctx, r.ID)
	require.NoError(t, err)
	assert.Equal(t, notices, v.Notices)
	targets, err := f.store.NoticeTargets(ctx, r)
	require.NoError(t, err)
	assert.Equal(t, targets, v.Targets)
	assert.Contains(t, v.Staff, domain.User{ID: f.staff.ID, Email: f.staff.Email, Name: f.staff.Name, Role: domain.RoleStaff, StaffRole: f.staff.StaffRole,
		CreatedAt: v.Staff[0].CreatedAt, Verified: true}, "the assignee choices list the staff")
	assert.False(t, v.NoticeDue(), "no data item is without its notice")

	a, err := f.store.ApplicantCase(ctx, f.amal, r.ID)
	require.NoError(t, err)
	assert.Equal(t, r, a.Request)
	assert.Equal(t, filing, a.Filing)
	public, err := f.store.Timeline(ctx, r.ID, false)
	require.NoError(t, err)
	assert.Equal(t, public, a.Events)
	var staffOnly int
	for _, e := range v.Events {
		if e.Internal {
			staffOnly++
		}
	}
	assert.Len(t, a.Events, len(v.Events)-staffOnly, "internal entries are left out")
	assert.Empty(t, a.Linked, "the case follows nothing and nothing follows it")
	assert.Empty(t, a.Representatives, "filed by the person herself")
	assert.Equal(t, outcome, a.Outcome)
}

func TestStaffCaseIsAuditedAndForStaffOnly(t *testing.T) {
	f := newStaffFixture(t)
	r := fileTestRequest(t, f.store, f.amal, domain.KindAccess, `{}`)
	before := f.auditCount(t)
	_, err := f.store.StaffCase(f.ctx, f.staff, r.ID)
	require.NoError(t, err)
	assert.Equal(t, before+1, f.auditCount(t), "opening a case is recorded")

	_, err = f.store.StaffCase(f.ctx, f.amal, r.ID)
	assert.Equal(t, domain.EForbidden, domain.ErrorCode(err))
	draft, err := f.store.CreateDraft(f.ctx, f.amal, domain.DraftOptions{Kind: domain.KindAccess})
	require.NoError(t, err)
	_, err = f.store.StaffCase(f.ctx, f.staff, draft.ID)
	assert.Equal(t, domain.ENotFound, domain.ErrorCode(err), "drafts are invisible to staff")
	_, err = f.store.StaffCase(f.ctx, f.staff, 9999)
	assert.Equal(t, domain.ENotFound, domain.ErrorCode(err))
	assert.Equal(t, before+1, f.auditCount(t), "nothing is recorded for a refused opening")
}

func TestApplicantCaseIsTheFilersOnly(t *testing.T) {
	f := newStaffFixture(t)
	r := fileTestRequest(t, f.store, f.amal, domain.KindAccess, `{}`)
	other := makeUser(t, f.store, domain.RolePetitioner, "other@example.org")
	_, err := f.store.ApplicantCase(f.ctx, other, r.ID)
	assert.Equal(t, domain.ENotFound, domain.ErrorCode(err), "another user's case is not found")
	_, err = f.store.ApplicantCase(f.ctx, f.amal, 9999)
	assert.Equal(t, domain.ENotFound, domain.ErrorCode(err))

	draft, err := f.store.CreateDraft(f.ctx, f.amal, domain.DraftOptions{Kind: domain.KindAccess})
	require.NoError(t, err)
	v, err := f.store.ApplicantCase(f.ctx, f.amal, draft.ID)
	require.NoError(t, err)
	assert.True(t, v.Request.IsDraft())
	assert.Equal(t, draft.ID, v.Filing.Request.ID, "a draft comes with its filing, for its task list")
}
