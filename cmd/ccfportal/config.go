package main

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
)

// storeFlags are the flags every command that opens the store shares.
type storeFlags struct {
	data    string
	secrets string
	anchor  string
}

func (s *storeFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&s.data, "data", env("CCF_DATA", "./data"), "data folder: database, evidence, secrets (env CCF_DATA)")
	fs.StringVar(&s.secrets, "secrets", env("CCF_SECRETS", ""),
		"secrets file holding the session and encryption keys; created with mode 0600 if missing (env CCF_SECRETS, default DATA/secrets.json)")
	fs.StringVar(&s.anchor, "audit-anchor", env("CCF_AUDIT_ANCHOR", ""),
		"file the audit log's checkpoints are appended to, best on other storage than the database (env CCF_AUDIT_ANCHOR, default audit-anchor.log beside the secrets file)")
}

func (s *storeFlags) dbPath() string { return filepath.Join(s.data, "ccf.db") }

func (s *storeFlags) evidenceDir() string { return filepath.Join(s.data, "evidence") }

func (s *storeFlags) secretsPath() string {
	if s.secrets != "" {
		return s.secrets
	}
	return filepath.Join(s.data, "secrets.json")
}

// anchorPath is the audit log's anchor file (db/audit): beside the
// secrets file unless given, so that it follows the keys, not the data.
func (s *storeFlags) anchorPath() string {
	if s.anchor != "" {
		return s.anchor
	}
	return filepath.Join(filepath.Dir(s.secretsPath()), "audit-anchor.log")
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
