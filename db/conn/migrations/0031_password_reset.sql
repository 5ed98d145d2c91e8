-- Password reset by e-mail. A link carries a random token; only its
-- SHA-256 is kept, so a copy of the database opens no account. A link
-- works once, for an hour.
CREATE TABLE password_resets (
    token_hash TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);

CREATE INDEX password_resets_user ON password_resets (user_id);

-- Every reset asked for, keyed by a hash of the normalised address whether
-- or not an account uses it, so that the limit behaves alike for both and
-- says nothing of which addresses have accounts.
CREATE TABLE reset_requests (
    key_hash TEXT    NOT NULL,
    at       INTEGER NOT NULL
);

CREATE INDEX reset_requests_key ON reset_requests (key_hash, at);
