package main

import (
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// storeFlags are the flags every command that opens the store shares.
type storeFlags struct {
	data    string
	secrets string
	anchor  string
}

func (s *storeFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&s.data, "data", env("CCF_DATA", "./data"), "data folder: database and evidence; the keys live beside it in DATA.keys (env CCF_DATA)")
	fs.StringVar(&s.secrets, "secrets", env("CCF_SECRETS", ""),
		"secrets file holding the session and encryption keys; created with mode 0600 if missing (env CCF_SECRETS, default DATA.keys/secrets.json, beside the data folder and never in it)")
	fs.StringVar(&s.anchor, "audit-anchor", env("CCF_AUDIT_ANCHOR", ""),
		"file the audit log's checkpoints are appended to, best on other storage than the database (env CCF_AUDIT_ANCHOR, default audit-anchor.log beside the secrets file)")
}

func (s *storeFlags) dbPath() string { return filepath.Join(s.data, "ccf.db") }

func (s *storeFlags) evidenceDir() string { return filepath.Join(s.data, "evidence") }

// secretsPath is the secrets file: the one given, else secrets.json in a
// folder beside the data folder (DATA.keys), never in it, so that a copy
// of the data folder holds no key. A store whose file an earlier version
// made in the data folder keeps using it until it is moved (serve warns).
func (s *storeFlags) secretsPath() string {
	if s.secrets != "" {
		return s.secrets
	}
	def := s.defaultSecretsPath()
	if _, err := os.Stat(def); errors.Is(err, fs.ErrNotExist) && exists(s.legacySecretsPath()) {
		return s.legacySecretsPath()
	}
	return def
}

// defaultSecretsPath is DATA.keys/secrets.json, beside the data folder.
func (s *storeFlags) defaultSecretsPath() string {
	data := filepath.Clean(s.data)
	if base := filepath.Base(data); base == "." || base == ".." || base == string(filepath.Separator) {
		if abs, err := filepath.Abs(data); err == nil {
			data = abs
		}
	}
	return filepath.Join(filepath.Dir(data), filepath.Base(data)+".keys", "secrets.json")
}

// legacySecretsPath is where earlier versions made the secrets file.
func (s *storeFlags) legacySecretsPath() string { return filepath.Join(s.data, "secrets.json") }

// secretsInData reports whether the secrets file in use lies inside the
// data folder, where a copy of the folder carries the keys with the data.
func (s *storeFlags) secretsInData() bool {
	data, err1 := filepath.Abs(s.data)
	secrets, err2 := filepath.Abs(s.secretsPath())
	if err1 != nil || err2 != nil {
		return false
	}
	rel, err := filepath.Rel(data, secrets)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// anchorPath is the audit log's anchor file (db/audit): beside the
// secrets file unless given, so that it follows the keys, not the data.
func (s *storeFlags) anchorPath() string {
	if s.anchor != "" {
		return s.anchor
	}
	return filepath.Join(filepath.Dir(s.secretsPath()), "audit-anchor.log")
}

// exists reports whether a file is at path.
func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// env returns the environment variable key, or def when it is unset.
func env(key, def string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	return def
}

// envBool reads a boolean environment variable, or def when unset or unparsable.
func envBool(key string, def bool) bool {
	v, err := strconv.ParseBool(os.Getenv(key))
	if err != nil {
		return def
	}
	return v
}

// envInt reads an integer environment variable, or def when unset or unparsable.
func envInt(key string, def int64) int64 {
	v, err := strconv.ParseInt(os.Getenv(key), 10, 64)
	if err != nil {
		return def
	}
	return v
}
