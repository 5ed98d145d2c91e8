-- Deletion and correction requests: the data items challenged, the grounds
-- argued, evidence linked to grounds, translations linked to originals; and
-- the imminent-event time of urgent provisional-measure requests.

CREATE TABLE data_items (
    id              INTEGER PRIMARY KEY,
    request_id      INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    data_kind       TEXT    NOT NULL,
    source_country  TEXT    NOT NULL DEFAULT '',
    refs            TEXT    NOT NULL DEFAULT '',
    issued_on       TEXT    NOT NULL DEFAULT '',  -- approximate date, YYYY-MM-DD, if known
    wrong_data      TEXT    NOT NULL DEFAULT '',  -- for a correction: what is wrong
    correct_data    TEXT    NOT NULL DEFAULT '',  -- for a correction: what is right
    position        INTEGER NOT NULL
);

CREATE INDEX data_items_request ON data_items (request_id, position);

CREATE TABLE request_grounds (
    request_id  INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    ground      TEXT    NOT NULL,
    explanation TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (request_id, ground)
);

CREATE TABLE document_grounds (
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ground      TEXT    NOT NULL,
    PRIMARY KEY (document_id, ground)
);

ALTER TABLE documents ADD COLUMN translation_of INTEGER REFERENCES documents (id) ON DELETE SET NULL;
ALTER TABLE documents ADD COLUMN doc_language TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN page_count INTEGER NOT NULL DEFAULT 0;

-- For provisional measures: when the feared event (travel, hearing,
-- extradition) happens; the staff queue counts down the hours to it.
ALTER TABLE requests ADD COLUMN event_at INTEGER;
CREATE INDEX requests_urgent ON requests (kind, status, event_at);
