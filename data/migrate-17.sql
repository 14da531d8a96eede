-- Schema version 17: a ticket on hold. The citizen called to a window
-- stepped away (a copy to make, a form to fill): the clerk puts the
-- ticket on hold and serves the next; the held one stays this window's,
-- called, and the clerk takes it up again from the list of held tickets.
-- held_at is when it was put on hold; NULL for every other ticket.
ALTER TABLE queue_tickets ADD COLUMN held_at TEXT;
CREATE INDEX queue_tickets_held ON queue_tickets(station_name, day) WHERE held_at IS NOT NULL;
