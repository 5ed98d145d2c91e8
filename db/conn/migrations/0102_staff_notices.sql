-- When the staff were told that a consultation's reply date passed without
-- a reply, so that each overdue consultation is told of once.
ALTER TABLE consultations ADD COLUMN overdue_notified_at INTEGER;

-- The daily digest sent to each secretariat member: one row per person
-- and UTC day, so that a restart never sends the day's digest twice.
CREATE TABLE digests_sent (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    day     TEXT    NOT NULL, -- YYYY-MM-DD, UTC
    sent_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, day)
);
