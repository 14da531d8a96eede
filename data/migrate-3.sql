-- Schema version 3: combined intake (第十条) and the online inbox.

-- How many times the record has been reviewed (a return after a one-time
-- notice is round 2), why it was not accepted, the withdrawal asked for.
ALTER TABLE cases ADD COLUMN review_round INTEGER NOT NULL DEFAULT 1;
ALTER TABLE cases ADD COLUMN refusal_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN online_id INTEGER REFERENCES online_submissions(id);
ALTER TABLE cases ADD COLUMN withdrawal_requested_at TEXT;
ALTER TABLE cases ADD COLUMN withdrawal_reason TEXT NOT NULL DEFAULT '';
CREATE INDEX cases_awaiting ON cases(status, applicant_id);
CREATE INDEX cases_ticket ON cases(ticket_id);

-- Notices keep the round they answer, so a returning applicant's record
-- shows each one-time notice in order.
ALTER TABLE notices ADD COLUMN round INTEGER NOT NULL DEFAULT 1;

-- What the provincial platform (web, app, kiosk) sent, waiting for the
-- clerk's pre-review with the same three outcomes.
CREATE TABLE online_submissions (
  id            INTEGER PRIMARY KEY,
  ref           TEXT NOT NULL UNIQUE,         -- the platform's reference
  source        TEXT NOT NULL CHECK (source IN ('web','app','kiosk')),
  received_at   TEXT NOT NULL,
  imported_at   TEXT NOT NULL,
  site_id       INTEGER NOT NULL REFERENCES sites(id),
  item_id       INTEGER NOT NULL REFERENCES service_items(id),
  kind          TEXT NOT NULL CHECK (kind IN ('person','organisation')),
  name          TEXT NOT NULL,
  id_number     TEXT NOT NULL,
  phone         TEXT NOT NULL,
  legal_rep     TEXT NOT NULL DEFAULT '',
  address       TEXT NOT NULL DEFAULT '',
  agent_name    TEXT NOT NULL DEFAULT '',
  agent_id_number TEXT NOT NULL DEFAULT '',
  agent_authorised INTEGER NOT NULL DEFAULT 0,
  note          TEXT NOT NULL DEFAULT '',
  status        TEXT NOT NULL DEFAULT 'inbox' CHECK (status IN ('inbox','reviewed')),
  case_id       INTEGER REFERENCES cases(id)
);
CREATE INDEX online_inbox ON online_submissions(status, received_at);

CREATE TABLE online_materials (
  submission_id INTEGER NOT NULL REFERENCES online_submissions(id),
  material_id   INTEGER NOT NULL REFERENCES materials(id),
  files         INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (submission_id, material_id)
);
