-- Schema version 12: the hall sets itself up in the database.
-- A fresh hall had only 'admin' and no way to make its clerks, its
-- windows, its township sites, or to say what the contract pays; the
-- calendar ended with the last year shipped in the program. These are
-- the hall's own facts now, changed by the administrator (the admin
-- screen, or `yichuang user|window|site|department|contract|calendar`),
-- each change an event naming who made it.

-- The window a clerk sits at (a stations id, checked by the store), when
-- the hall says so.
ALTER TABLE users ADD COLUMN station_id INTEGER;

-- A window serves one or more queue categories and may be closed for the
-- day; stations.category stays the first it serves, for older readers.
ALTER TABLE stations ADD COLUMN open INTEGER NOT NULL DEFAULT 1;
CREATE TABLE station_categories (
  station_id INTEGER NOT NULL REFERENCES stations(id),
  category   TEXT NOT NULL REFERENCES window_categories(code),
  PRIMARY KEY (station_id, category)
) WITHOUT ROWID;
INSERT INTO station_categories(station_id, category) SELECT id, category FROM stations;
-- A window made any other way (the demo, older tools) serves its category.
CREATE TRIGGER station_categories_on_insert AFTER INSERT ON stations
BEGIN
  INSERT OR IGNORE INTO station_categories(station_id, category) VALUES (new.id, new.category);
END;

-- A township centre that closes keeps its history; it is no longer offered.
ALTER TABLE sites ADD COLUMN active INTEGER NOT NULL DEFAULT 1;

-- The contract with the company that staffs the windows: what the
-- assessment withholds money from. One row per contract period; the one
-- covering a month is the one that month's sheet uses.
CREATE TABLE contracts (
  id               INTEGER PRIMARY KEY,
  contractor       TEXT NOT NULL,
  fee_fen_per_year INTEGER NOT NULL CHECK (fee_fen_per_year >= 0),
  starts_on        TEXT NOT NULL,
  ends_on          TEXT NOT NULL CHECK (ends_on >= starts_on),
  set_at           TEXT NOT NULL,
  set_by           INTEGER REFERENCES users(id)
);

-- The years whose State Council holiday notice the hall has: a date past
-- the last of them is computed without its holidays and is said to be so.
CREATE TABLE calendar_years (
  year        INTEGER PRIMARY KEY,
  source      TEXT NOT NULL,               -- the file it came from, or 'built-in'
  imported_at TEXT NOT NULL
);

INSERT INTO calendar_years(year, source, imported_at)
  SELECT DISTINCT CAST(substr(day, 1, 4) AS INTEGER), 'built-in', datetime('now', 'localtime')
  FROM calendar_days;
