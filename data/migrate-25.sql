-- Schema version 25: 容缺受理 and 告知承诺制 (issue 21).
-- The catalogue says which materials of an item may be missing at
-- acceptance (materials.waivable) and which items are decided on the
-- applicant's signed promise, with the conditions promised
-- (service_items.promise_conditions, '' for an ordinary item).
-- case_waivers holds each material a case was accepted without: the day
-- it must be supplied by, when the reminder SMS was queued (NULL: not
-- yet, so a reminder run twice sends it once) and when it was supplied
-- and found conforming (NULL: still owed; the result is not released).
-- case_promises holds a case accepted on a promise: the conditions as
-- promised, and the department's verification (核查) and, where the
-- promise was false, its revocation (撤销) with the reason.
ALTER TABLE materials ADD COLUMN waivable INTEGER NOT NULL DEFAULT 0;
ALTER TABLE service_items ADD COLUMN promise_conditions TEXT NOT NULL DEFAULT '';
CREATE TABLE case_waivers (
  id          INTEGER PRIMARY KEY,
  case_id     INTEGER NOT NULL REFERENCES cases(id),
  material_id INTEGER NOT NULL REFERENCES materials(id),
  due_date    TEXT NOT NULL,
  reminded_at TEXT,
  supplied_at TEXT,
  UNIQUE (case_id, material_id)
);
CREATE INDEX case_waivers_owed ON case_waivers(due_date) WHERE supplied_at IS NULL;
CREATE TABLE case_promises (
  case_id     INTEGER PRIMARY KEY REFERENCES cases(id),
  conditions  TEXT NOT NULL,
  state       TEXT NOT NULL DEFAULT 'promised' CHECK (state IN ('promised','verified','revoked')),
  checked_at  TEXT,
  checked_by  INTEGER REFERENCES users(id),
  note        TEXT NOT NULL DEFAULT ''
);
