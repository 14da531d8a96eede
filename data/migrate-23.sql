-- Schema version 23: the assessment complete to the plan (issue 22).
--
-- The contractor has a voice: the company that staffs the
-- windows logs in as its own role, sees the signed sheets, and lodges its
-- objections (异议) itself, with its reasons and references to the papers
-- it attaches, within the hall's deadline after the signature; the
-- assessment team accepts or rejects each with its reason.
--
-- The users' role CHECK gains 'contractor'. SQLite cannot ALTER a CHECK
-- and rebuilding users would break the many tables that refer to it, so
-- the CHECK's list of roles is widened in place: a constraint loosened,
-- the change SQLite's documentation (ALTER TABLE, "making other kinds of
-- table schema changes") allows through writable_schema; RESET reloads
-- the schema for this connection, and the ALTERs below change the schema
-- cookie for the others.
PRAGMA writable_schema = ON;
UPDATE sqlite_master SET sql = replace(sql, '''supervisor'',''admin'')', '''supervisor'',''admin'',''contractor'')')
  WHERE type = 'table' AND name = 'users';
PRAGMA writable_schema = RESET;

-- The papers the contractor refers to (their numbers or names, one text),
-- and the team's decision: 'accepted' (the score changes, the sheet is
-- recomputed) or 'rejected' (the score stands, the reason given); NULL
-- while it waits, and for answers given before the decision was kept.
ALTER TABLE objections ADD COLUMN attachments TEXT NOT NULL DEFAULT '';
ALTER TABLE objections ADD COLUMN decision TEXT;

-- The weekly inspection (周检查) as a record of its own: which week (its
-- Monday), which site, who inspected, what was checked and what was found
-- in words; the findings that cost points stay rows of inspections, the
-- week's being those of its days at its site. A month's sheet lists its
-- weeks and flags one with no inspection.
CREATE TABLE weekly_inspections (
  id           INTEGER PRIMARY KEY,
  week         TEXT NOT NULL,                       -- its Monday, 'YYYY-MM-DD'
  site_id      INTEGER NOT NULL REFERENCES sites(id),
  inspector_id INTEGER NOT NULL REFERENCES users(id),
  checked      TEXT NOT NULL,                       -- what was checked
  findings     TEXT NOT NULL DEFAULT '',            -- what was found, in words
  recorded_at  TEXT NOT NULL,
  UNIQUE (week, site_id)
);

-- Names as the plan has them: 八便民 (第七条) are duties of the windows,
-- not a bonus for praise letters. The default criteria's bonus category
-- is 加分项, and 八便民 becomes a rule of 服务规范 checked at the weekly
-- inspection (data/assessment-criteria.sql, rule 21). A label changes,
-- no score: the new rule has no findings before it exists.
UPDATE assessment_criteria SET category = '加分项' WHERE category = '八便民' AND evidence = 'bonus';
INSERT OR IGNORE INTO assessment_criteria (id, version, effective_from, category, max_points, rule, points_per_occurrence, cap, evidence, metric)
  SELECT 21, 1, '2022-10', '服务规范', 15, '未落实“八便民”（容缺受理或告知承诺、“绿色通道”、免费复印打印扫描、政务专递双向免费邮寄、代办帮办、预约或延时服务、流动导引或上门服务）', 1, 5, 'inspection', NULL
  WHERE EXISTS (SELECT 1 FROM assessment_criteria WHERE id = 20 AND version = 1);
