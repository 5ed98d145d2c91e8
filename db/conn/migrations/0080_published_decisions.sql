-- Published decisions: an anonymised excerpt of a case's decision with
-- its tags, written by a Chamber member and public once a second staff
-- member approved it. One per case; withdrawn ones stay hidden until
-- written and approved again. search_text is the session label and the
-- excerpt normalised (case, diacritics, Arabic marks, punctuation), so a
-- LIKE on it finds a word however it was typed; published decisions are
-- few, so the public search reads the published rows of the index below.
CREATE TABLE published_decisions (
    id           INTEGER PRIMARY KEY,
    request_id   INTEGER NOT NULL UNIQUE REFERENCES requests (id),
    year         INTEGER NOT NULL,
    session      TEXT    NOT NULL DEFAULT '',
    kind         TEXT    NOT NULL,
    grounds      TEXT    NOT NULL DEFAULT '', -- ground codes, each between spaces: ' political refugee '
    outcome      TEXT    NOT NULL,
    excerpt      TEXT    NOT NULL,
    search_text  TEXT    NOT NULL,
    state        TEXT    NOT NULL CHECK (state IN ('draft', 'published', 'withdrawn')),
    author_id    INTEGER NOT NULL REFERENCES users (id),
    updated_at   INTEGER NOT NULL,
    approved_by  INTEGER REFERENCES users (id),
    approved_at  INTEGER,
    CHECK (state != 'published' OR (approved_by IS NOT NULL AND approved_by != author_id))
);
CREATE INDEX published_decisions_public ON published_decisions (state, year, id);
