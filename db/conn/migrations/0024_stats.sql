-- The published statistics count requests by year of filing, kind and
-- source, and decisions, assessments and measures by year: these indexes
-- let each count read a range of one index instead of the tables, so the
-- public page stays cheap however many requests the store holds. The
-- filing index covers every column the count reads.
CREATE INDEX requests_stats_filed ON requests (submitted_at, kind, also_access, source_country)
    WHERE submitted_at IS NOT NULL;
CREATE INDEX decisions_decided ON decisions (decided_at);
CREATE INDEX admissibility_decided ON admissibility (decided_at, outcome);
CREATE INDEX measures_decided ON measures (decided_at, outcome);
