package web

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/ccf-portal/ccfportal/db/domain"
	"github.com/ccf-portal/ccfportal/db/password"
)

func TestTheStoresTemporaryAndStorageFailuresHaveTheirOwnStatuses(t *testing.T) {
	for _, c := range []struct {
		err    error
		status int
		key    string
	}{
		{&domain.Error{Code: domain.EUnavailable, Message: "error.busy", Err: fmt.Errorf("db: begin write: locked")},
			http.StatusServiceUnavailable, "error.busy"},
		{&domain.Error{Code: domain.EStorageFull, Message: "error.storage_full", Err: fmt.Errorf("db: commit: full")},
			http.StatusInsufficientStorage, "error.storage_full"},
		{domain.Errorf(domain.EConflict, "error.conflict"), http.StatusConflict, "error.conflict"},
		{domain.Internal(fmt.Errorf("db: load case 42: boom")), http.StatusInternalServerError, "error.internal"},
	} {
		status, key, _ := classify(c.err)
		assert.Equal(t, c.status, status, c.key)
		assert.Equal(t, c.key, key)
	}
}

func TestABusyAnswerSaysWhenToComeBack(t *testing.T) {
	var logs bytes.Buffer
	s := New(Config{SessionKey: make([]byte, 32), Logger: slog.New(slog.NewTextHandler(&logs, nil))}, nil)
	rec := httptest.NewRecorder()
	c := s.echo.NewContext(httptest.NewRequest(http.MethodPost, "/login", nil), rec)
	s.handleError(password.ErrBusy, c)
	assert.Equal(t, http.StatusServiceUnavailable, rec.Code)
	assert.Equal(t, retryAfterBusy, rec.Header().Get("Retry-After"))
	// A busy moment is passing and answered: a warning, not an alarm.
	assert.Contains(t, logs.String(), "level=WARN msg=busy")
	assert.NotContains(t, logs.String(), "level=ERROR")

	rec = httptest.NewRecorder()
	s.handleError(domain.Errorf(domain.EConflict, "error.conflict"), s.echo.NewContext(httptest.NewRequest(http.MethodPost, "/", nil), rec))
	assert.Empty(t, rec.Header().Get("Retry-After"), "only a passing busy moment says when")
}
