package deadlines_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/dbtest"
	"github.com/ccf-portal/ccfportal/db/domain"
	rules "github.com/ccf-portal/ccfportal/db/domain/deadlines"
	"github.com/ccf-portal/ccfportal/db/outbox"
)

func allChecks(r domain.Request) domain.AdmissibilityInput {
	return domain.AdmissibilityInput{Outcome: domain.OutcomeAdmissible, Checks: domain.ChecksFor(r), Note: "Identity document seen on paper."}
}

func TestCorrectionAndExtensionMoveTheDueDateAndAreKept(t *testing.T) {
	store, clock := dbtest.Open(t)
	ctx := context.Background()
	staff := dbtest.User(t, store, domain.RoleStaff, "clerk@ccf.example")
	filer := dbtest.User(t, store, domain.RolePetitioner, "amal@example.org")
	r := dbtest.FileRequest(t, store, filer, domain.KindAccess, `{}`)
	store.SetAdmissibilityMonths(2)
	sc, err := store.StaffCase(ctx, staff, r.ID)
	require.NoError(t, err)
	assert.Equal(t, "2026-05-02", sc.Outcome.TimeLimits.AdmissibilityDue.Format(time.DateOnly))

	clock.Advance(10 * 24 * time.Hour) // 12 March
	require.NoError(t, store.DeclareAdmissibility(ctx, staff, r.ID, allChecks(sc.Request)))
	_, err = store.Deadlines.CorrectAdmissibility(ctx, filer, r.ID, rules.CorrectionInput{Date: "2026-03-05", Reason: "x"})
	assert.Equal(t, domain.EForbidden, domain.ErrorCode(err))
	warn, err := store.Deadlines.CorrectAdmissibility(ctx, staff, r.ID, rules.CorrectionInput{Date: "2026-03-05", Reason: "Complete on receipt of the ID"})
	require.NoError(t, err)
	assert.False(t, warn)
	sc, err = store.StaffCase(ctx, staff, r.ID)
	require.NoError(t, err)
	assert.Equal(t, "2026-07-05", sc.Request.DueAt.Format(time.DateOnly), "4 months from the corrected day")
	require.Len(t, sc.Outcome.TimeLimits.Corrections, 1)
	assert.True(t, sc.Outcome.TimeLimits.AdmissibilityDue.IsZero())

	err = store.Deadlines.Extend(ctx, staff, r.ID, rules.ExtensionInput{Date: "2026-06-15", Reason: "x"})
	assert.Equal(t, domain.EInvalid, domain.ErrorCode(err), "not later than the due date")
	require.NoError(t, store.Deadlines.Extend(ctx, staff, r.ID, rules.ExtensionInput{Date: "2026-09-05", Reason: "The source asked for time"}))
	require.NoError(t, store.Deadlines.Extend(ctx, staff, r.ID, rules.ExtensionInput{Date: "2026-10-05", Reason: "Again"}))
	ac, err := store.ApplicantCase(ctx, filer, r.ID)
	require.NoError(t, err)
	assert.Equal(t, "2026-10-05", ac.Request.DueAt.Format(time.DateOnly))
	require.Len(t, ac.Outcome.TimeLimits.Extensions, 2, "each extension is kept")
	assert.Empty(t, ac.Outcome.TimeLimits.Extensions[0].Reason, "the applicant does not read the CCF's reasons")

	// A correction after an extension keeps the extended date, and warns
	// when it now comes before the statutory date.
	clock.Set(time.Date(2026, 8, 1, 9, 0, 0, 0, time.UTC))
	warn, err = store.Deadlines.CorrectAdmissibility(ctx, staff, r.ID, rules.CorrectionInput{Date: "2026-07-01", Reason: "Typed wrongly"})
	require.NoError(t, err)
	assert.True(t, warn)
	sc, err = store.StaffCase(ctx, staff, r.ID)
	require.NoError(t, err)
	assert.Equal(t, "2026-10-05", sc.Request.DueAt.Format(time.DateOnly))
	assert.True(t, rules.ExtensionBeforeNormal(sc.Request, sc.Outcome.TimeLimits))

	trail, err := store.AuditTrail(ctx, r.ID)
	require.NoError(t, err)
	var actions []domain.AuditAction
	for _, e := range trail {
		actions = append(actions, e.Action)
	}
	assert.Contains(t, actions, rules.AuditAdmissibilityCorrect)
	assert.Contains(t, actions, rules.AuditExtend)
}

func TestMoreTimeGrantedMovesTheReplyByDateAndItsReminder(t *testing.T) {
	store, clock := dbtest.Open(t)
	ctx := context.Background()
	staff := dbtest.User(t, store, domain.RoleStaff, "clerk@ccf.example")
	filer := dbtest.User(t, store, domain.RolePetitioner, "amal@example.org")
	other := dbtest.User(t, store, domain.RolePetitioner, "other@example.org")
	r := dbtest.FileRequest(t, store, filer, domain.KindAccess, `{}`)
	require.NoError(t, store.RequestClarification(ctx, staff, r.ID, domain.ClarificationInput{Body: "Send your ID", ReplyBy: "2026-03-20"}))

	ask := rules.MoreTimeInput{Reason: "My passport is being renewed", Date: "2026-04-15"}
	assert.Equal(t, domain.ENotFound, domain.ErrorCode(store.Deadlines.AskMoreTime(ctx, other, r.ID, ask)))
	require.NoError(t, store.Deadlines.AskMoreTime(ctx, filer, r.ID, ask))
	assert.Equal(t, domain.EConflict, domain.ErrorCode(store.Deadlines.AskMoreTime(ctx, filer, r.ID, ask)), "one at a time")

	sc, err := store.StaffCase(ctx, staff, r.ID)
	require.NoError(t, err)
	p := rules.Pending(sc.Outcome.TimeLimits)
	require.NotNil(t, p)
	require.NoError(t, store.Deadlines.AnswerMoreTime(ctx, staff, r.ID, p.ID, rules.AnswerInput{Answer: domain.MoreTimeGranted, Date: "2026-04-10"}))
	assert.Equal(t, domain.EConflict, domain.ErrorCode(store.Deadlines.AnswerMoreTime(ctx, staff, r.ID, p.ID,
		rules.AnswerInput{Answer: domain.MoreTimeRefused, Message: "no"})), "answered once")

	news := func(u domain.User) outbox.Message { return outbox.Message{To: u.Email, Subject: "News", Body: "News"} }
	clock.Set(time.Date(2026, 3, 18, 9, 0, 0, 0, time.UTC))
	n, err := store.RemindReplies(ctx, news)
	require.NoError(t, err)
	assert.Zero(t, n, "the old reply-by date reminds of nothing")
	clock.Set(time.Date(2026, 4, 8, 9, 0, 0, 0, time.UTC))
	n, err = store.RemindReplies(ctx, news)
	require.NoError(t, err)
	assert.Equal(t, 1, n, "the reminder follows the new date")

	require.NoError(t, store.Deadlines.AskMoreTime(ctx, filer, r.ID, rules.MoreTimeInput{Reason: "Still waiting", Date: "2026-05-01"}),
		"a new request after an answer")
}
