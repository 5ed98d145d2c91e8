package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/ccf-portal/ccfportal/web"
)

// loadExistingSecrets reads a secrets file that must already exist. The
// maintenance commands never create one: new keys beside existing
// evidence would make it unreadable for the portal started next.
func loadExistingSecrets(path string) (web.Secrets, error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return web.Secrets{}, fmt.Errorf("secrets file %s not found: pass -secrets with the file that holds this store's keys", path)
	} else if err != nil {
		return web.Secrets{}, err
	}
	return web.LoadOrCreateSecrets(path)
}
