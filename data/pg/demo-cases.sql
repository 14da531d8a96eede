-- The PostgreSQL twin of data/demo-cases.sql (issue #24): the same demo
-- cases, queue and submissions, with SQLite's date(), strftime() and
-- printf() in PostgreSQL's words. Keep the two alike: a change to one is
-- made to the other in the same commit. Each INSERT ... SELECT is ordered
-- as SQLite happens to insert it, so that the ids are the same. pg_temp.yc_day(text, n) is the
-- day n days after the date that the text starts with, as 'YYYY-MM-DD'.

CREATE FUNCTION pg_temp.yc_day(t text, n integer) RETURNS text LANGUAGE sql IMMUTABLE
  AS $$ SELECT to_char(CAST(substr(t, 1, 10) AS date) + n, 'YYYY-MM-DD') $$;

INSERT INTO sites(code, name, level) VALUES
  ('WSQ-GLN', '嘎鲁图镇便民服务中心', 'township'),
  ('WSQ-WLJ', '乌兰陶勒盖镇便民服务中心', 'township');

INSERT INTO stations(site_id, name, category)
SELECT s.id, v.name, v.category FROM sites s,
  (SELECT '咨询导办台' AS name, 'guidance' AS category UNION ALL
   SELECT '综合受理1号窗', 'combined' UNION ALL
   SELECT '综合受理2号窗', 'combined' UNION ALL
   SELECT '一次办窗口', 'bundle' UNION ALL
   SELECT '统一出件窗口', 'pickup') v
WHERE s.level = 'banner';

INSERT INTO applicants(id, kind, name, id_number, phone, address) VALUES
  (1, 'person', '王海燕', '150626198503120027', '13904771234', '乌审旗嘎鲁图镇萨拉乌苏路12号'),
  (2, 'person', '李俊峰', '150626199207181049', '13847712345', '乌审旗图克镇'),
  (3, 'person', '巴图孟和', '150626200101050636', '15004778899', '乌审旗乌兰陶勒盖镇'),
  (4, 'person', '张丽娟', '150626197809231518', '18647701122', '乌审旗嘎鲁图镇'),
  (5, 'person', '乌云其木格', '15062619690402028X', '13514778866', '乌审旗苏力德苏木'),
  (6, 'person', '刘志强', '150626199511301172', '17604775566', '乌审旗无定河镇');

-- cases: (number, item, applicant, status, kind, accepted days ago, limit)
CREATE TEMP TABLE demo_cases(n INTEGER, item INTEGER, applicant INTEGER, status TEXT,
                             ago INTEGER, promise INTEGER);
INSERT INTO demo_cases VALUES
  (1, 1, 1, 'in_department', 2, 3),
  (2, 2, 2, 'in_department', 9, 5),
  (3, 3, 3, 'suspended', 6, 10),
  (4, 4, 4, 'result_at_pickup', 4, 5),
  (5, 5, 5, 'collected', 12, 5),
  (6, 6, 6, 'accepted', 0, 7),
  (7, 7, 1, 'awaiting_correction', 1, NULL),
  (8, 8, 2, 'notified', 5, 3);

WITH promised AS (SELECT id, kind, row_number() OVER (ORDER BY id) AS rn
                  FROM service_items WHERE kind = 'promised')
INSERT INTO cases(id, case_number, query_password, item_id, site_id, channel, applicant_id,
                  status, kind, responder_id, created_at, accepted_at, promised_date, closed_at)
SELECT c.n,
       CASE WHEN c.status = 'awaiting_correction' THEN NULL
            ELSE (SELECT replace(code, '-', '') FROM sites WHERE level = 'banner')
                 || replace(pg_temp.yc_day(k.today, -c.ago), '-', '') || lpad(CAST(c.n AS text), 4, '0') END,
       CASE WHEN c.status = 'awaiting_correction' THEN NULL ELSE lpad(CAST(271828 * c.n % 1000000 AS text), 6, '0') END,
       i.id, (SELECT id FROM sites WHERE level = 'banner'), 'window', c.applicant,
       c.status, i.kind, (SELECT id FROM users WHERE login = 'intake'),
       pg_temp.yc_day(k.today, -c.ago) || ' 09:3' || (c.n % 10) || ':00',
       CASE WHEN c.status = 'awaiting_correction' THEN NULL
            ELSE pg_temp.yc_day(k.today, -c.ago) || ' 09:4' || (c.n % 10) || ':00' END,
       CASE WHEN c.promise IS NULL THEN NULL
            ELSE pg_temp.yc_day(k.today, -c.ago + c.promise * 7 / 5) END,
       CASE WHEN c.status = 'collected' THEN pg_temp.yc_day(k.today, -1) || ' 15:20:00' END
FROM demo_cases c
JOIN promised i ON i.rn = c.item, demo_clock k
ORDER BY c.n;

-- promises fall on working days
UPDATE cases SET promised_date = pg_temp.yc_day(promised_date,
  CASE CAST(extract(dow FROM CAST(promised_date AS date)) AS integer) WHEN 6 THEN 2 WHEN 0 THEN 1 ELSE 0 END)
WHERE promised_date IS NOT NULL;

INSERT INTO transfer_slips(case_id, number, department_id, envelope, direction, created_at)
SELECT c.id, 'LZ-' || c.case_number, i.department_id, 'promised', 'to_department', c.accepted_at
FROM cases c JOIN service_items i ON i.id = c.item_id WHERE c.status = 'accepted';

INSERT INTO suspensions(case_id, reason_kind, reason, started_on, by_user)
SELECT id, 'site_survey', '经营场所现场踏勘', pg_temp.yc_day((SELECT today FROM demo_clock), -2),
       (SELECT id FROM users WHERE login = 'review')
FROM cases WHERE status = 'suspended';

-- results decided and handed to the pickup window
INSERT INTO results(case_id, outcome, document_number, valid_from, valid_to, decided_by, decided_at)
SELECT c.id, 'approved', 'XK1506' || right(c.case_number, 8), substr(c.accepted_at, 1, 10),
       to_char(CAST(substr(c.accepted_at, 1, 10) AS date) + interval '5 years' - interval '1 day', 'YYYY-MM-DD'),
       (SELECT id FROM users WHERE login = 'review'), pg_temp.yc_day(k.today, -CAST(c.id % 3 + 1 AS integer)) || ' 10:00:00'
FROM cases c, demo_clock k WHERE c.status IN ('result_at_pickup', 'notified', 'collected')
ORDER BY c.status, c.id;

UPDATE cases SET decided_at = (SELECT decided_at FROM results r WHERE r.case_id = cases.id)
WHERE status IN ('result_at_pickup', 'notified', 'collected');

INSERT INTO transfer_slips(case_id, number, department_id, envelope, direction, created_at, handed_by,
                           received_by, handed_at, told_at)
SELECT c.id, 'JG-' || c.case_number, i.department_id, 'result', 'to_pickup', c.decided_at,
       (SELECT id FROM users WHERE login = 'review'), (SELECT id FROM users WHERE login = 'pickup'),
       substr(c.decided_at, 1, 10) || ' 15:00:00',
       CASE WHEN c.status IN ('notified', 'collected') THEN substr(c.decided_at, 1, 10) || ' 15:30:00' END
FROM cases c JOIN service_items i ON i.id = c.item_id WHERE c.status IN ('result_at_pickup', 'notified', 'collected')
ORDER BY c.status, c.id;

INSERT INTO ratings(case_id, score, comment, at)
SELECT id, 5, '办事快，态度好', closed_at FROM cases WHERE status = 'collected';

-- today's queue
INSERT INTO queue_tickets(site_id, day, category, seq, number, priority, status, issued_by, issued_at)
SELECT (SELECT id FROM sites WHERE level = 'banner'), k.today, v.category, v.seq,
       w.ticket_prefix || lpad(CAST(v.seq AS text), 3, '0'), v.priority, v.status,
       (SELECT id FROM users WHERE login = 'guide'), k.today || ' 08:' || CAST(30 + v.seq AS text) || ':00'
FROM demo_clock k,
  (SELECT 'combined' AS category, 1 AS seq, 0 AS priority, 'done' AS status UNION ALL
   SELECT 'combined', 2, 0, 'serving' UNION ALL
   SELECT 'combined', 3, 1, 'waiting' UNION ALL
   SELECT 'combined', 4, 0, 'waiting' UNION ALL
   SELECT 'combined', 5, 0, 'waiting' UNION ALL
   SELECT 'bundle', 1, 0, 'waiting' UNION ALL
   SELECT 'pickup', 1, 0, 'waiting') v
JOIN window_categories w ON w.code = v.category
ORDER BY CASE v.category WHEN 'combined' THEN 0 WHEN 'bundle' THEN 1 ELSE 2 END, v.seq;

-- the record awaiting corrections: its first review and one-time notice
INSERT INTO case_materials(case_id, material_id, paper_count, electronic_count)
SELECT c.id, m.id, CASE WHEN m.seq = 2 THEN 0 ELSE 1 END, 0
FROM cases c JOIN materials m ON m.item_id = c.item_id WHERE c.status = 'awaiting_correction'
ORDER BY m.id;

INSERT INTO verdicts(case_material_id, checkpoint_id, verdict, reason, round, by_user, at)
SELECT cm.id, k.id, CASE WHEN m.seq = 2 THEN 'missing' ELSE 'conforming' END, '', 1,
       c.responder_id, c.created_at
FROM case_materials cm JOIN cases c ON c.id = cm.case_id JOIN materials m ON m.id = cm.material_id
JOIN checkpoints k ON k.material_id = m.id AND k.effective_to IS NULL
WHERE c.status = 'awaiting_correction';

INSERT INTO notices(case_id, kind, number, body, issued_by, issued_at)
SELECT c.id, 'one_time',
       (SELECT replace(code, '-', '') FROM sites WHERE level = 'banner') || '-BZ-' || substr(c.created_at, 1, 4) || '-000001',
       '一次性告知书：' || m.name || ' 缺少', c.responder_id, c.created_at
FROM cases c JOIN materials m ON m.item_id = c.item_id AND m.seq = 2
WHERE c.status = 'awaiting_correction';

-- two online submissions waiting for pre-review
INSERT INTO online_submissions(ref, source, received_at, imported_at, site_id, item_id, kind, name,
                               id_number, phone, address)
SELECT v.ref, v.source, pg_temp.yc_day(k.today, -1) || v.at, pg_temp.yc_day(k.today, -1) || ' 23:00:00',
       (SELECT id FROM sites WHERE level = 'banner'), i.id, 'person', v.name, v.id_number, v.phone, v.address
FROM demo_clock k,
  (SELECT 'NMG-DEMO-0001' AS ref, 'web' AS source, ' 20:14:00' AS at, 1 AS rn, '刘志强' AS name,
          '150626199511301172' AS id_number, '17604775566' AS phone, '乌审旗无定河镇' AS address UNION ALL
   SELECT 'NMG-DEMO-0002', 'app', ' 21:40:00', 2, '张丽娟', '150626197809231518', '18647701122', '乌审旗嘎鲁图镇') v
JOIN (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM service_items
      WHERE window_category = 'combined' AND online = 1) i ON i.rn = v.rn;

INSERT INTO online_materials(submission_id, material_id, files)
SELECT o.id, m.id, 1 FROM online_submissions o JOIN materials m ON m.item_id = o.item_id
ORDER BY o.id, m.id;

DROP TABLE demo_cases;
