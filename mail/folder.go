package mail

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
)

// Folder writes each message as an .eml file into Dir: the embedded
// default when no SMTP server is configured, so that a portal started with
// no setup shows what it would have sent. A file is written under a
// temporary name, synced, and renamed into place, so a reader never sees a
// partial message; its name comes from the outbox row, so writing it again
// after a crash replaces it rather than adding a second one.
type Folder struct{ Dir string }

// NewFolder creates dir (private to the portal's user) and returns its
// transport.
func NewFolder(dir string) (*Folder, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create outbox folder: %w", err)
	}
	return &Folder{Dir: dir}, nil
}

// Describe names the folder.
func (f *Folder) Describe() string { return "written as .eml files to " + f.Dir }

// Deliver writes e to Dir/message-<id>.eml.
func (f *Folder) Deliver(_ context.Context, e Envelope) error {
	m, err := compose(e)
	if err != nil {
		return err
	}
	name := filepath.Join(f.Dir, fmt.Sprintf("message-%06d.eml", e.ID))
	tmp, err := os.CreateTemp(f.Dir, ".writing-*")
	if err != nil {
		return fmt.Errorf("outbox folder: %w", err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if _, err := m.WriteTo(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("write message %d: %w", e.ID, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("sync message %d: %w", e.ID, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("close message %d: %w", e.ID, err)
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		return fmt.Errorf("publish message %d: %w", e.ID, err)
	}
	return syncDir(f.Dir)
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
