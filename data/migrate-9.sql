-- Schema version 9: covering indexes for the monthly assessment's computed
-- figures (src/store-assess.c, metrics[]). Each figure counts a month of
-- rows; with these it reads index entries only, never the table rows
-- (2,000,000 cases, a month of 22,000 result slips: bench/README). And
-- the partial indexes that queries name with INDEXED BY: without
-- statistics (the program never runs ANALYZE) SQLite would not pick them.

-- slips_late, results_late: slips made in the month, and when handed over
CREATE INDEX IF NOT EXISTS transfer_slips_direction_created ON transfer_slips(direction, created_at, handed_at);
-- pickup_waiting: results handed to the pickup window in the month
CREATE INDEX IF NOT EXISTS transfer_slips_direction_handed ON transfer_slips(direction, handed_at, case_id);
-- pickup_waiting: was a completion SMS queued within a day; and every
-- "the SMS of this case" query notifications_case (case_id) served
CREATE INDEX IF NOT EXISTS notifications_case_kind ON notifications(case_id, kind, created_at);
DROP INDEX IF EXISTS notifications_case;
-- a case's slips of one direction (the pickup list's latest handover):
-- it serves what transfer_slips_case (case_id) served, and it must be
-- there, or SQLite takes the index above that starts with the direction
-- and reads every slip of it for each case listed
CREATE INDEX IF NOT EXISTS transfer_slips_case_direction ON transfer_slips(case_id, direction, handed_at);
DROP INDEX IF EXISTS transfer_slips_case;
-- the one-visit window: the bundles still open, few at any time however
-- many there ever were (cases_bundles held every bundle, so the open ones,
-- the newest, were found last)
CREATE INDEX IF NOT EXISTS cases_bundles_open ON cases(accepted_at)
  WHERE channel = 'bundle' AND parent_case_id IS NULL AND status NOT IN ('collected','withdrawn');
DROP INDEX IF EXISTS cases_bundles;
-- cases_overdue: promised in the month, and how it ended; it serves every
-- query cases_promised (promised_date) served, so that one goes
CREATE INDEX IF NOT EXISTS cases_promised_status ON cases(promised_date, status, decided_at);
DROP INDEX IF EXISTS cases_promised;
