-- The scenarios (主题式/情景式导办) of the shipped catalogue: life events as
-- citizens say them, a few yes/no questions, and which items each answer
-- brings. Loaded when a database is made (after the catalogue and its
-- bundles) and when one is upgraded to the scenario schema; by item code
-- and OR IGNORE, so loading it again changes nothing, and a shipped
-- scenario whose items a hall's catalogue lacks is left out.

WITH v(code, name, keywords, pinyin, bundle) AS (VALUES
  ('QJ-001', '我要开超市', '开超市 超市 便利店 小卖部 零售店 开店 营业执照', 'wykcs woyaokaichaoshi', 'SCJG-008'),
  ('QJ-002', '我要开饭店', '开饭店 饭店 饭馆 餐馆 餐饮 小吃店 营业执照 食品经营许可', 'wykfd woyaokaifandian', NULL),
  ('QJ-003', '新生儿出生', '出生 生孩子 新生儿 宝宝 上户口 出生登记', 'xsecs xinshengerchusheng', 'WJW-006'),
  ('QJ-004', '我要退休', '退休 办退休 养老金 领养老金 退休手续', 'wytx woyaotuixiu', 'RSJ-007'),
  ('QJ-005', '买房过户', '买房 二手房 过户 房产过户 不动产转移 房产证', 'mfgh maifangguohu', NULL),
  ('QJ-006', '我要开药店', '开药店 药店 药房 大药房 药品零售 营业执照', 'wykyd woyaokaiyaodian', NULL),
  ('QJ-007', '我要结婚', '结婚 登记结婚 领证 结婚证', 'wyjh woyaojiehun', NULL))
INSERT OR IGNORE INTO scenarios(code, name, keywords, pinyin_initials, bundle_item_id)
SELECT v.code, v.name, v.keywords, v.pinyin, (SELECT id FROM service_items WHERE code = v.bundle) FROM v;

WITH v(scenario, seq, text) AS (VALUES
  ('QJ-001', 1, '以公司（有限责任公司）名义开办吗？'),
  ('QJ-001', 2, '销售食品（含预包装食品、散装食品）吗？'),
  ('QJ-001', 3, '营业面积在300平方米以上吗？'),
  ('QJ-001', 4, '需要领用发票吗？'),
  ('QJ-002', 1, '以公司（有限责任公司）名义开办吗？'),
  ('QJ-002', 2, '设有卡拉OK等娱乐包间吗？'),
  ('QJ-002', 3, '需要领用发票吗？'),
  ('QJ-003', 1, '孕期已经办理了生育登记吗？'),
  ('QJ-003', 2, '同时为孩子申领社会保障卡吗？'),
  ('QJ-004', 1, '参加的是企业职工基本养老保险吗？'),
  ('QJ-004', 2, '在外地（旗外）参加过养老保险吗？'),
  ('QJ-004', 3, '在外地（旗外）参加过医疗保险吗？'),
  ('QJ-005', 1, '使用住房公积金贷款吗？'),
  ('QJ-005', 2, '同时办理银行抵押贷款吗？'),
  ('QJ-005', 3, '把户口迁入新房吗？'),
  ('QJ-006', 1, '以公司（有限责任公司）名义开办吗？'),
  ('QJ-006', 2, '同时销售保健食品等食品吗？'),
  ('QJ-006', 3, '需要领用发票吗？'),
  ('QJ-007', 1, '婚后把户口迁到一起吗？'))
INSERT OR IGNORE INTO scenario_questions(scenario_id, seq, text)
SELECT s.id, v.seq, v.text FROM v JOIN scenarios s ON s.code = v.scenario;

-- question 0: always; else the item comes when that question's answer is
-- when_yes (1 yes, 0 no)
WITH v(scenario, seq, item, question, when_yes) AS (VALUES
  ('QJ-001', 1, 'SCJG-001', 1, 0), ('QJ-001', 2, 'SCJG-003', 1, 1), ('QJ-001', 3, 'SCJG-004', 2, 1),
  ('QJ-001', 4, 'WJW-001', 3, 1), ('QJ-001', 5, 'SWJ-001', 4, 1),
  ('QJ-002', 1, 'SCJG-001', 1, 0), ('QJ-002', 2, 'SCJG-003', 1, 1), ('QJ-002', 3, 'SCJG-004', 0, 1),
  ('QJ-002', 4, 'WLTY-001', 2, 1), ('QJ-002', 5, 'SWJ-001', 3, 1),
  ('QJ-003', 1, 'WJW-005', 1, 0), ('QJ-003', 2, 'GAJ-004', 0, 1), ('QJ-003', 3, 'YBJ-001', 0, 1),
  ('QJ-003', 4, 'RSJ-005', 2, 1),
  ('QJ-004', 1, 'RSJ-007', 1, 1), ('QJ-004', 2, 'RSJ-002', 1, 0), ('QJ-004', 3, 'RSJ-003', 2, 1),
  ('QJ-004', 4, 'YBJ-002', 3, 1),
  ('QJ-005', 1, 'BDC-001', 0, 1), ('QJ-005', 2, 'GJJ-002', 1, 1), ('QJ-005', 3, 'BDC-003', 2, 1),
  ('QJ-005', 4, 'GAJ-003', 3, 1),
  ('QJ-006', 1, 'SCJG-001', 1, 0), ('QJ-006', 2, 'SCJG-003', 1, 1), ('QJ-006', 3, 'SCJG-006', 0, 1),
  ('QJ-006', 4, 'SCJG-004', 2, 1), ('QJ-006', 5, 'SWJ-001', 3, 1),
  ('QJ-007', 1, 'MZJ-001', 0, 1), ('QJ-007', 2, 'GAJ-003', 1, 1))
INSERT OR IGNORE INTO scenario_items(scenario_id, seq, item_id, question, when_yes)
SELECT s.id, v.seq, i.id, v.question, v.when_yes FROM v JOIN scenarios s ON s.code = v.scenario
JOIN service_items i ON i.code = v.item;

-- a shipped scenario none of whose items this catalogue has
DELETE FROM scenario_questions WHERE scenario_id IN (SELECT id FROM scenarios WHERE code LIKE 'QJ-0__'
  AND id NOT IN (SELECT scenario_id FROM scenario_items));
DELETE FROM scenarios WHERE code LIKE 'QJ-0__' AND id NOT IN (SELECT scenario_id FROM scenario_items);
