-- Schema version 24: 好差评 by the citizen, not by the clerk (issue 21). A service a
-- window finishes (an intake record concluded, a result handed over) or a
-- result mailed leaves a rating request: the window's rating terminal
-- shows the newest one of its window and takes the citizen's key; one not
-- rated there (timed out, passed over, mailed) is asked by SMS with a
-- four-digit code the reply must carry. A bad rating (2 or less) is
-- verified, rectified and the citizen called back by a due day
-- (rating.followup_days working days, hall policy); ratings keep the
-- reasons picked and who, if anyone, keyed them (recorded_by NULL: the
-- citizen, on the terminal or by SMS).
CREATE TABLE rating_requests (
  id        INTEGER PRIMARY KEY,
  case_id   INTEGER NOT NULL REFERENCES cases(id),
  station   TEXT NOT NULL,                -- the window that finished it; '' mailed
  service   TEXT NOT NULL CHECK (service IN ('intake','pickup','mail')),
  at        TEXT NOT NULL,
  status    TEXT NOT NULL DEFAULT 'waiting'
            CHECK (status IN ('waiting','not_rated','sms','rated')),
  sms_code  TEXT,                         -- four digits, while asked by SMS
  phone     TEXT NOT NULL DEFAULT '',     -- the phone the SMS went to
  closed_at TEXT
);
CREATE INDEX rating_requests_waiting ON rating_requests(station, status, id);
CREATE UNIQUE INDEX rating_requests_code ON rating_requests(sms_code) WHERE status = 'sms';

ALTER TABLE ratings ADD COLUMN reasons TEXT NOT NULL DEFAULT '';   -- the reasons picked, '; '-separated
ALTER TABLE ratings ADD COLUMN due TEXT;          -- a bad one: verified, rectified, called back by this day
ALTER TABLE ratings ADD COLUMN checked TEXT;      -- what the verification found
ALTER TABLE ratings ADD COLUMN rectified TEXT;    -- what was put right
ALTER TABLE ratings ADD COLUMN called_back TEXT;  -- the call back (回访) and what the citizen said
