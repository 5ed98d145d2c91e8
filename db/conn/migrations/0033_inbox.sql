-- The inbox: what happened on an account's requests, read in the portal.
-- An entry holds only its kind and the request it is about; its e-mail,
-- queued with it, says only that there is news.
CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL,
    request_id INTEGER REFERENCES requests (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    read_at    INTEGER
);

CREATE INDEX notifications_user ON notifications (user_id, id);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;
