-- Schema version 27: 一件事一次办 on-site intake is confirmed by the
-- departments concerned before it is entered (第十五条.1). The window's
-- reviewed record (its record_uid, intake.h) is put to each member item's
-- department; each confirms, or returns it with a reason; the record is
-- accepted (numbered, noticed) only once every one has confirmed. An
-- online submission is pre-reviewed instead (第十五条.2) and needs none.
CREATE TABLE bundle_confirmations (
  id             INTEGER PRIMARY KEY,
  record_uid     TEXT NOT NULL,
  bundle_item_id INTEGER NOT NULL REFERENCES service_items(id),
  department_id  INTEGER NOT NULL REFERENCES departments(id),
  applicant      TEXT NOT NULL,
  received       TEXT NOT NULL DEFAULT '',     -- the materials as the window received them
  state          TEXT NOT NULL DEFAULT 'asked' CHECK (state IN ('asked', 'confirmed', 'returned')),
  reason         TEXT NOT NULL DEFAULT '',     -- why it was returned
  asked_by       INTEGER NOT NULL REFERENCES users(id),
  asked_at       TEXT NOT NULL,
  answered_by    INTEGER REFERENCES users(id),
  answered_at    TEXT,
  UNIQUE (record_uid, department_id)
);
CREATE INDEX bundle_confirmations_waiting ON bundle_confirmations(department_id, state);
