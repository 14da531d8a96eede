-- Schema version 10: when the applicant was first told their result is at
-- the pickup window (the completion SMS queued) or had it in hand (the
-- pickup register), on the result's slip. The assessment's pickup_waiting
-- figure ("results a day or more at the window with nobody told") then
-- reads one index instead of looking up the SMS and the register of every
-- result of the month (22,000 at 2,000,000 cases: bench/README).
ALTER TABLE transfer_slips ADD COLUMN told_at TEXT;
UPDATE transfer_slips SET told_at = (
  SELECT min(at) FROM (
    SELECT min(n.created_at) AS at FROM notifications n
     WHERE n.case_id = transfer_slips.case_id AND n.kind = 'completion'
    UNION ALL
    SELECT min(p.at) FROM pickups p WHERE p.case_id = transfer_slips.case_id))
WHERE direction = 'to_pickup';
CREATE INDEX transfer_slips_pickup_told ON transfer_slips(direction, handed_at, told_at);
DROP INDEX IF EXISTS transfer_slips_direction_handed;
