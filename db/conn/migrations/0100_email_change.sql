-- Changing an account's address reuses the confirmation links: the row's
-- email is then the new address, which becomes the account's only when
-- the link is followed. purpose tells the two kinds apart, so that a link
-- to confirm an account's address never changes it, and a link to change
-- it is counted against its own limit.
ALTER TABLE email_verifications ADD COLUMN purpose TEXT NOT NULL DEFAULT 'confirm';

CREATE INDEX email_verifications_purpose ON email_verifications (user_id, purpose, created_at);
