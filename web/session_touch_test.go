package web_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/web/webtest"
)

// countSessionWrites makes the test store record every insert and update of
// a session row, and returns a function reading how many there were.
func countSessionWrites(app *webtest.App) func() int64 {
	app.Exec(`CREATE TABLE test_session_writes (at INTEGER)`)
	app.Exec(`CREATE TRIGGER test_session_insert AFTER INSERT ON sessions
		BEGIN INSERT INTO test_session_writes VALUES (1); END`)
	app.Exec(`CREATE TRIGGER test_session_update AFTER UPDATE ON sessions
		BEGIN INSERT INTO test_session_writes VALUES (1); END`)
	return func() int64 { return app.QueryInt(`SELECT COUNT(*) FROM test_session_writes`) }
}

func TestASignedInSessionIsTouchedAtMostOnceAMinute(t *testing.T) {
	app := webtest.New(t)
	c := app.Petitioner("amal@example.org")
	writes := countSessionWrites(app)
	pages := []string{"/dashboard", "/account", "/help", "/"}

	browse := func(n int) {
		for range n {
			for _, p := range pages {
				require.Equal(t, http.StatusOK, c.Get(p).Status, p)
			}
		}
	}
	browse(25)
	assert.Zero(t, writes(), "100 pages within the same minute rewrite nothing")

	app.Clock.Advance(59 * time.Second)
	browse(5)
	assert.Zero(t, writes(), "still within the minute")

	app.Clock.Advance(time.Second)
	browse(5)
	assert.Equal(t, int64(1), writes(), "a minute on: one touch, however many pages")

	for range 3 {
		app.Clock.Advance(time.Minute)
		browse(5)
	}
	assert.Equal(t, int64(4), writes(), "one touch a minute")

	// The touches keep the session alive: well past the idle limit in
	// total, never idle for long.
	for range 70 {
		app.Clock.Advance(time.Minute)
		c.Get("/dashboard")
	}
	assert.Equal(t, http.StatusOK, c.Get("/dashboard").Status)
}
