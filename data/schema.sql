-- yichuang schema, version 1: the one-window hall's first tables (README
-- describes the hall). Versions 2 on change and extend them through forward
-- migrations (data/migrate-N.sql, listed in src/store.c); all are embedded
-- into the program. `init` runs them all inside one transaction; an upgrade
-- runs the ones a database lacks inside one transaction too.
-- Conventions: dates are 'YYYY-MM-DD' text, times 'YYYY-MM-DD HH:MM:SS' local
-- text; money is integer fen (1/100 yuan); booleans are 0/1 integers.

CREATE TABLE sites (
  id        INTEGER PRIMARY KEY,
  code      TEXT NOT NULL UNIQUE,
  name      TEXT NOT NULL,
  level     TEXT NOT NULL CHECK (level IN ('banner','township'))
);

CREATE TABLE departments (
  id        INTEGER PRIMARY KEY,
  code      TEXT NOT NULL UNIQUE,
  name      TEXT NOT NULL
);

-- A window category is the kind of counter that handles an item.
CREATE TABLE window_categories (
  code         TEXT PRIMARY KEY,          -- combined, bundle, remote, construction, assist, pickup, guidance
  name         TEXT NOT NULL,
  ticket_prefix TEXT NOT NULL UNIQUE
);

CREATE TABLE stations (
  id        INTEGER PRIMARY KEY,
  site_id   INTEGER NOT NULL REFERENCES sites(id),
  name      TEXT NOT NULL,
  category  TEXT NOT NULL REFERENCES window_categories(code),
  UNIQUE (site_id, name)
);

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  login         TEXT NOT NULL UNIQUE,
  full_name     TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('guide','intake','reviewer','pickup','supervisor','admin')),
  department_id INTEGER REFERENCES departments(id),   -- reviewers belong to one department
  site_id       INTEGER REFERENCES sites(id),
  password_hash TEXT NOT NULL,                         -- libsodium Argon2id string
  must_change_password INTEGER NOT NULL DEFAULT 0,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until  TEXT,                                  -- NULL when not locked
  active        INTEGER NOT NULL DEFAULT 1,
  created_at    TEXT NOT NULL DEFAULT (datetime('now','localtime'))
);

-- Service catalogue -------------------------------------------------------

CREATE TABLE service_items (
  id              INTEGER PRIMARY KEY,
  code            TEXT NOT NULL UNIQUE,
  name            TEXT NOT NULL,
  pinyin_initials TEXT NOT NULL DEFAULT '',   -- e.g. 'gtgshdj' for 个体工商户登记
  department_id   INTEGER NOT NULL REFERENCES departments(id),
  kind            TEXT NOT NULL CHECK (kind IN ('immediate','promised')),
  statutory_limit INTEGER NOT NULL DEFAULT 0,
  promised_limit  INTEGER NOT NULL DEFAULT 0,
  limit_unit      TEXT NOT NULL DEFAULT 'workday' CHECK (limit_unit IN ('workday','day','month')),
  fee_fen         INTEGER NOT NULL DEFAULT 0,
  fee_note        TEXT NOT NULL DEFAULT '',
  window_category TEXT NOT NULL REFERENCES window_categories(code),
  online          INTEGER NOT NULL DEFAULT 0,
  guide           TEXT NOT NULL DEFAULT '',   -- 办事指南
  faq             TEXT NOT NULL DEFAULT '',   -- 答疑手册
  active          INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX service_items_dept ON service_items(department_id);
CREATE INDEX service_items_pinyin ON service_items(pinyin_initials);

CREATE TABLE materials (
  id          INTEGER PRIMARY KEY,
  item_id     INTEGER NOT NULL REFERENCES service_items(id),
  seq         INTEGER NOT NULL,
  name        TEXT NOT NULL,
  required    INTEGER NOT NULL DEFAULT 1,
  originals   INTEGER NOT NULL DEFAULT 0,
  copies      INTEGER NOT NULL DEFAULT 0,
  form        TEXT NOT NULL DEFAULT 'paper' CHECK (form IN ('paper','electronic','both')),
  note        TEXT NOT NULL DEFAULT '',
  UNIQUE (item_id, seq)
);

-- Review checkpoints (审查要点) are versioned: a change adds a row with a new
-- version and effective date; old versions stay, because every verdict names
-- the version it was made against (liability rule, 第十条).
CREATE TABLE checkpoints (
  id            INTEGER PRIMARY KEY,
  material_id   INTEGER NOT NULL REFERENCES materials(id),
  seq           INTEGER NOT NULL,
  version       INTEGER NOT NULL DEFAULT 1,
  text          TEXT NOT NULL,
  effective_from TEXT NOT NULL,
  effective_to  TEXT,                            -- NULL while in force
  changed_by    INTEGER REFERENCES users(id),
  changed_at    TEXT NOT NULL DEFAULT (datetime('now','localtime')),
  UNIQUE (material_id, seq, version)
);

-- Working-day calendar: only exceptions are stored; a date not listed is a
-- workday from Monday to Friday and off at the weekend.
CREATE TABLE calendar_days (
  day   TEXT PRIMARY KEY,
  kind  TEXT NOT NULL CHECK (kind IN ('off','work')),
  name  TEXT NOT NULL DEFAULT ''
);

-- Queue ------------------------------------------------------------------

CREATE TABLE queue_tickets (
  id          INTEGER PRIMARY KEY,
  site_id     INTEGER NOT NULL REFERENCES sites(id),
  day         TEXT NOT NULL,
  category    TEXT NOT NULL REFERENCES window_categories(code),
  seq         INTEGER NOT NULL,
  number      TEXT NOT NULL,                  -- prefix + seq, e.g. A017
  item_id     INTEGER REFERENCES service_items(id),
  priority    INTEGER NOT NULL DEFAULT 0,     -- green channel
  appointment TEXT,                           -- appointment reference when checked in
  status      TEXT NOT NULL DEFAULT 'waiting'
              CHECK (status IN ('waiting','called','serving','done','no_show','transferred')),
  issued_by   INTEGER REFERENCES users(id),
  issued_at   TEXT NOT NULL,
  called_at   TEXT,
  called_by   INTEGER REFERENCES users(id),
  station_id  INTEGER REFERENCES stations(id),
  finished_at TEXT,
  UNIQUE (site_id, day, category, seq)
);
CREATE INDEX queue_tickets_waiting ON queue_tickets(site_id, day, status, priority, seq);

CREATE TABLE consultations (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  user_id     INTEGER NOT NULL REFERENCES users(id),
  item_id     INTEGER REFERENCES service_items(id),
  outcome     TEXT NOT NULL CHECK (outcome IN ('to_window','told_materials','escalated','answered')),
  ticket_id   INTEGER REFERENCES queue_tickets(id),
  question    TEXT NOT NULL DEFAULT '',
  department_id INTEGER REFERENCES departments(id),
  answer      TEXT,
  answered_by INTEGER REFERENCES users(id),
  answered_at TEXT
);

-- Cases ------------------------------------------------------------------

CREATE TABLE applicants (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('person','organisation')),
  name        TEXT NOT NULL,
  id_number   TEXT NOT NULL,          -- ID card (GB 11643) or unified social credit code (GB 32100)
  phone       TEXT NOT NULL DEFAULT '',
  legal_rep   TEXT NOT NULL DEFAULT '',
  address     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX applicants_id_number ON applicants(id_number);
CREATE INDEX applicants_phone ON applicants(phone);
CREATE INDEX applicants_name ON applicants(name);

-- A case starts as an intake record (reviewing / awaiting correction) and
-- becomes a numbered case on acceptance.
CREATE TABLE cases (
  id            INTEGER PRIMARY KEY,
  case_number   TEXT UNIQUE,                -- NULL until accepted
  query_password TEXT,
  item_id       INTEGER NOT NULL REFERENCES service_items(id),
  site_id       INTEGER NOT NULL REFERENCES sites(id),
  channel       TEXT NOT NULL DEFAULT 'window' CHECK (channel IN ('window','online','bundle','remote','construction','assist')),
  applicant_id  INTEGER NOT NULL REFERENCES applicants(id),
  agent_name    TEXT,
  agent_id_number TEXT,
  agent_authorised INTEGER NOT NULL DEFAULT 0,
  ticket_id     INTEGER REFERENCES queue_tickets(id),
  status        TEXT NOT NULL CHECK (status IN ('reviewing','awaiting_correction','not_accepted',
                   'accepted','in_department','suspended','approved','not_approved',
                   'result_at_pickup','notified','mailed','collected','withdrawn')),
  kind          TEXT NOT NULL CHECK (kind IN ('immediate','promised')),
  responder_id  INTEGER NOT NULL REFERENCES users(id),    -- 首问责任人
  created_at    TEXT NOT NULL,
  accepted_at   TEXT,
  promised_date TEXT,
  decided_at    TEXT,
  closed_at     TEXT,
  parent_case_id INTEGER REFERENCES cases(id),            -- bundle member -> bundle
  version       INTEGER NOT NULL DEFAULT 1                -- optimistic concurrency
);
CREATE INDEX cases_status ON cases(status, promised_date);
CREATE INDEX cases_applicant ON cases(applicant_id);
CREATE INDEX cases_created ON cases(created_at);
CREATE INDEX cases_item ON cases(item_id);

CREATE TABLE case_materials (
  id           INTEGER PRIMARY KEY,
  case_id      INTEGER NOT NULL REFERENCES cases(id),
  material_id  INTEGER NOT NULL REFERENCES materials(id),
  paper_count  INTEGER NOT NULL DEFAULT 0,
  electronic_count INTEGER NOT NULL DEFAULT 0,
  UNIQUE (case_id, material_id)
);

CREATE TABLE verdicts (
  id              INTEGER PRIMARY KEY,
  case_material_id INTEGER NOT NULL REFERENCES case_materials(id),
  checkpoint_id   INTEGER NOT NULL REFERENCES checkpoints(id),   -- the exact version
  verdict         TEXT NOT NULL CHECK (verdict IN ('conforming','missing','non_conforming')),
  reason          TEXT NOT NULL DEFAULT '',
  round           INTEGER NOT NULL DEFAULT 1,
  by_user         INTEGER NOT NULL REFERENCES users(id),
  at              TEXT NOT NULL
);
CREATE INDEX verdicts_cm ON verdicts(case_material_id);

CREATE TABLE notices (
  id          INTEGER PRIMARY KEY,
  case_id     INTEGER NOT NULL REFERENCES cases(id),
  kind        TEXT NOT NULL CHECK (kind IN ('acceptance','one_time','non_acceptance','completion','termination','licence')),
  number      TEXT NOT NULL UNIQUE,
  body        TEXT NOT NULL,
  file_path   TEXT,
  printed     INTEGER NOT NULL DEFAULT 0,
  issued_by   INTEGER NOT NULL REFERENCES users(id),
  issued_at   TEXT NOT NULL
);
CREATE INDEX notices_case ON notices(case_id);

-- Back office ------------------------------------------------------------

CREATE TABLE transfer_slips (
  id            INTEGER PRIMARY KEY,
  case_id       INTEGER NOT NULL REFERENCES cases(id),
  number        TEXT NOT NULL UNIQUE,
  department_id INTEGER NOT NULL REFERENCES departments(id),
  envelope      TEXT NOT NULL CHECK (envelope IN ('immediate','promised','result')),
  direction     TEXT NOT NULL CHECK (direction IN ('to_department','to_pickup')),
  created_at    TEXT NOT NULL,
  handed_by     INTEGER REFERENCES users(id),
  received_by   INTEGER REFERENCES users(id),
  handed_at     TEXT,                      -- NULL while waiting for handover
  version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX transfer_slips_waiting ON transfer_slips(handed_at, department_id, created_at);
CREATE INDEX transfer_slips_case ON transfer_slips(case_id);

CREATE TABLE slip_materials (
  slip_id     INTEGER NOT NULL REFERENCES transfer_slips(id),
  name        TEXT NOT NULL,
  paper_count INTEGER NOT NULL DEFAULT 0,
  electronic_count INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE suspensions (
  id          INTEGER PRIMARY KEY,
  case_id     INTEGER NOT NULL REFERENCES cases(id),
  reason_kind TEXT NOT NULL CHECK (reason_kind IN ('site_survey','site_verification','technical_review','hearing','extension')),
  reason      TEXT NOT NULL,
  started_on  TEXT NOT NULL,
  ended_on    TEXT,
  applicant_consent INTEGER NOT NULL DEFAULT 0,
  by_user     INTEGER NOT NULL REFERENCES users(id)
);
CREATE INDEX suspensions_case ON suspensions(case_id);

CREATE TABLE fees (
  id          INTEGER PRIMARY KEY,
  case_id     INTEGER NOT NULL REFERENCES cases(id),
  amount_fen  INTEGER NOT NULL,
  paid        INTEGER NOT NULL DEFAULT 0,
  receipt_number TEXT,
  set_by      INTEGER NOT NULL REFERENCES users(id),
  set_at      TEXT NOT NULL
);

CREATE TABLE results (
  id          INTEGER PRIMARY KEY,
  case_id     INTEGER NOT NULL UNIQUE REFERENCES cases(id),
  outcome     TEXT NOT NULL CHECK (outcome IN ('approved','not_approved','withdrawn')),
  document_number TEXT,
  valid_from  TEXT,
  valid_to    TEXT,
  reason      TEXT NOT NULL DEFAULT '',
  decided_by  INTEGER NOT NULL REFERENCES users(id),
  decided_at  TEXT NOT NULL
);

-- Pickup ---------------------------------------------------------------

CREATE TABLE pickups (
  id          INTEGER PRIMARY KEY,
  case_id     INTEGER NOT NULL UNIQUE REFERENCES cases(id),
  method      TEXT NOT NULL CHECK (method IN ('in_person','agent','mail','on_the_spot')),
  collector_name TEXT,
  collector_id_number TEXT,
  authorisation_note TEXT,
  mail_address TEXT,
  mail_recipient TEXT,
  tracking_number TEXT,
  delivered_at TEXT,
  handed_by   INTEGER NOT NULL REFERENCES users(id),
  at          TEXT NOT NULL
);

CREATE TABLE notifications (
  id          INTEGER PRIMARY KEY,
  case_id     INTEGER REFERENCES cases(id),
  phone       TEXT NOT NULL,
  message     TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','sent','failed')),
  attempts    INTEGER NOT NULL DEFAULT 0,
  last_error  TEXT,
  created_at  TEXT NOT NULL,
  sent_at     TEXT
);
CREATE INDEX notifications_status ON notifications(status, id);

CREATE TABLE ratings (
  id          INTEGER PRIMARY KEY,
  case_id     INTEGER NOT NULL REFERENCES cases(id),
  score       INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),   -- 5 非常满意 … 1 非常不满意
  comment     TEXT NOT NULL DEFAULT '',
  at          TEXT NOT NULL,
  follow_up   TEXT,                  -- supervisor's answer to a bad rating
  follow_up_by INTEGER REFERENCES users(id),
  follow_up_at TEXT
);
CREATE INDEX ratings_case ON ratings(case_id);

-- Event log --------------------------------------------------------------
-- Append-only: every state change writes one row in the same transaction.
-- prev_hash/hash chain the rows so that an edited or deleted event shows.
CREATE TABLE events (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  user_id     INTEGER REFERENCES users(id),
  station     TEXT NOT NULL DEFAULT '',
  entity      TEXT NOT NULL,          -- 'case', 'slip', 'user', ...
  entity_id   INTEGER,
  action      TEXT NOT NULL,
  old_value   TEXT,
  new_value   TEXT,
  hash        TEXT NOT NULL
);
CREATE INDEX events_entity ON events(entity, entity_id);

CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;

-- Assessment (monthly sheet) --------------------------------------------

CREATE TABLE assessment_criteria (
  id          INTEGER PRIMARY KEY,
  version     INTEGER NOT NULL,
  effective_from TEXT NOT NULL,         -- first month 'YYYY-MM' it applies to
  category    TEXT NOT NULL,
  max_points  INTEGER NOT NULL,
  rule        TEXT NOT NULL,
  points_per_occurrence REAL NOT NULL,
  cap         REAL,
  evidence    TEXT NOT NULL CHECK (evidence IN ('inspection','computed','complaint','rating','bonus')),
  metric      TEXT                      -- name of the computed figure for 'computed'
);

CREATE TABLE inspections (
  id          INTEGER PRIMARY KEY,
  day         TEXT NOT NULL,
  inspector_id INTEGER NOT NULL REFERENCES users(id),
  site_id     INTEGER NOT NULL REFERENCES sites(id),
  station_id  INTEGER REFERENCES stations(id),
  staff_id    INTEGER REFERENCES users(id),
  criterion_id INTEGER NOT NULL REFERENCES assessment_criteria(id),
  note        TEXT NOT NULL DEFAULT ''
);

CREATE TABLE assessment_months (
  month       TEXT NOT NULL,            -- 'YYYY-MM'
  scope       TEXT NOT NULL,            -- 'all' or a site code
  score       REAL,
  signed_off_by INTEGER REFERENCES users(id),
  signed_off_at TEXT,
  PRIMARY KEY (month, scope)
);

CREATE TABLE objections (
  id          INTEGER PRIMARY KEY,
  month       TEXT NOT NULL,
  scope       TEXT NOT NULL,
  text        TEXT NOT NULL,
  raised_at   TEXT NOT NULL,
  answer      TEXT,
  answered_by INTEGER REFERENCES users(id),
  answered_at TEXT,
  old_score   REAL,
  new_score   REAL
);
