-- Schema version 22: the citizen follows their case. The acceptance
-- notice gives a query password with the case number; the query kiosk and
-- the phone operator (`yichuang status`) check it, and wrong passwords
-- lock the case's query for a while (case-query.h has the rule). The
-- guard is kept here, one row per case that has had a wrong password, so
-- that every kiosk in the hall and the phone count the same guesses.
-- The password stays as the notice printed it (six digits, compared in
-- constant time): hashing it would gain little against a locked six-digit
-- space and lose the reprint of the notice.
CREATE TABLE case_query_guards (
  case_id         INTEGER PRIMARY KEY REFERENCES cases(id),
  failures        INTEGER NOT NULL DEFAULT 0,   -- wrong passwords since first_failed_at
  first_failed_at TEXT,                         -- YYYY-MM-DD HH:MM:SS; NULL: none counted
  locked_until    TEXT                          -- NULL: not locked
);

-- Fees are told and their receipt kept: who recorded the payment and
-- when (the amount and receipt number were there already), and when the
-- applicant was sent the payment notice. A result whose fee is not paid
-- stays at the pickup window.
ALTER TABLE fees ADD COLUMN paid_at TEXT;
ALTER TABLE fees ADD COLUMN paid_by INTEGER REFERENCES users(id);
ALTER TABLE fees ADD COLUMN notified_at TEXT;
