-- Schema version 7: the special windows other than bundles.

-- Cross-region service (异地通办): an application taken here for another
-- region's department, or for ours from elsewhere. The home department
-- confirms before it is accepted; materials are forwarded (paper by mail
-- when the home department keeps it); the result comes back; the applicant
-- chooses where to collect.
CREATE TABLE remote_requests (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('inter_province','hbeu','city')),  -- 跨省通办, 呼包鄂乌互办互认, 全市通办
  item_id       INTEGER NOT NULL REFERENCES service_items(id),
  applicant_id  INTEGER NOT NULL REFERENCES applicants(id),
  home_region   TEXT NOT NULL,            -- e.g. 呼和浩特市赛罕区
  home_department TEXT NOT NULL,
  home_site     TEXT NOT NULL,
  status        TEXT NOT NULL DEFAULT 'asking'
                CHECK (status IN ('asking','confirmed','refused','forwarded','result_received','delivered')),
  confirmed_by  TEXT,                     -- the home department's person, as they said
  confirmed_at  TEXT,
  refusal_reason TEXT NOT NULL DEFAULT '',
  case_id       INTEGER REFERENCES cases(id),   -- the case accepted here after confirmation
  paper_by_mail INTEGER NOT NULL DEFAULT 0,
  tracking_number TEXT,
  forwarded_at  TEXT,
  result_note   TEXT NOT NULL DEFAULT '',
  result_at     TEXT,
  collect_at    TEXT CHECK (collect_at IN ('here','home')),
  delivered_at  TEXT,
  created_by    INTEGER NOT NULL REFERENCES users(id),
  created_at    TEXT NOT NULL,
  version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX remote_requests_status ON remote_requests(status, created_at);

-- Construction projects (工程建设项目审批): a project moves through four
-- stages, each a set of approvals that run in parallel.
CREATE TABLE projects (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,       -- the project code (项目代码)
  name        TEXT NOT NULL,
  builder     TEXT NOT NULL,              -- 建设单位
  location    TEXT NOT NULL,
  stage       TEXT NOT NULL DEFAULT 'land_use'
              CHECK (stage IN ('land_use','permit','construction','completion','done')),
  online_guided INTEGER NOT NULL DEFAULT 0,   -- told to declare online (网上申报)
  guidance_note TEXT NOT NULL DEFAULT '',
  created_by  INTEGER NOT NULL REFERENCES users(id),
  created_at  TEXT NOT NULL,
  version     INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE project_approvals (
  id          INTEGER PRIMARY KEY,
  project_id  INTEGER NOT NULL REFERENCES projects(id),
  stage       TEXT NOT NULL CHECK (stage IN ('land_use','permit','construction','completion')),
  item_id     INTEGER NOT NULL REFERENCES service_items(id),
  status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','applied','approved','refused')),
  document_number TEXT,
  note        TEXT NOT NULL DEFAULT '',
  updated_by  INTEGER REFERENCES users(id),
  updated_at  TEXT,
  UNIQUE (project_id, stage, item_id)
);
CREATE INDEX project_approvals_project ON project_approvals(project_id, stage);

-- Help-you-do (帮您办): key projects an agent of the hall carries through,
-- with signed authorisation and commitment letters, a plan, a log, and an
-- end: delivered and evaluated, or terminated with a termination slip.
CREATE TABLE assist_requests (
  id          INTEGER PRIMARY KEY,
  project_name TEXT NOT NULL,
  company     TEXT NOT NULL,
  contact     TEXT NOT NULL,
  phone       TEXT NOT NULL,
  qualifies   TEXT NOT NULL,              -- why it is a key project
  agent_id    INTEGER REFERENCES users(id),
  authorisation_signed INTEGER NOT NULL DEFAULT 0,
  commitment_signed INTEGER NOT NULL DEFAULT 0,
  status      TEXT NOT NULL DEFAULT 'open'
              CHECK (status IN ('open','in_progress','delivered','archived','terminated')),
  feedback    TEXT NOT NULL DEFAULT '',
  materials_returned INTEGER NOT NULL DEFAULT 0,
  evaluation_score INTEGER CHECK (evaluation_score BETWEEN 1 AND 5),
  evaluation_note TEXT NOT NULL DEFAULT '',
  termination_number TEXT UNIQUE,
  termination_reason TEXT NOT NULL DEFAULT '',
  created_by  INTEGER NOT NULL REFERENCES users(id),
  created_at  TEXT NOT NULL,
  closed_at   TEXT,
  version     INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE assist_plan (
  id          INTEGER PRIMARY KEY,
  request_id  INTEGER NOT NULL REFERENCES assist_requests(id),
  seq         INTEGER NOT NULL,
  item_id     INTEGER NOT NULL REFERENCES service_items(id),
  target_date TEXT NOT NULL,
  done_at     TEXT,
  UNIQUE (request_id, seq)
);

CREATE TABLE assist_log (
  id          INTEGER PRIMARY KEY,
  request_id  INTEGER NOT NULL REFERENCES assist_requests(id),
  at          TEXT NOT NULL,
  by_user     INTEGER NOT NULL REFERENCES users(id),
  kind        TEXT NOT NULL CHECK (kind IN ('progress','coordination','feedback')),
  text        TEXT NOT NULL
);
CREATE INDEX assist_log_request ON assist_log(request_id, at);
