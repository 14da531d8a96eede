-- Schema version 18: the hall's policy lives in the database. How many
-- wrong passwords lock an account and for how long, how many people may
-- book an appointment slot, and the monthly fee when no contract is
-- recorded were each station's configuration, read anew at each use, and
-- two stations could disagree. They are the hall's now, set by its
-- administrator (`yichuang policy set`), each change an event naming who
-- made it. A policy without a row has its default (include/policy.h):
-- the one its configuration key had.
CREATE TABLE hall_policy (
  name   TEXT PRIMARY KEY,                 -- e.g. 'login.max_failures'
  value  INTEGER NOT NULL CHECK (typeof(value) = 'integer'),
  set_at TEXT NOT NULL,
  set_by INTEGER REFERENCES users(id)      -- NULL: the command line on the server
) WITHOUT ROWID;
