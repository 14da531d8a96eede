-- Schema version 28 on PostgreSQL: the twin of data/migrate-28.sql (every
-- record a station makes carries its site; those made before get the
-- site of the user who made them, or the hall's, the first site).
ALTER TABLE consultations ADD COLUMN site_id bigint REFERENCES sites(id);
ALTER TABLE remote_requests ADD COLUMN site_id bigint REFERENCES sites(id);
ALTER TABLE projects ADD COLUMN site_id bigint REFERENCES sites(id);
ALTER TABLE assist_requests ADD COLUMN site_id bigint REFERENCES sites(id);
UPDATE consultations SET site_id = coalesce((SELECT u.site_id FROM users u WHERE u.id = consultations.user_id),
                                            (SELECT min(id) FROM sites));
UPDATE remote_requests SET site_id = coalesce((SELECT u.site_id FROM users u WHERE u.id = remote_requests.created_by),
                                              (SELECT min(id) FROM sites));
UPDATE projects SET site_id = coalesce((SELECT u.site_id FROM users u WHERE u.id = projects.created_by),
                                       (SELECT min(id) FROM sites));
UPDATE assist_requests SET site_id = coalesce((SELECT u.site_id FROM users u WHERE u.id = assist_requests.created_by),
                                              (SELECT min(id) FROM sites));
UPDATE schema_meta SET user_version = 28;
