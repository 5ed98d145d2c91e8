package web_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain/retention"
	"github.com/ccf-portal/ccfportal/handlers"
	"github.com/ccf-portal/ccfportal/web"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

func keepDrafts(days int) webtest.Option {
	return func(cfg *web.Config) { cfg.Limits.DraftDays = days }
}

// A draft never sent is shown its deletion date, its filer is warned two
// weeks before in the inbox and by the content-free e-mail, and it then
// goes with its files; a changed draft starts its time again.
func TestDraftsNeverSentAreDeletedAfterAWarning(t *testing.T) {
	app := webtest.New(t, keepDrafts(180))
	const email = "amal@example.org"
	amal := app.Petitioner(email)
	amal.TurnOnNewsMail()
	req := amal.StartAccessRequest()
	amal.UploadDocument(req, "identity", "passport.pdf", webtest.PDF("passport"), false)
	kept := amal.StartAccessRequest()
	withUrgent := amal.StartAccessRequest()
	app.Exec(`INSERT INTO requests (reference, kind, status, filer_id, parent_id, answers, created_at, updated_at, submitted_at)
		SELECT 'CCF-2026-000901', 'provisional_measures', 'submitted', filer_id, id, '{}', 0, 0, 0 FROM requests WHERE id = ?`,
		requestID(t, withUrgent))
	ctx := t.Context()
	news := handlers.NewsTo(ctx, app.Server.URL)
	drafts := app.DB.Drafts
	keys, err := app.Blobs.Keys()
	require.NoError(t, err)
	require.Len(t, keys, 1)

	page := amal.Get(req)
	require.Equal(t, http.StatusOK, page.Status)
	assert.Contains(t, page.Body, "deleted, with its documents")
	assert.Contains(t, page.Body, "29 August 2026", "180 days after its last change on 2 March")

	app.Clock.Advance(time.Duration(180-retention.WarnDays-1) * 24 * time.Hour)
	n, err := drafts.WarnDrafts(ctx, 180, news)
	require.NoError(t, err)
	assert.Zero(t, n, "not yet")
	app.Clock.Advance(24 * time.Hour)
	amal = app.Login(email)                                                    // months later: a new session
	amal.SaveSection(kept, "contact", webtest.AccessAnswers(false)["contact"]) // a change keeps this one longer
	n, err = drafts.WarnDrafts(ctx, 180, news)
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	n, err = drafts.WarnDrafts(ctx, 180, news)
	require.NoError(t, err)
	assert.Zero(t, n, "warned once")
	amal = app.Login(email)
	assert.Contains(t, amal.Get("/inbox").Body, "will be deleted in two weeks")
	mails := newsMail(app, email)
	require.Len(t, mails, 1)
	assertContentFree(t, mails[0])

	app.Clock.Advance(time.Duration(retention.WarnDays-1) * 24 * time.Hour)
	n, err = drafts.PurgeDrafts(ctx, 180, app.Blobs, news)
	require.NoError(t, err)
	assert.Zero(t, n, "the warning's two weeks are not over")
	app.Clock.Advance(24 * time.Hour)
	n, err = drafts.PurgeDrafts(ctx, 180, app.Blobs, news)
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	amal = app.Login(email)

	assert.Equal(t, http.StatusNotFound, amal.Get(req).Status, "the draft is gone")
	assert.Equal(t, http.StatusOK, amal.Get(kept).Status, "the changed draft stays")
	assert.Equal(t, http.StatusOK, amal.Get(withUrgent).Status, "an urgent request was sent on it: it stays")
	assert.Zero(t, app.QueryInt(`SELECT COUNT(*) FROM documents`))
	keys, err = app.Blobs.Keys()
	require.NoError(t, err)
	assert.Empty(t, keys, "its file is removed from the disk")
	assert.Contains(t, amal.Get("/inbox").Body, "has been deleted, with its documents")
}

// With retention off (0), nothing is said and nothing deleted.
func TestDraftsAreKeptWhenRetentionIsOff(t *testing.T) {
	app := webtest.New(t)
	amal := app.Petitioner("amal@example.org")
	req := amal.StartAccessRequest()
	assert.NotContains(t, amal.Get(req).Body, "deleted, with its documents")
	app.Clock.Advance(5 * 365 * 24 * time.Hour)
	n, err := app.DB.Drafts.WarnDrafts(t.Context(), 0, nil)
	require.NoError(t, err)
	assert.Zero(t, n)
	n, err = app.DB.Drafts.PurgeDrafts(t.Context(), 0, app.Blobs, nil)
	require.NoError(t, err)
	assert.Zero(t, n)
	amal = app.Login("amal@example.org")
	assert.Equal(t, http.StatusOK, amal.Get(req).Status)
}
