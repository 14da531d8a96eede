-- Schema version 11: the cases by the applicant's name, in name order, in
-- one small table of their own. A clerk's name search read the cases of
-- every fitting person one by one (cases_applicant_created): a full name
-- fitting 900 people is 900 reads scattered over the file, 0.15 s to 1.4 s
-- on a disk the operating system has not cached yet (bench/README). Here
-- the same search reads one run of neighbouring pages.
--
-- The primary key answers a name or a prefix fitting few cases: their
-- entries lie together, newest first after a small sort. The second index
-- answers one fitting thousands (a lone surname, or "王伟"): within the
-- name's first character, newest first, keeping the entries that fit,
-- which finds the fifty newest without reading the rest; its entries carry
-- the name, so it needs no other read. (src/store-cases.c chooses.)
--
-- Kept by triggers, so that every way a case is made (intake, bundles,
-- online, cross-region, construction, the tools) and an applicant's rename
-- keep it without the program's help; `yichuang check` says whether it is
-- in step with the cases.
CREATE TABLE case_names (
  name       TEXT NOT NULL,              -- the applicant's name, as applicants.name
  created_at TEXT NOT NULL,              -- the case's
  case_id    INTEGER NOT NULL,
  initial    TEXT NOT NULL,              -- the name's first character (a person's surname)
  PRIMARY KEY (name, created_at, case_id)
) WITHOUT ROWID;
INSERT INTO case_names(name, created_at, case_id, initial)
  SELECT a.name, c.created_at, c.id, substr(a.name, 1, 1)
    FROM cases c JOIN applicants a ON a.id = c.applicant_id
   ORDER BY 1, 2, 3;
CREATE INDEX case_names_initial ON case_names(initial, created_at, case_id);

CREATE TRIGGER case_names_on_insert AFTER INSERT ON cases BEGIN
  INSERT INTO case_names(name, created_at, case_id, initial)
    SELECT name, NEW.created_at, NEW.id, substr(name, 1, 1) FROM applicants WHERE id = NEW.applicant_id;
END;

CREATE TRIGGER case_names_on_update AFTER UPDATE OF applicant_id, created_at ON cases
  WHEN NEW.applicant_id IS NOT OLD.applicant_id OR NEW.created_at IS NOT OLD.created_at BEGIN
  DELETE FROM case_names WHERE case_id = OLD.id AND created_at = OLD.created_at
     AND name = (SELECT name FROM applicants WHERE id = OLD.applicant_id);
  INSERT INTO case_names(name, created_at, case_id, initial)
    SELECT name, NEW.created_at, NEW.id, substr(name, 1, 1) FROM applicants WHERE id = NEW.applicant_id;
END;

CREATE TRIGGER case_names_on_delete AFTER DELETE ON cases BEGIN
  DELETE FROM case_names WHERE case_id = OLD.id AND created_at = OLD.created_at
     AND name = (SELECT name FROM applicants WHERE id = OLD.applicant_id);
END;

-- (a returning company may come back under its new name: its cases are
-- then found by the new one, as before this table)
CREATE TRIGGER case_names_on_rename AFTER UPDATE OF name ON applicants
  WHEN NEW.name IS NOT OLD.name BEGIN
  UPDATE case_names SET name = NEW.name, initial = substr(NEW.name, 1, 1)
   WHERE name = OLD.name AND case_id IN (SELECT id FROM cases WHERE applicant_id = NEW.id);
END;

-- the name searches no longer read applicants by name
DROP INDEX IF EXISTS applicants_name;

-- Every search lists each case with its latest notice's number: from the
-- index alone, not a read of the notice's row (a notice's text fills a
-- tenth of a page: one more read scattered over the file per case).
CREATE INDEX notices_case_latest ON notices(case_id, id, number);
DROP INDEX IF EXISTS notices_case;
