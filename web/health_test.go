package web_test

import (
	"context"
	"database/sql"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/web"
	"github.com/ccf-portal/ccfportal/web/webtest"
)

func TestHealthzAnswersWithoutTheDatabase(t *testing.T) {
	app := webtest.New(t)
	c := app.NewClient()
	// Hold the one write connection: a liveness probe must not wait for it.
	held, release := holdWriter(t, app)
	defer release()
	<-held
	resp := c.Get("/healthz")
	assert.Equal(t, http.StatusOK, resp.Status)
	assert.Equal(t, "ok\n", resp.Body)
}

func TestReadyzChecksARealWriteAndFreeDiskSpace(t *testing.T) {
	app := webtest.New(t, func(cfg *web.Config) { cfg.ReadyTimeout = 100 * time.Millisecond })
	c := app.NewClient()
	resp := c.Get("/readyz")
	assert.Equal(t, http.StatusOK, resp.Status, resp.Body)
	assert.Equal(t, "database: writable\ndisk: enough free space\n", resp.Body)
	var checked int64
	require.NoError(t, app.DB.Reader().QueryRow(`SELECT checked_at FROM readiness WHERE id = 1`).Scan(&checked))
	assert.Equal(t, webtest.Start.Unix(), checked, "the check wrote, and committed")

	held, release := holdWriter(t, app)
	<-held
	busy := c.Get("/readyz")
	release()
	assert.Equal(t, http.StatusServiceUnavailable, busy.Status)
	assert.Contains(t, busy.Body, "database: not writable")
	assert.Equal(t, http.StatusOK, c.Get("/readyz").Status, "ready again once writes go through")
}

func TestReadyzIsNotReadyBelowTheFreeSpaceMinimum(t *testing.T) {
	app := webtest.New(t, func(cfg *web.Config) { cfg.MinFreeDisk = 1 << 62 })
	resp := app.NewClient().Get("/readyz")
	assert.Equal(t, http.StatusServiceUnavailable, resp.Status)
	assert.Equal(t, "database: writable\ndisk: below the minimum free space\n", resp.Body)
}

// holdWriter keeps the store's write transaction open until release is
// called; held is closed once it is open.
func holdWriter(t *testing.T, app *webtest.App) (held <-chan struct{}, release func()) {
	t.Helper()
	opened, done, finished := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		finished <- app.DB.Write(context.Background(), func(*sql.Tx) error {
			close(opened)
			<-done
			return nil
		})
	}()
	once := false
	return opened, func() {
		if !once {
			once = true
			close(done)
			require.NoError(t, <-finished)
		}
	}
}
