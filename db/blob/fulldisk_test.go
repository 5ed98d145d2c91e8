package blob

import (
	"bytes"
	"os"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccf-portal/ccfportal/db/domain"
)

// failingFile is a real temp file whose writes or syncs fail with err.
type failingFile struct {
	*os.File
	write, sync error
}

func (f failingFile) Write(p []byte) (int, error) {
	if f.write != nil {
		return 0, &os.PathError{Op: "write", Path: f.Name(), Err: f.write}
	}
	return f.File.Write(p)
}

func (f failingFile) Sync() error {
	if f.sync != nil {
		return &os.PathError{Op: "sync", Path: f.Name(), Err: f.sync}
	}
	return f.File.Sync()
}

func TestAFullDiskWhileStagingIsStorageFullAndLeavesNoTempFile(t *testing.T) {
	for _, c := range []struct {
		name        string
		write, sync error
		code        domain.Code
	}{
		{"write fails with ENOSPC", syscall.ENOSPC, nil, domain.EStorageFull},
		{"sync fails with ENOSPC", nil, syscall.ENOSPC, domain.EStorageFull},
		{"write fails otherwise", syscall.EIO, nil, domain.EInternal},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, dir := newTestBlobStore(t)
			s.CreateTemp = func(path string) (TempFile, error) {
				f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
				return failingFile{File: f, write: c.write, sync: c.sync}, err
			}
			_, err := s.Stage(bytes.NewReader(pdfBytes(200_000, "x")), "a.pdf", testMaxSize)
			var coded *domain.Error
			require.ErrorAs(t, err, &coded)
			assert.Equal(t, c.code, coded.Code)
			if c.code == domain.EStorageFull {
				assert.Equal(t, "error.storage_full", coded.Message)
			}
			tmp, err := os.ReadDir(dir + "/tmp")
			require.NoError(t, err)
			assert.Empty(t, tmp)
		})
	}
}
