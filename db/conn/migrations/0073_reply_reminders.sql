-- When the applicant was reminded that a clarification's reply-by date is
-- near, so that each clarification is reminded of once.
ALTER TABLE messages ADD COLUMN reminded_at INTEGER;
CREATE INDEX messages_reply_by ON messages (reply_by) WHERE kind = 'clarification' AND reminded_at IS NULL;
