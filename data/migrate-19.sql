-- Schema version 19: appointments are reminded the day before and may be
-- moved. reminded_at is when the day-before SMS was queued (NULL: not
-- yet), so that a reminder run twice sends it once; moved_from keeps the
-- day and slot an appointment had before it was last moved.
ALTER TABLE appointments ADD COLUMN reminded_at TEXT;
ALTER TABLE appointments ADD COLUMN moved_from TEXT;
