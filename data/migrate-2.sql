-- Schema version 2: the queue at the windows, appointments, and the
-- guidance desk's consultations in full.

-- Where and by whom a ticket was called, recalls, transfers.
ALTER TABLE queue_tickets ADD COLUMN station_name TEXT;
ALTER TABLE queue_tickets ADD COLUMN recalls INTEGER NOT NULL DEFAULT 0;
ALTER TABLE queue_tickets ADD COLUMN transferred_from INTEGER REFERENCES queue_tickets(id);
ALTER TABLE queue_tickets ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE queue_tickets ADD COLUMN appointment_id INTEGER REFERENCES appointments(id);
CREATE INDEX queue_tickets_called ON queue_tickets(site_id, day, called_at);

-- Appointments (预约): mornings Monday to Saturday, booked at the guidance
-- desk, checked in on the day for a ticket.
CREATE TABLE appointments (
  id          INTEGER PRIMARY KEY,
  site_id     INTEGER NOT NULL REFERENCES sites(id),
  day         TEXT NOT NULL,
  slot        TEXT NOT NULL,            -- e.g. '09:00'
  item_id     INTEGER NOT NULL REFERENCES service_items(id),
  name        TEXT NOT NULL,
  phone       TEXT NOT NULL DEFAULT '',
  status      TEXT NOT NULL DEFAULT 'booked' CHECK (status IN ('booked','checked_in','cancelled')),
  ticket_id   INTEGER REFERENCES queue_tickets(id),
  booked_by   INTEGER REFERENCES users(id),
  booked_at   TEXT NOT NULL
);
CREATE INDEX appointments_day ON appointments(site_id, day, slot);

-- What the guide ticked as brought, for the record of a consultation.
ALTER TABLE consultations ADD COLUMN missing TEXT NOT NULL DEFAULT '';
CREATE INDEX consultations_open ON consultations(department_id, answered_at);
CREATE INDEX consultations_user ON consultations(user_id, at);
