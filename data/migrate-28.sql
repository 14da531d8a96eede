-- Schema version 28: every record a station makes carries its site (#24).
-- The banner's hall and its township centres share one database. Cases,
-- tickets, appointments and online submissions had their site already;
-- slips, pickups and ratings have it through their case. The guidance
-- desk's consultations and the special windows' requests (异地通办,
-- 工程建设项目, 帮您办) are made before any case: they now carry the site
-- of the station that made them, and each site's windows list their own.
-- Those made before this version get the site of the user who made them
-- (a user of no site works at the hall, the first site).
ALTER TABLE consultations ADD COLUMN site_id INTEGER REFERENCES sites(id);
ALTER TABLE remote_requests ADD COLUMN site_id INTEGER REFERENCES sites(id);
ALTER TABLE projects ADD COLUMN site_id INTEGER REFERENCES sites(id);
ALTER TABLE assist_requests ADD COLUMN site_id INTEGER REFERENCES sites(id);
UPDATE consultations SET site_id = coalesce((SELECT u.site_id FROM users u WHERE u.id = consultations.user_id),
                                            (SELECT min(id) FROM sites));
UPDATE remote_requests SET site_id = coalesce((SELECT u.site_id FROM users u WHERE u.id = remote_requests.created_by),
                                              (SELECT min(id) FROM sites));
UPDATE projects SET site_id = coalesce((SELECT u.site_id FROM users u WHERE u.id = projects.created_by),
                                       (SELECT min(id) FROM sites));
UPDATE assist_requests SET site_id = coalesce((SELECT u.site_id FROM users u WHERE u.id = assist_requests.created_by),
                                              (SELECT min(id) FROM sites));
