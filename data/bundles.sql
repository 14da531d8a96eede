-- The bundles (一件事一次办) of the shipped catalogue: which items each
-- bundle item brings together. Loaded when a database is made (after the
-- catalogue) and when one is upgraded to schema version 6; by item code and
-- OR IGNORE, so loading it again changes nothing and a catalogue without
-- these items simply has no such bundle.

INSERT OR IGNORE INTO bundle_members(bundle_item_id, member_item_id, seq)
SELECT b.id, m.id, v.seq FROM
  (SELECT 'SCJG-008' AS bundle, 'SCJG-001' AS member, 1 AS seq UNION ALL
   SELECT 'SCJG-008', 'SCJG-004', 2 UNION ALL
   SELECT 'SCJG-008', 'WJW-001', 3 UNION ALL
   SELECT 'SCJG-008', 'SWJ-001', 4 UNION ALL
   SELECT 'WJW-006', 'WJW-005', 1 UNION ALL
   SELECT 'WJW-006', 'GAJ-004', 2 UNION ALL
   SELECT 'WJW-006', 'YBJ-001', 3 UNION ALL
   SELECT 'WJW-006', 'RSJ-005', 4 UNION ALL
   SELECT 'RSJ-007', 'RSJ-003', 1 UNION ALL
   SELECT 'RSJ-007', 'YBJ-002', 2) v
JOIN service_items b ON b.code = v.bundle JOIN service_items m ON m.code = v.member;

UPDATE service_items SET comprehensive_licence = 1 WHERE code = 'SCJG-008';
