-- Schema version 14: a record has one identity from its first keystroke.
-- A save can reach the file and still be reported failed to the clerk
-- (the share cut while the commit finished); the record is then kept as a
-- draft, and saving the draft again must find that case, not make a
-- second one for the same application. The identity (a random 128-bit
-- value, hex) travels with the record and its draft and is stored with
-- the case by the save that made or last changed it.
ALTER TABLE cases ADD COLUMN record_uid TEXT;
CREATE UNIQUE INDEX cases_record_uid ON cases(record_uid) WHERE record_uid IS NOT NULL;
