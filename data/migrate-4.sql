-- Schema version 4: unified pickup (统一出件): the SMS outbox claimed by one
-- station at a time and retried with backoff, ratings from the pickup
-- window or the intake window, and the indexes the lists need.

ALTER TABLE notifications ADD COLUMN kind TEXT NOT NULL DEFAULT 'other';   -- completion, mail, reminder, clock
ALTER TABLE notifications ADD COLUMN claimed_by TEXT;      -- the station sending it now
ALTER TABLE notifications ADD COLUMN claimed_at TEXT;
ALTER TABLE notifications ADD COLUMN next_attempt_at TEXT; -- not before; NULL = at once
CREATE INDEX notifications_due ON notifications(status, next_attempt_at);
CREATE INDEX notifications_case ON notifications(case_id);

ALTER TABLE pickups ADD COLUMN mail_phone TEXT;

ALTER TABLE ratings ADD COLUMN channel TEXT NOT NULL DEFAULT 'pickup';      -- pickup, intake
ALTER TABLE ratings ADD COLUMN recorded_by INTEGER REFERENCES users(id);
CREATE INDEX ratings_follow_up ON ratings(score, follow_up_at);
CREATE INDEX ratings_at ON ratings(at);

CREATE INDEX pickups_at ON pickups(at);
CREATE INDEX cases_closed ON cases(closed_at);
