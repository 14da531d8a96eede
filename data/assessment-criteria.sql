-- The default criteria of the monthly assessment sheet (月度绩效考核) of the
-- service contractor, version 1, in force from October 2022.
--
-- The contractor is scored each month on 100 points: below 80 不达标 (10 % of
-- the month's fee withheld), 80 to 90 基本达标 (5 %), above 90 优秀.
-- Each row of assessment_criteria is one rule of the sheet:
--   category               the part of the sheet the rule belongs to;
--   max_points             the CATEGORY's points, repeated on each of its
--                          rules: the most the category can lose, whatever
--                          its rules add up to (the categories make 100);
--   rule                   what is checked, as printed on the sheet;
--   points_per_occurrence  deducted each time (added, for a bonus);
--   cap                    the most this one rule can take (or add);
--                          NULL: only the category's points bound it;
--   evidence               where the occurrences come from:
--                          'inspection' findings of the weekly inspections,
--                          'computed'   a figure counted from the database,
--                                       named by metric,
--                          'complaint'  complaints verified and recorded,
--                          'rating'     bad ratings (metric bad_ratings),
--                          'bonus'      praise recorded: adds points;
--   metric                 the computed figure's name, NULL otherwise.
-- The bonus category holds none of the 100 points (max_points 0): it only
-- adds, within its rules' caps, and the score never goes above 100.
--
-- These rows are only where a hall starts. Supervisors edit the criteria on
-- screen: saving makes a new version effective from a month on, and months
-- already scored keep the version they were scored against. The rows are
-- inserted with OR IGNORE: a database that has them (new, or upgraded to
-- schema version 5) gets them once.

-- 服务规范（三声、四服、五心、六一样、八便民, 第七条）: 15 points
INSERT OR IGNORE INTO assessment_criteria (id, version, effective_from, category, max_points, rule, points_per_occurrence, cap, evidence, metric)
  VALUES (1, 1, '2022-10', '服务规范', 15, '未做到“三声”（来有迎声、问有答声、走有送声），群众到窗口未主动招呼', 1, 5, 'inspection', NULL);
INSERT OR IGNORE INTO assessment_criteria (id, version, effective_from, category, max_points, rule, points_per_occurrence, cap, evidence, metric)
  VALUES (2, 1, '2022-10', '服务规范', 15, '未做到“四服”，未站立迎送、未微笑服务', 1, 5, 'inspection', NULL);
INSERT OR IGNORE INTO assessment_criteria (id, version, effective_from, category, max_points, rule, points_per_occurrence, cap, evidence, metric)
  VALUES (3, 1, '2022-10', '服务规范', 15, '使用服务禁语，或言语生硬、推诿搪塞', 2, 6, 'inspection', NULL);
INSERT OR IGNORE INTO assessment_criteria (id, version, effective_from, category, max_points, rule, points_per_occurrence, cap, evidence, metric)
  VALUES (4, 1, '2022-10', '服务规范', 15, '未做到“五心”“六一样”，对群众冷漠、不耐烦、厚此薄彼或与群众争执', 3, 9, 'inspection', NULL);
-- 八便民 are duties of the windows (第七条), checked like the others: rule
-- 21, added later (the migration that renamed the bonus category adds it
-- to halls made before), takes from this category's points.
INSERT OR IGNORE INTO assessment_criteria (id, version, effective_from, category, max_points, rule, points_per_occurrence, cap, evidence, metric)
  VALUES (21, 1, '2022-10', '服务规范', 15, '未落实“八便民”（容缺受理或告知承诺、“绿色通道”、免费复印打印扫描、政务专递双向免费邮寄、代办帮办、预约或延时服务、流动导引或上门服务）', 1, 5, 'inspection', NULL);

-- 七规范: 10 points
INSERT OR IGNORE INTO assessment_criteria (id, version, effective_from, category, max_points, rule, points_per_occurrence, cap, evidence, metric)
  VALUES (5, 1, '2022-10', '七规范', 10, '着装、仪容或礼仪不规范，未佩戴工作牌', 1, 4, 'inspection', NULL);
INSERT OR IGNORE INTO assessment_criteria (id, version, effective_from, category, max_points, rule, points_per_occurrence, cap, evidence, metric)
  VALUES (6, 1, '2022-10', '七规范', 10, '未落实首问责任制，对非本窗口事项不指引、推诿群众', 2, 6, 'inspection', NULL);
INSERT OR IGNORE INTO assessment_criteria (id, version, effective_from, category, max_points, rule, points_per_occurrence, cap, evidence, metric)
  VALUES (7, 1, '2022-10', '七规范', 10, '窗口物品摆放不整齐，台面放置与工作无关的物品', 0.5, 3, 'inspection', NULL);

-- 一次性告知: 10 points
INSERT OR IGNORE INTO assessment_criteria (id, version, effective_from, category, max_points, rule, points_per_occurrence, cap, evidence, metric)
  VALUES (8, 1, '2022-10', '一次性告知', 10, '同一申请需第二次出具一次性告知书（首次告知不全）', 2, 10, 'computed', 'repeat_one_time');

-- 材料流转: 10 points
INSERT OR IGNORE INTO assessment_criteria (id, version, effective_from, category, max_points, rule, points_per_occurrence, cap, evidence, metric)
  VALUES (9, 1, '2022-10', '材料流转', 10, '纸质材料未于受理当日移交部门', 1, 6, 'computed', 'slips_late');
INSERT OR IGNORE INTO assessment_criteria (id, version, effective_from, category, max_points, rule, points_per_occurrence, cap, evidence, metric)
  VALUES (10, 1, '2022-10', '材料流转', 10, '办理结果未于办结当日移交统一出件窗口', 1, 6, 'computed', 'results_late');

-- 限时办结: 15 points
INSERT OR IGNORE INTO assessment_criteria (id, version, effective_from, category, max_points, rule, points_per_occurrence, cap, evidence, metric)
  VALUES (11, 1, '2022-10', '限时办结', 15, '办件超过承诺时限未办结', 2, NULL, 'computed', 'cases_overdue');

-- 办结告知与出件: 10 points
INSERT OR IGNORE INTO assessment_criteria (id, version, effective_from, category, max_points, rule, points_per_occurrence, cap, evidence, metric)
  VALUES (12, 1, '2022-10', '办结告知与出件', 10, '办结告知短信多次重发仍未送达（已放弃发送）', 1, 5, 'computed', 'notices_failed');
INSERT OR IGNORE INTO assessment_criteria (id, version, effective_from, category, max_points, rule, points_per_occurrence, cap, evidence, metric)
  VALUES (13, 1, '2022-10', '办结告知与出件', 10, '办理结果到出件窗口超过一天仍未通知申请人领取', 0.5, 5, 'computed', 'pickup_waiting');

-- 投诉与评价: 20 points
INSERT OR IGNORE INTO assessment_criteria (id, version, effective_from, category, max_points, rule, points_per_occurrence, cap, evidence, metric)
  VALUES (14, 1, '2022-10', '投诉与评价', 20, '群众评价为“不满意”或“非常不满意”（差评）', 1, 10, 'rating', 'bad_ratings');
INSERT OR IGNORE INTO assessment_criteria (id, version, effective_from, category, max_points, rule, points_per_occurrence, cap, evidence, metric)
  VALUES (15, 1, '2022-10', '投诉与评价', 20, '本月差评至今未回访', 1, 5, 'computed', 'followups_open');
INSERT OR IGNORE INTO assessment_criteria (id, version, effective_from, category, max_points, rule, points_per_occurrence, cap, evidence, metric)
  VALUES (16, 1, '2022-10', '投诉与评价', 20, '经核实属实的有效投诉', 5, NULL, 'complaint', NULL);

-- 劳动纪律: 10 points
INSERT OR IGNORE INTO assessment_criteria (id, version, effective_from, category, max_points, rule, points_per_occurrence, cap, evidence, metric)
  VALUES (17, 1, '2022-10', '劳动纪律', 10, '迟到、早退', 1, 5, 'inspection', NULL);
INSERT OR IGNORE INTO assessment_criteria (id, version, effective_from, category, max_points, rule, points_per_occurrence, cap, evidence, metric)
  VALUES (18, 1, '2022-10', '劳动纪律', 10, '无故缺岗、脱岗、串岗', 2, 6, 'inspection', NULL);
INSERT OR IGNORE INTO assessment_criteria (id, version, effective_from, category, max_points, rule, points_per_occurrence, cap, evidence, metric)
  VALUES (19, 1, '2022-10', '劳动纪律', 10, '工作时间玩手机、闲聊或做与工作无关的事', 1, 5, 'inspection', NULL);

-- 加分项: praise verified, a bonus, none of the 100 points (the plan's
-- 八便民 are duties, above, not this)
INSERT OR IGNORE INTO assessment_criteria (id, version, effective_from, category, max_points, rule, points_per_occurrence, cap, evidence, metric)
  VALUES (20, 1, '2022-10', '加分项', 0, '收到群众表扬信、锦旗（经核实）', 1, 3, 'bonus', NULL);
