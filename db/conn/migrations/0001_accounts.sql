-- Accounts, server-side sessions, login throttling and the one-time staff
-- setup tokens. Times are Unix seconds in UTC.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    organisation  TEXT    NOT NULL DEFAULT '',
    role          TEXT    NOT NULL CHECK (role IN ('petitioner', 'counsel', 'staff')),
    password_hash TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    last_login_at INTEGER
);

CREATE INDEX users_role ON users (role);

-- The cookie carries a random token; only its SHA-256 is stored, so a copy
-- of the database does not hand out live sessions.
CREATE TABLE sessions (
    id_hash      TEXT    PRIMARY KEY,
    user_id      INTEGER REFERENCES users (id) ON DELETE CASCADE,
    csrf_token   TEXT    NOT NULL,
    data         BLOB,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL
);

CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- Keyed by a hash of the normalised email, known account or not, so that
-- throttling behaves identically for both and reveals nothing.
CREATE TABLE login_throttle (
    key_hash        TEXT    PRIMARY KEY,
    failures        INTEGER NOT NULL,
    last_failure_at INTEGER NOT NULL
);

CREATE TABLE staff_setup_tokens (
    token_hash TEXT    PRIMARY KEY,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);
