-- The second factor: one TOTP secret per account, confirmed at enrolment,
-- with the last time step accepted so that no code is accepted twice; and
-- the single-use recovery codes, stored only as hashes.

CREATE TABLE totp_factors (
    user_id      INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret       TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    confirmed_at INTEGER,
    last_step    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE recovery_codes (
    user_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash TEXT    NOT NULL,
    used_at   INTEGER,
    PRIMARY KEY (user_id, code_hash)
);

-- An account an administrator has disabled: it cannot sign in, and its
-- sessions were ended when it was disabled.
ALTER TABLE users ADD COLUMN disabled_at INTEGER;
