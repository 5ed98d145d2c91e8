-- Earlier cases decided outside the portal (by e-mail or post, most before
-- March 2026), named by the request that refers to them: an application
-- for revision of such a decision, or a deletion or correction request
-- filed after its data were re-issued. The reference is kept normalised
-- (CCF-YYYY-NNNNNN); the copy of the decision, when one came, is among the
-- request's documents (doc_type 'prior_decision'); copy_note says why none
-- did.
CREATE TABLE prior_cases (
    request_id INTEGER PRIMARY KEY REFERENCES requests (id) ON DELETE CASCADE,
    purpose    TEXT    NOT NULL CHECK (purpose IN ('revision', 'reissued')),
    reference  TEXT    NOT NULL,
    decided_on TEXT    NOT NULL, -- YYYY-MM-DD
    copy_note  TEXT    NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);

CREATE INDEX prior_cases_reference ON prior_cases (reference);
