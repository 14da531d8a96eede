-- Schema version 15: an extension does not wipe out lateness. A case
-- extended after its promised date had passed was late all the same; the
-- promise it missed is kept, and the assessment counts the case as
-- overdue in that promise's month (data/assessment-criteria.sql:
-- cases_overdue), however far the extension moved its date.
ALTER TABLE cases ADD COLUMN missed_promise TEXT;
CREATE INDEX cases_missed_promise ON cases(missed_promise) WHERE missed_promise IS NOT NULL;
