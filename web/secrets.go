package web

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Secrets are the long-lived keys: one signs session cookies, the other
// encrypts evidence at rest. Losing the encryption key loses every stored
// document, so the file is created once and never regenerated.
type Secrets struct {
	SessionKey    []byte `json:"session_key"`
	EncryptionKey []byte `json:"encryption_key"`
}

const secretKeyLen = 32

// LoadOrCreateSecrets reads the secrets file at path, or creates it with
// fresh random keys (mode 0600) if it does not exist.
func LoadOrCreateSecrets(path string) (Secrets, error) {
	body, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return createSecrets(path)
	}
	if err != nil {
		return Secrets{}, fmt.Errorf("read secrets: %w", err)
	}
	var s Secrets
	if err := json.Unmarshal(body, &s); err != nil {
		return Secrets{}, fmt.Errorf("secrets file %s is not valid JSON: %w", path, err)
	}
	if len(s.SessionKey) != secretKeyLen || len(s.EncryptionKey) != secretKeyLen {
		return Secrets{}, fmt.Errorf("secrets file %s: each key must be %d bytes (base64)", path, secretKeyLen)
	}
	return s, nil
}

func createSecrets(path string) (Secrets, error) {
	s := Secrets{SessionKey: make([]byte, secretKeyLen), EncryptionKey: make([]byte, secretKeyLen)}
	rand.Read(s.SessionKey)
	rand.Read(s.EncryptionKey)
	body, _ := json.MarshalIndent(s, "", "  ")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return Secrets{}, err
	}
	// O_EXCL: never overwrite a secrets file another process just wrote.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return Secrets{}, fmt.Errorf("create secrets: %w", err)
	}
	if _, err := f.Write(append(body, '\n')); err != nil {
		f.Close()
		return Secrets{}, err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return Secrets{}, err
	}
	return s, f.Close()
}

// RandomToken returns n random bytes, URL-safe base64 encoded.
func RandomToken(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
