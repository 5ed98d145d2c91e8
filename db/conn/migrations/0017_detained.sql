-- A person detained now is the most urgent case, often with no date ahead:
-- the staff see such requests first, the longest held first. detained_since
-- is the date given, or the moment of filing when none was known.
ALTER TABLE requests ADD COLUMN detained_since INTEGER;

-- The order of the urgent list: detained people first (by how long ago),
-- then the soonest known event, then the rest by filing. The expressions
-- and the WHERE clause must stay identical to the urgent query in
-- db/queue/queue.go.
CREATE INDEX requests_urgent_order ON requests (
    (detained_since IS NULL), COALESCE(detained_since, event_at, 4611686018427387904), id)
    WHERE (kind = 'provisional_measures' OR event_at IS NOT NULL)
    AND status IN ('submitted', 'admissible', 'under_review', 'awaiting_applicant');

-- Requests filed before this change said "detained now: yes" without a
-- date: they are ordered from their filing.
UPDATE requests SET detained_since = COALESCE(submitted_at, created_at)
    WHERE kind = 'provisional_measures' AND json_valid(answers)
    AND json_extract(answers, '$.urgent_detained') = 'yes';
