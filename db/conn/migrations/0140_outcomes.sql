-- The outcomes as the CCF decides them (db/domain/outcome): a text some
-- outcomes need (the corrective measures, why a request was closed without
-- a decision), the new outcome of a revised decision, and the access part
-- of a deletion or correction filing that also asks for access, which gets
-- an outcome of its own. "upheld" is now called "rejected", as the CCF
-- says of a revision it does not grant. (The audit log is hash-chained and
-- keeps the words of its time.)
ALTER TABLE chamber_decisions ADD COLUMN detail            TEXT NOT NULL DEFAULT '';
ALTER TABLE chamber_decisions ADD COLUMN revised_outcome   TEXT NOT NULL DEFAULT '';
ALTER TABLE chamber_decisions ADD COLUMN access_outcome    TEXT NOT NULL DEFAULT '';
ALTER TABLE chamber_decisions ADD COLUMN access_disclosure TEXT NOT NULL DEFAULT '';
ALTER TABLE decisions ADD COLUMN detail            TEXT NOT NULL DEFAULT '';
ALTER TABLE decisions ADD COLUMN revised_outcome   TEXT NOT NULL DEFAULT '';
ALTER TABLE decisions ADD COLUMN access_outcome    TEXT NOT NULL DEFAULT '';
ALTER TABLE decisions ADD COLUMN access_disclosure TEXT NOT NULL DEFAULT '';

UPDATE chamber_decisions SET outcome = 'rejected' WHERE outcome = 'upheld';
UPDATE decisions SET outcome = 'rejected' WHERE outcome = 'upheld';
UPDATE published_decisions SET outcome = 'rejected' WHERE outcome = 'upheld';
UPDATE events SET data = replace(data, '"decision.outcome.upheld"', '"outcome.label.rejected"')
 WHERE data LIKE '%decision.outcome.upheld%';

-- The access parts counted in the statistics.
CREATE INDEX decisions_access_part ON decisions (decided_at, access_outcome) WHERE access_outcome != '';
