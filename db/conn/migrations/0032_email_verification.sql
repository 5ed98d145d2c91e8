-- A person's address is confirmed by a link sent to it; a request is
-- submitted only from an account whose address is confirmed. Accounts made
-- before this check existed, staff accounts and the seed's fictional ones
-- count as confirmed, so that no one already filing is stopped by it.
ALTER TABLE users ADD COLUMN email_verified_at INTEGER;

UPDATE users SET email_verified_at = created_at;

-- The links: only a hash of each token, the address it confirms (so a
-- link for an old address cannot confirm a new one), a day of validity,
-- used once.
CREATE TABLE email_verifications (
    token_hash TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    email      TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);

CREATE INDEX email_verifications_user ON email_verifications (user_id, created_at);
