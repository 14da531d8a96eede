-- Schema version 26: cross-region service both ways (第十八条–第二十一条).
-- 'outgoing' (as before): taken here, decided by another region's home
-- department. 'incoming': taken at another region's hall for a department
-- of ours; home_region, home_department and home_site then name that
-- hall (申请地), our department confirms, the request is accepted here as
-- a case our department decides, and the result goes back to that hall.
ALTER TABLE remote_requests ADD COLUMN direction TEXT NOT NULL DEFAULT 'outgoing'
  CHECK (direction IN ('outgoing', 'incoming'));
