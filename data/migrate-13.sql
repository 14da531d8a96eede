-- Schema version 13: the event log and the records it speaks for can be
-- checked against changes made outside the program (the sqlite3 shell, a
-- copied file). Whoever can write the share's file can change anything;
-- what this adds is that such a change shows in `yichuang check`.
--
-- events.key_id: the fingerprint of the key the event's hash was made with
-- (a file each station reads from its configuration, never in this file:
-- database.key_file, made by `yichuang keygen`); NULL when the station had
-- no key, and for every event before this version, whose hashes stay what
-- they were (src/store.c store_event, src/store-audit.c).
-- events.row_seals: the sealed records the event's transaction changed:
-- per record its table, its id, the change of its seal (old XOR new) and
-- flags; in the event's hash, so neither can be edited without the key.
ALTER TABLE events ADD COLUMN key_id TEXT;
ALTER TABLE events ADD COLUMN row_seals BLOB;

-- The seal of a record as the program last left it: a digest of every
-- other column (keyed with the key; made without it by a station that has
-- none), and the number of columns it covers, so that a column added by a
-- later version leaves older seals valid. NULL for records from before
-- this version that have not changed since (`yichuang seal` seals them).
ALTER TABLE cases ADD COLUMN seal BLOB;
ALTER TABLE applicants ADD COLUMN seal BLOB;
ALTER TABLE users ADD COLUMN seal BLOB;
ALTER TABLE notices ADD COLUMN seal BLOB;
ALTER TABLE results ADD COLUMN seal BLOB;
