-- Schema version 5: the monthly assessment sheet (月度绩效考核).

-- A month as scored and signed off: the criteria version it was scored
-- against, the band and money, and the sheet's lines as signed (JSON:
-- rule, occurrences, points), so a signed month never changes by itself.
ALTER TABLE assessment_months ADD COLUMN criteria_version INTEGER;
ALTER TABLE assessment_months ADD COLUMN band TEXT;
ALTER TABLE assessment_months ADD COLUMN fee_fen INTEGER;
ALTER TABLE assessment_months ADD COLUMN withheld_fen INTEGER;
ALTER TABLE assessment_months ADD COLUMN lines TEXT;
ALTER TABLE assessment_months ADD COLUMN reopened_at TEXT;
ALTER TABLE assessment_months ADD COLUMN reopen_reason TEXT NOT NULL DEFAULT '';

-- Findings are inspections, complaints and bonus items alike: each names
-- the rule it counts for. Who recorded it and when.
ALTER TABLE inspections ADD COLUMN recorded_at TEXT;
CREATE INDEX inspections_day ON inspections(day, site_id);

ALTER TABLE objections ADD COLUMN raised_by INTEGER REFERENCES users(id);

-- Conditions for ending the contract that are recorded by hand (law
-- broken, bribes, exposure...); two failing months in a row is computed.
CREATE TABLE contract_alerts (
  id          INTEGER PRIMARY KEY,
  month       TEXT NOT NULL,
  kind        TEXT NOT NULL,
  note        TEXT NOT NULL,
  recorded_by INTEGER NOT NULL REFERENCES users(id),
  recorded_at TEXT NOT NULL
);

CREATE INDEX assessment_criteria_version ON assessment_criteria(version, effective_from);
CREATE INDEX transfer_slips_created ON transfer_slips(created_at);
CREATE INDEX cases_promised ON cases(promised_date);
CREATE INDEX notices_issued ON notices(issued_at, kind);
