-- Feedback on the portal, from anyone, kept without any account or
-- address: the page it was sent from (its path only) and the text.
CREATE TABLE feedback (
    id         INTEGER PRIMARY KEY,
    page       TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX feedback_created ON feedback (created_at);
