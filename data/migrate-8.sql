-- Schema version 8: indexes the benchmark (bench/README) showed missing at
-- ten years of data (2,000,000 cases). Each names the query it serves; the
-- partial ones repeat that query's WHERE exactly, so SQLite picks them
-- even without statistics (the program never runs ANALYZE).

-- back office: the latest fee of each case (three subqueries per row)
CREATE INDEX fees_case ON fees(case_id);
-- back office: a department's open cases, earliest promise first
CREATE INDEX cases_open ON cases(promised_date)
  WHERE status IN ('in_department','suspended','approved','not_approved');
-- pickup: SMS sent today, for the outbox's counts
CREATE INDEX notifications_sent ON notifications(status, sent_at);
-- assessment: SMS given up in a month
CREATE INDEX notifications_created ON notifications(status, created_at);
-- pickup: handed out today
CREATE INDEX cases_collected ON cases(closed_at) WHERE status = 'collected';
-- follow-ups: bad ratings, unanswered first, newest first
CREATE INDEX ratings_bad ON ratings(follow_up_at IS NOT NULL, at DESC) WHERE score <= 2;
-- the one-visit window: bundles in progress
CREATE INDEX cases_bundles ON cases(accepted_at) WHERE channel = 'bundle' AND parent_case_id IS NULL;
-- the menu's overview: today's waiting tickets of every site
CREATE INDEX queue_tickets_day ON queue_tickets(day, status);
-- case search: an applicant's cases, newest first
CREATE INDEX cases_applicant_created ON cases(applicant_id, created_at);
