-- Schema version 25: 容缺受理 and 告知承诺制 (issue 21).
-- The catalogue says which materials of an item may be missing at
-- acceptance (materials.waivable) and which items are decided on the
-- applicant's signed promise, with the conditions promised
-- (service_items.promise_conditions, '' for an ordinary item).
-- case_waivers holds each material a case was accepted without: the day
-- it must be supplied by, when the reminder SMS was queued (NULL: not
-- yet, so a reminder run twice sends it once) and when it was supplied
-- and found conforming (NULL: still owed; the result is not released).
-- case_promises holds a case accepted on a promise: the conditions as
-- promised, and the department's verification (核查) and, where the
-- promise was false, its revocation (撤销) with the reason.
ALTER TABLE materials ADD COLUMN waivable INTEGER NOT NULL DEFAULT 0;
ALTER TABLE service_items ADD COLUMN promise_conditions TEXT NOT NULL DEFAULT '';
CREATE TABLE case_waivers (
  id          INTEGER PRIMARY KEY,
  case_id     INTEGER NOT NULL REFERENCES cases(id),
  material_id INTEGER NOT NULL REFERENCES materials(id),
  due_date    TEXT NOT NULL,
  reminded_at TEXT,
  supplied_at TEXT,
  UNIQUE (case_id, material_id)
);
CREATE INDEX case_waivers_owed ON case_waivers(due_date) WHERE supplied_at IS NULL;
CREATE TABLE case_promises (
  case_id     INTEGER PRIMARY KEY REFERENCES cases(id),
  conditions  TEXT NOT NULL,
  state       TEXT NOT NULL DEFAULT 'promised' CHECK (state IN ('promised','verified','revoked')),
  checked_at  TEXT,
  checked_by  INTEGER REFERENCES users(id),
  note        TEXT NOT NULL DEFAULT ''
);

-- A hall upgraded keeps the shipped catalogue's marks as a new one gets
-- them (data/demo-catalog.sql), by item code; an item or material the
-- hall's catalogue does not have is left alone.
UPDATE materials SET waivable = 1 WHERE seq = 5 AND item_id = (SELECT id FROM service_items WHERE code = 'SCJG-004');
UPDATE materials SET waivable = 1 WHERE seq = 4 AND item_id = (SELECT id FROM service_items WHERE code = 'SCJG-003');
UPDATE materials SET waivable = 1 WHERE seq = 4 AND item_id = (SELECT id FROM service_items WHERE code = 'WJW-001');
UPDATE materials SET waivable = 1 WHERE seq = 5 AND item_id = (SELECT id FROM service_items WHERE code = 'JTYS-001');
UPDATE service_items SET promise_conditions = '1. 经营场所选址、布局、设施设备符合《公共场所卫生管理条例》及国家卫生标准和规范要求；
2. 从业人员持有效健康合格证明上岗，并经卫生知识培训；
3. 建立卫生管理制度，配备专（兼）职卫生管理人员；
4. 集中空调通风系统（如有）经卫生检测或评价合格。' WHERE code = 'WJW-001' AND promise_conditions = '';
UPDATE service_items SET promise_conditions = '1. 有与其经营业务相适应并经检测合格的车辆；
2. 有符合规定条件的驾驶人员，取得相应从业资格；
3. 有健全的安全生产管理制度；
4. 车辆技术条件、外廓尺寸、轴荷和质量符合国家标准。' WHERE code = 'JTYS-001' AND promise_conditions = '';
UPDATE service_items SET promise_conditions = '1. 生产加工场所与生活区分开，远离污染源，面积与生产能力相适应；
2. 有与生产品种相适应的生产设备设施和防尘、防蝇、防鼠设施；
3. 从业人员持有效健康证明；
4. 生产加工的食品不在本旗禁止食品小作坊生产加工的目录内。' WHERE code = 'SCJG-005' AND promise_conditions = '';
