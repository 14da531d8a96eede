/* The monthly assessment sheet against a real database: the criteria in
 * force for a month, findings and computed figures, sign-off locking the
 * month, reopening with a reason, an objection changing the score, a new
 * criteria version leaving earlier months alone. */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "assess-tables.h"
#include "store-assess.h"
#include "store-backoffice.h"
#include "store-pickup.h"
#include "store-queue.h"
#include "store-setup.h"
#include "store-users.h"
#include "testdb.h"

/* Friday 27 November 2026, 10:00: the sheet is made for November on the
 * 27th, and the demo hall's cases are dated back from then (all in
 * November). */
static void setup(void)
{
	pin_clock("2026-11-27 10:00");
}

/* The assessment team's member 考核组 (login super) in a hall without demo
 * users. */
static struct yc_user add_supervisor(const char *path, struct yc_store *st)
{
	exec(path, "INSERT INTO users(login, full_name, role, password_hash) VALUES ('super', '考核组', 'supervisor', 'x')");
	return user(st, "super");
}

static int rule_index(const struct assess_rule *rules, int n, const char *metric_or_text)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(rules[i].metric, metric_or_text) == 0 || strstr(rules[i].text, metric_or_text))
			return i;
	ck_abort_msg("no rule %s", metric_or_text);
	return -1;
}

START_TEST(criteria_in_force_sum_to_100_points)
{
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct assess_rule rules[STORE_MAX_RULES];
	struct yc_err err;
	double total = 0;
	char seen[STORE_MAX_RULES][64];
	int n, version, i, j, k = 0;

	ck_assert_int_eq(store_criteria(st, "2026-11", rules, STORE_MAX_RULES, &n, &version, &err), 0);
	ck_assert_int_eq(version, 1);
	ck_assert_int_gt(n, 10);
	for (i = 0; i < n; i++) {
		for (j = 0; j < k && strcmp(seen[j], rules[i].category) != 0; j++)
			;
		if (j == k) {
			snprintf(seen[k++], sizeof seen[0], "%s", rules[i].category);
			total += rules[i].category_max;
		}
	}
	ck_assert_double_eq_tol(total, 100, 1e-9);
	ck_assert_int_eq(store_criteria(st, "2026-13", rules, STORE_MAX_RULES, &n, &version, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	store_close(st);
}
END_TEST

/* Names as the plan has them: 八便民 are duties of the windows (第七条),
 * a rule checked and deducted like the others, not a bonus for praise
 * letters; a hall made before gets the same on upgrading, and a
 * contractor can be one of its users. */
static void bianmin_is_a_duty(struct yc_store *st)
{
	struct assess_rule rules[STORE_MAX_RULES];
	struct yc_err err;
	int n, version, i, duty = 0;

	ck_assert_int_eq(store_criteria(st, "2026-11", rules, STORE_MAX_RULES, &n, &version, &err), 0);
	for (i = 0; i < n; i++) {
		ck_assert_msg(strcmp(rules[i].category, "八便民") != 0, "八便民 is a category of its own again");
		if (strstr(rules[i].text, "八便民")) {
			ck_assert_int_ne(rules[i].evidence, EVIDENCE_BONUS);
			ck_assert_str_eq(rules[i].category, "服务规范");
			duty = 1;
		}
		if (rules[i].evidence == EVIDENCE_BONUS)
			ck_assert_str_eq(rules[i].category, "加分项");
	}
	ck_assert_msg(duty, "no rule checks the 八便民 duties");
}

START_TEST(bianmin_are_duties_as_the_plan_says)
{
	ONLY_ON_SQLITE("it takes the hall back to schema 22; no database on a server is older than 27 (data/pg/schema.sql), so migration 23 has no PostgreSQL twin");
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix", 2000);
	char sql[64];

	bianmin_is_a_duty(st);
	store_close(st);
	/* the same hall as it was before the schema that made them duties
	 * (version 23), upgraded */
	undo_schema_to(path, 22);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM assessment_criteria WHERE category = '八便民'"), 1);
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", 22);
	exec(path, sql);
	st = open_db(path, "unix", 2000);
	bianmin_is_a_duty(st);
	store_close(st);
	exec(path, "INSERT INTO users(login, full_name, role, password_hash) VALUES ('contractor', '服务方', 'contractor', 'x')");
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM users WHERE role = 'contractor'"), 1);
}
END_TEST

START_TEST(figures_come_from_findings_and_from_the_cases)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user super = user(st, "super");
	struct assess_rule rules[STORE_MAX_RULES];
	int occ[STORE_MAX_RULES], n, version, late, greet;
	struct yc_err err;

	ck_assert_int_eq(store_criteria(st, "2026-11", rules, STORE_MAX_RULES, &n, &version, &err), 0);
	late = rule_index(rules, n, "slips_late");
	greet = rule_index(rules, n, "三声");
	/* a slip made on the 20th and still not handed over on the 27th */
	exec(path, "INSERT INTO transfer_slips(case_id, number, department_id, envelope, direction, created_at)"
		   " SELECT id, 'LZ-TEST', 1, 'promised', 'to_department', '2026-11-20 10:00:00' FROM cases"
		   " WHERE case_number IS NOT NULL LIMIT 1");
	ck_assert_int_eq(store_finding_add(st, &super, "2026-11-24", "WSQ", "", "intake", rules[greet].id,
					   "未起身迎接", &err), 0);
	ck_assert_int_eq(store_finding_add(st, &super, "2026-11-25", "WSQ", "", "", rules[greet].id, "无问答声", &err), 0);
	ck_assert_int_eq(store_assessment_figures(st, "2026-11", "all", "2026-11-27", rules, n, occ, &err), 0);
	ck_assert_int_ge(occ[late], 1);
	ck_assert_int_eq(occ[greet], 2);
	/* another site's scope does not see them */
	ck_assert_int_eq(store_assessment_figures(st, "2026-11", "WSQ-GLN", "2026-11-27", rules, n, occ, &err), 0);
	ck_assert_int_eq(occ[greet], 0);
	ck_assert_int_eq(occ[late], 0);
	/* the whole hall's figure (counted without the cases join) is the
	 * sum of the sites' (counted with it), figure by figure */
	{
		int all[STORE_MAX_RULES], site[STORE_MAX_RULES], sum[STORE_MAX_RULES] = { 0 }, i;
		struct raw_db db;
		db_stmt *q;

		ck_assert_int_eq(store_assessment_figures(st, "2026-11", "all", "2026-11-27", rules, n, all, &err), 0);
		db = raw_open(path);
		q = raw_prepare(&db, "SELECT code FROM sites");
		while (db_step(q) == DB_ROW) {
			ck_assert_int_eq(store_assessment_figures(st, "2026-11", db_col_text(q, 0), "2026-11-27", rules, n,
								  site, &err), 0);
			for (i = 0; i < n; i++)
				sum[i] += site[i];
		}
		db_finalize(q);
		raw_close(&db);
		for (i = 0; i < n; i++)
			if (rules[i].metric[0])
				ck_assert_msg(all[i] == sum[i], "%s: hall %d, sites %d", rules[i].metric, all[i], sum[i]);
	}
	/* the whole hall's sheet carries each site's figures, and they add
	 * up to its own, rule by rule, findings too; a site's sheet has none */
	{
		static struct yc_assessment_sheet hall, town;
		int i, j, sum;

		ck_assert_int_eq(store_assessment_sheet(st, "2026-11", "all", "2026-11-27", &hall, &err), 0);
		ck_assert_int_eq(hall.n_sites, 3);
		ck_assert_str_eq(hall.sites[0].code, "WSQ");
		ck_assert_int_eq(hall.sites[0].occurrences[greet], 2);
		for (i = 0; i < hall.n; i++) {
			for (sum = 0, j = 0; j < hall.n_sites; j++)
				sum += hall.sites[j].occurrences[i];
			ck_assert_msg(sum == hall.occurrences[i], "%s: hall %d, sites %d", hall.rules[i].text,
				      hall.occurrences[i], sum);
		}
		ck_assert_int_eq(store_assessment_sheet(st, "2026-11", "WSQ-GLN", "2026-11-27", &town, &err), 0);
		ck_assert_int_eq(town.n_sites, 0);
	}
	/* December has none of it */
	ck_assert_int_eq(store_assessment_figures(st, "2026-12", "all", "2026-12-31", rules, n, occ, &err), 0);
	ck_assert_int_eq(occ[greet], 0);
	store_close(st);
}
END_TEST

/* "Results a day or more at the window with nobody told": the result's
 * slip learns when the applicant was told from the completion SMS the
 * pickup window queues, or from the pickup itself. */
/* A case extended after its promise had passed was late: the extension
 * moves its date, not its lateness out of the month's figures. */
START_TEST(an_extension_after_the_promise_keeps_the_lateness)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user review = user(st, "review");
	struct assess_rule rules[STORE_MAX_RULES];
	int occ[STORE_MAX_RULES], n, version, overdue, before;
	struct yc_calendar cal;
	struct yc_err err;
	char new_date[11];
	int64_t id = query_long(path, "SELECT id FROM cases WHERE status = 'in_department'"
				      " AND promised_date < '2026-11-27' AND promised_date >= '2026-11-01'"
				      " AND item_id IN (SELECT id FROM service_items WHERE department_id ="
				      "  (SELECT department_id FROM users WHERE login = 'review'))"
				      " ORDER BY id LIMIT 1");

	ck_assert_int_gt(id, 0);
	cal_init(&cal);
	ck_assert_int_eq(store_calendar_load(st, &cal, &err), 0);
	ck_assert_int_eq(store_criteria(st, "2026-11", rules, STORE_MAX_RULES, &n, &version, &err), 0);
	overdue = rule_index(rules, n, "cases_overdue");
	ck_assert_int_eq(store_assessment_figures(st, "2026-11", "all", "2026-11-27", rules, n, occ, &err), 0);
	before = occ[overdue];
	ck_assert_int_ge(before, 1);
	ck_assert_msg(store_case_extend(st, &review, id, 10, "需现场核查", 1, "2026-11-27", new_date, &err) == 0,
		      "%s", err.msg);
	ck_assert_str_ge(new_date, "2026-12-01");   /* its promise is now in December */
	ck_assert_int_eq(store_assessment_figures(st, "2026-11", "all", "2026-11-27", rules, n, occ, &err), 0);
	ck_assert_int_eq(occ[overdue], before);
	ck_assert_int_eq(store_assessment_figures(st, "2026-11", "WSQ", "2026-11-27", rules, n, occ, &err), 0);
	ck_assert_int_ge(occ[overdue], 1);
	cal_free(&cal);
	store_close(st);
}
END_TEST

START_TEST(results_left_at_the_window_untold_are_counted)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user clerk = user(st, "pickup");
	struct assess_rule rules[STORE_MAX_RULES];
	int occ[STORE_MAX_RULES], n, version, waiting, before;
	struct yc_err err;
	long on_time, late, never;

	ck_assert_int_eq(store_criteria(st, "2026-11", rules, STORE_MAX_RULES, &n, &version, &err), 0);
	waiting = rule_index(rules, n, "pickup_waiting");
	ck_assert_int_eq(store_assessment_figures(st, "2026-11", "all", "2026-11-27", rules, n, occ, &err), 0);
	before = occ[waiting];   /* the demo hall's own */
	/* three results at the window, handed over on the 20th */
	exec(path, "UPDATE cases SET status = 'result_at_pickup', decided_at = '2026-11-20 10:00:00'"
		   " WHERE id IN (SELECT id FROM cases WHERE status IN ('in_department', 'suspended', 'accepted')"
		   " ORDER BY id LIMIT 3);"
		   "INSERT INTO transfer_slips(case_id, number, department_id, envelope, direction, created_at, handed_at)"
		   " SELECT id, 'JG-T' || id, 1, 'result', 'to_pickup', decided_at, '2026-11-20 15:00:00'"
		   " FROM cases WHERE decided_at = '2026-11-20 10:00:00'");
	on_time = query_long(path, "SELECT min(id) FROM cases WHERE decided_at = '2026-11-20 10:00:00'");
	late = query_long(path, "SELECT min(id) FROM cases WHERE decided_at = '2026-11-20 10:00:00'"
				" AND id > (SELECT min(id) FROM cases WHERE decided_at = '2026-11-20 10:00:00')");
	never = query_long(path, "SELECT max(id) FROM cases WHERE decided_at = '2026-11-20 10:00:00'");
	ck_assert(on_time > 0 && late > on_time && never > late);
	setenv("YICHUANG_TODAY", "2026-11-21 09:00", 1);   /* the next morning: in time */
	ck_assert_msg(store_pickup_notify(st, &clerk, on_time, "请领取", &err) == 0, "%s", err.msg);
	setenv("YICHUANG_TODAY", "2026-11-25 09:00", 1);   /* days later: too late */
	ck_assert_msg(store_pickup_notify(st, &clerk, late, "请领取", &err) == 0, "%s", err.msg);
	pin_clock("2026-11-27 10:00");   /* back to the day of the sheet */
	ck_assert_int_eq(store_assessment_figures(st, "2026-11", "all", "2026-11-27", rules, n, occ, &err), 0);
	ck_assert_int_eq(occ[waiting], before + 2);   /* late, and never told */
	/* a reminder later changes nothing; told once is told */
	ck_assert_msg(store_pickup_notify(st, &clerk, on_time, "请尽快领取", &err) == 0, "%s", err.msg);
	ck_assert_int_eq(store_assessment_figures(st, "2026-11", "all", "2026-11-27", rules, n, occ, &err), 0);
	ck_assert_int_eq(occ[waiting], before + 2);
	/* never told: nothing on its slip */
	{
		char sql[200];

		snprintf(sql, sizeof sql, "SELECT told_at IS NULL FROM transfer_slips WHERE case_id = %ld"
			 " AND direction = 'to_pickup'", never);
		ck_assert_int_eq(query_long(path, sql), 1);
	}
	store_close(st);
}
END_TEST

/* The month's sheet as the core computes it (a fee of 100,000 yuan). */
static struct yc_assessment_sheet *sheet_of(struct yc_store *st, const char *month)
{
	static struct yc_assessment_sheet sh;
	struct yc_err err;

	ck_assert_msg(store_assessment_sheet(st, month, "all", "2026-11-27", &sh, &err) == 0, "%s", err.msg);
	return &sh;
}

START_TEST(sign_off_locks_the_month_and_reopening_needs_a_reason)
{
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user admin = user(st, "admin"), super;
	static struct yc_assessment_sheet shown, altered;   /* large: not on the stack */
	struct yc_assessment_sheet *sh;
	struct yc_month_state m;
	struct yc_err err;
	double score;
	long rule;

	super = add_supervisor(path, st);
	sh = sheet_of(st, "2026-10");
	shown = *sh;
	score = shown.result.score;
	rule = shown.rules[0].id;
	ck_assert_int_eq(store_assessment_sign(st, &admin, "2026-10", "all", "2026-11-27", &shown, &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	/* only the sheet the core computes can be signed: not another score,
	 * nor the same score with another fee withheld from */
	altered = shown;
	altered.result.score = score - 20;
	ck_assert_int_eq(store_assessment_sign(st, &super, "2026-10", "all", "2026-11-27", &altered, &err), -1);
	ck_assert_int_eq(err.code, YC_ECONFLICT);
	altered = shown;
	altered.result.withheld_fen += 100;
	ck_assert_int_eq(store_assessment_sign(st, &super, "2026-10", "all", "2026-11-27", &altered, &err), -1);
	ck_assert_int_eq(err.code, YC_ECONFLICT);
	ck_assert_int_eq(store_assessment_month(st, "2026-10", "all", &m, &err), 0);
	ck_assert(!m.signed_off);
	ck_assert_int_eq(store_assessment_sign(st, &super, "2026-10", "all", "2026-11-27", &shown, &err), 0);
	ck_assert_int_eq(store_assessment_month(st, "2026-10", "all", &m, &err), 0);
	ck_assert(m.signed_off);
	ck_assert_double_eq_tol(m.score, score, 1e-9);
	ck_assert_ptr_nonnull(strstr(m.lines, "\"rule\""));
	/* locked: no second sign-off, no new finding */
	ck_assert_int_eq(store_assessment_sign(st, &super, "2026-10", "all", "2026-11-27", &shown, &err), -1);
	ck_assert_int_eq(err.code, YC_ECONFLICT);
	ck_assert_int_eq(store_finding_add(st, &super, "2026-10-15", "WSQ", "", "", rule, "x", &err), -1);
	ck_assert_int_eq(err.code, YC_ECONFLICT);
	ck_assert_int_eq(store_assessment_reopen(st, &super, "2026-10", "all", "", &err), -1);
	ck_assert_int_eq(store_assessment_reopen(st, &super, "2026-10", "all", "补录10月15日检查记录", &err), 0);
	ck_assert_int_eq(store_finding_add(st, &super, "2026-10-15", "WSQ", "", "", rule, "x", &err), 0);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM events WHERE entity = 'assessment' AND action = 'reopen'"
				    " AND new_value = '补录10月15日检查记录'"), 1);
	store_close(st);
}
END_TEST

START_TEST(an_answered_objection_changes_the_score_and_band)
{
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user super;
	/* inspection findings costing 20.5 points: rules 4 (3 each), 3 and 6
	 * (2 each), 5 (1) and 7 (0.5) of the demo criteria */
	static const struct { long rule; int times; } findings[] = { { 4, 3 }, { 3, 3 }, { 6, 2 }, { 5, 1 }, { 7, 1 } };
	const struct yc_assessment_sheet *sh;
	struct yc_objection o[4];
	struct yc_month_state m;
	struct yc_err err;
	size_t f;
	int k, i;

	super = add_supervisor(path, st);
	for (f = 0; f < sizeof findings / sizeof findings[0]; f++)
		for (i = 0; i < findings[f].times; i++)
			ck_assert_int_eq(store_finding_add(st, &super, "2026-09-15", "WSQ", "", "", findings[f].rule, "检查发现",
							   &err), 0);
	ck_assert_double_eq_tol(sheet_of(st, "2026-09")->result.score, 79.5, 1e-9);
	ck_assert_int_eq(store_assessment_sign(st, &super, "2026-09", "all", "2026-11-27", sheet_of(st, "2026-09"), &err), 0);
	ck_assert_int_eq(store_objection_add(st, &super, "2026-09", "all", "9月12日迟到系交通管制所致", "", &err), 0);
	ck_assert_int_eq(store_objections_page(st, "2026-09", "all", NULL, 1, o, 4, &k, &err), 0);
	ck_assert_int_eq(k, 1);
	ck_assert_int_eq(store_objection_answer(st, &super, o[0].id, 1, "", 81, &err), -1);
	ck_assert_int_eq(store_objection_answer(st, &super, o[0].id, 1, "经核实属实，恢复1分", 80.5, &err), 0);
	ck_assert_int_eq(store_objection_answer(st, &super, o[0].id, 1, "再次", 90, &err), -1);
	ck_assert_int_eq(err.code, YC_ECONFLICT);
	ck_assert_int_eq(store_assessment_month(st, "2026-09", "all", &m, &err), 0);
	ck_assert_double_eq_tol(m.score, 80.5, 1e-9);
	ck_assert_str_eq(m.band, "basic");
	ck_assert_int_eq(query_long(path, "SELECT withheld_fen FROM assessment_months WHERE month = '2026-09'"), 500000);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM events WHERE action = 'rescore'"
				    " AND old_value LIKE '%79.50' AND new_value LIKE '80.50 经核实属实%'"), 1);
	ck_assert_int_eq(store_objections_page(st, "2026-09", "all", NULL, 1, o, 4, &k, &err), 0);
	ck_assert_double_eq_tol(o[0].old_score, 79.5, 1e-9);
	ck_assert_double_eq_tol(o[0].new_score, 80.5, 1e-9);
	/* the sheet still adds up: the findings' 20.50, the correction +1.00 */
	sh = sheet_of(st, "2026-09");
	ck_assert_double_eq_tol(sh->result.deducted, 20.5, 1e-9);
	ck_assert_double_eq_tol(sh->result.adjusted, 1, 1e-9);
	ck_assert_double_eq_tol(sh->result.score, 80.5, 1e-9);
	ck_assert_double_eq_tol(100 - sh->result.deducted + sh->result.bonus + sh->result.adjusted, sh->result.score, 1e-9);
	/* a finding slipped in behind the lock does not move the signed lines */
	exec(path, "INSERT INTO inspections(day, inspector_id, site_id, criterion_id) SELECT '2026-09-20',"
		   " (SELECT id FROM users WHERE login = 'super'), min(id), 17 FROM sites");
	sh = sheet_of(st, "2026-09");
	ck_assert_double_eq_tol(sh->result.deducted, 20.5, 1e-9);
	ck_assert_double_eq_tol(sh->result.score, 80.5, 1e-9);
	store_close(st);
}
END_TEST

START_TEST(an_unknown_scope_is_refused)
{
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix", 2000);
	static struct yc_assessment_sheet sh;
	struct yc_user super;
	struct yc_err err;

	super = add_supervisor(path, st);
	ck_assert_int_eq(store_assessment_sheet(st, "2026-11", "NOPE", "2026-11-27", &sh, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "NOPE"));
	ck_assert_int_eq(store_assessment_scope(st, "NOPE", &err), -1);
	ck_assert_int_eq(store_assessment_scope(st, "all", &err), 0);
	ck_assert_int_eq(store_assessment_scope(st, "WSQ", &err), 0);
	ck_assert_int_eq(store_assessment_sign(st, &super, "2026-11", "NOPE", "2026-11-27", &sh, &err), -1);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM assessment_months"), 0);
	ck_assert_int_eq(store_assessment_sheet(st, "2026-11", "WSQ", "2026-11-27", &sh, &err), 0);
	store_close(st);
}
END_TEST

START_TEST(conditions_for_ending_the_contract_show_on_the_sheet_and_the_year)
{
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_contract_alert rows[8];
	struct yc_user super;
	struct yc_err err;
	int n;

	super = add_supervisor(path, st);
	ck_assert_int_eq(store_contract_alert_add(st, &super, "2026-11", "bribes", "收受回扣", &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_int_eq(store_contract_alert_add(st, &super, "2026-11", "law", " ", &err), -1);
	ck_assert_int_eq(store_contract_alert_add(st, &super, "2026-11", "law", "窗口人员违规收费", &err), 0);
	ck_assert_int_eq(store_contract_alert_add(st, &super, "2026-03", "exposure", "被媒体曝光，未整改", &err), 0);
	ck_assert_int_eq(store_contract_alert_add(st, &super, "2025-12", "other", "上一年的", &err), 0);
	ck_assert_int_eq(sheet_of(st, "2026-11")->n_conditions, 1);
	ck_assert_str_eq(sheet_of(st, "2026-11")->conditions[0].kind, "law");
	ck_assert_str_eq(sheet_of(st, "2026-11")->conditions[0].recorded_by, "考核组");
	ck_assert_int_eq(sheet_of(st, "2026-10")->n_conditions, 0);
	ck_assert_int_eq(store_contract_alerts(st, "2026", rows, 8, &n, &err), 0);
	ck_assert_int_eq(n, 2);
	ck_assert_str_eq(rows[0].month, "2026-03");
	ck_assert_str_eq(rows[1].note, "窗口人员违规收费");
	store_close(st);
}
END_TEST

/* The contractor sees the signed sheet, lodges its objections with the
 * papers by the deadline (5 working days after the signature: signed Fri
 * 27 November, the last day is Fri 4 December); the team accepts (the
 * sheet is recomputed) or rejects (the score stands) with its reason. */
START_TEST(the_contractor_objects_and_the_team_answers)
{
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix", 2000);
	static struct yc_assessment_sheet sh;
	struct yc_user super, contractor;
	struct yc_objection o[4];
	struct yc_month_state m;
	struct yc_err err;
	int k;

	exec(path, "INSERT INTO users(login, full_name, role, password_hash) VALUES ('super', '考核组', 'supervisor', 'x'),"
		   " ('contractor', '服务方 李娜', 'contractor', 'x')");
	super = user(st, "super");
	contractor = user(st, "contractor");
	/* not signed: nothing to see, nothing to object to */
	ck_assert_int_eq(store_assessment_sheet(st, "2026-10", "all", "2026-11-27", &sh, &err), 0);
	ck_assert_int_eq(store_assessment_may_see(&contractor, &sh, "2026-10", &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	ck_assert_int_eq(store_assessment_may_see(&super, &sh, "2026-10", &err), 0);
	ck_assert_int_eq(store_objection_add(st, &contractor, "2026-10", "all", "扣分有误", "", &err), -1);
	ck_assert_int_eq(err.code, YC_ECONFLICT);
	ck_assert_int_eq(store_finding_add(st, &super, "2026-10-15", "WSQ", "", "", 17, "迟到", &err), 0);
	ck_assert_int_eq(store_finding_add(st, &super, "2026-10-16", "WSQ", "", "", 17, "迟到", &err), 0);
	ck_assert_int_eq(store_finding_add(st, &contractor, "2026-10-16", "WSQ", "", "", 17, "迟到", &err), -1);
	ck_assert_int_eq(store_assessment_sign(st, &super, "2026-10", "all", "2026-11-27", sheet_of(st, "2026-10"), &err), 0);
	ck_assert_int_eq(store_assessment_sheet(st, "2026-10", "all", "2026-11-27", &sh, &err), 0);
	ck_assert_int_eq(store_assessment_may_see(&contractor, &sh, "2026-10", &err), 0);
	ck_assert_str_eq(sh.objection_deadline, "2026-12-04");
	/* the contractor may object, not sign, record findings or answer */
	ck_assert_int_eq(store_objection_add(st, &contractor, "2026-10", "all", " ", "", &err), -1);
	ck_assert_int_eq(store_objection_add(st, &contractor, "2026-10", "NOPE", "扣分有误", "", &err), -1);
	ck_assert_int_eq(store_objection_add(st, &contractor, "2026-10", "all", "超期办件系申请人补正所致，不应扣分",
					     "附件1 补正告知书 WSQ-2026-0101", &err), 0);
	ck_assert_int_eq(store_objection_add(st, &contractor, "2026-10", "all", "回访已完成", "回访记录", &err), 0);
	ck_assert_int_eq(store_objections_page(st, "2026-10", "all", NULL, 1, o, 4, &k, &err), 0);
	ck_assert_int_eq(k, 2);
	ck_assert_str_eq(o[0].raised_by, "服务方 李娜");
	ck_assert_str_eq(o[0].attachments, "附件1 补正告知书 WSQ-2026-0101");
	ck_assert_str_eq(o[0].decision, "");
	ck_assert_int_eq(store_objection_answer(st, &contractor, o[0].id, 1, "自己同意", 100, &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	ck_assert_int_eq(store_assessment_reopen(st, &contractor, "2026-10", "all", "想重开", &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	/* rejected: a reason, no new score */
	ck_assert_int_eq(store_objection_answer(st, &super, o[1].id, 0, "未见回访记录", 99, &err), -1);
	ck_assert_int_eq(store_objection_answer(st, &super, o[1].id, 0, "未见回访记录", -1, &err), 0);
	/* accepted: a new score, and the sheet recomputed and adding up */
	ck_assert_int_eq(store_objection_answer(st, &super, o[0].id, 1, "经核实属实", -1, &err), -1);
	ck_assert_int_eq(store_objection_answer(st, &super, o[0].id, 1, "经核实属实", sh.result.score + 1, &err), 0);
	ck_assert_int_eq(store_objections_page(st, "2026-10", "all", NULL, 1, o, 4, &k, &err), 0);
	ck_assert_str_eq(o[0].decision, "accepted");
	ck_assert_str_eq(o[1].decision, "rejected");
	ck_assert_double_eq_tol(o[1].new_score, o[1].old_score, 1e-9);
	ck_assert_int_eq(store_assessment_month(st, "2026-10", "all", &m, &err), 0);
	ck_assert_double_eq_tol(m.score, o[0].old_score + 1, 1e-9);
	ck_assert_int_eq(store_assessment_sheet(st, "2026-10", "all", "2026-11-27", &sh, &err), 0);
	ck_assert_double_eq_tol(sh.result.adjusted, 1, 1e-9);
	ck_assert_double_eq_tol(100 - sh.result.deducted + sh.result.bonus + sh.result.adjusted, sh.result.score, 1e-9);
	/* after the deadline: refused, saying it; a longer deadline is the hall's to set */
	pin_clock("2026-12-07 09:00");
	ck_assert_int_eq(store_objection_add(st, &contractor, "2026-10", "all", "补充异议", "", &err), -1);
	ck_assert_int_eq(err.code, YC_ECONFLICT);
	ck_assert_ptr_nonnull(strstr(err.msg, "2026-12-04"));
	set_policy(st, "assessment.objection_days", "10");
	ck_assert_int_eq(store_objection_add(st, &contractor, "2026-10", "all", "补充异议", "", &err), 0);
	store_close(st);
}
END_TEST

/* The money is withheld once a month, on the whole hall's sheet, from the
 * contract's fee: a site's sheet, failing as it may, withholds nothing,
 * and a signed month keeps the fee it was signed with. */
START_TEST(the_money_is_withheld_once_per_contract_and_month)
{
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix", 2000);
	static const struct { long rule; int times; } findings[] = { { 4, 3 }, { 3, 3 }, { 6, 2 }, { 5, 1 }, { 7, 1 } };
	struct yc_contract contract = { 0, "鄂尔多斯某物业服务有限公司", 120000000, "2026-01-01", "2026-12-31" };
	static struct yc_assessment_sheet site;
	const struct yc_assessment_sheet *all;
	struct yc_user super;
	struct yc_err err;
	size_t f;
	int i;

	super = add_supervisor(path, st);
	ck_assert_msg(store_contract_set(st, 0, &contract, &err) == 0, "%s", err.msg);
	for (f = 0; f < sizeof findings / sizeof findings[0]; f++)
		for (i = 0; i < findings[f].times; i++)
			ck_assert_int_eq(store_finding_add(st, &super, "2026-09-15", "WSQ", "", "", findings[f].rule, "检查发现",
							   &err), 0);
	/* the site fails, and withholds nothing of its own */
	ck_assert_int_eq(store_assessment_sheet(st, "2026-09", "WSQ", "2026-11-27", &site, &err), 0);
	ck_assert_int_eq(site.result.band, BAND_FAIL);
	ck_assert_int_eq(site.withholds, 0);
	ck_assert_int_eq(site.result.fee_fen, 0);
	ck_assert_int_eq(site.result.withheld_fen, 0);
	ck_assert_int_eq(store_assessment_sign(st, &super, "2026-09", "WSQ", "2026-11-27", &site, &err), 0);
	ck_assert_int_eq(query_long(path, "SELECT withheld_fen + fee_fen FROM assessment_months WHERE scope = 'WSQ'"), 0);
	/* the hall's sheet takes in the site's findings and withholds 10 % of
	 * a twelfth of the contract's 1,200,000 yuan */
	all = sheet_of(st, "2026-09");
	ck_assert_int_eq(all->withholds, 1);
	ck_assert_double_eq_tol(all->result.deducted, site.result.deducted, 1e-9);
	ck_assert_int_eq(all->result.fee_fen, 10000000);
	ck_assert_int_eq(all->result.withheld_fen, 1000000);
	ck_assert_int_eq(store_assessment_sign(st, &super, "2026-09", "all", "2026-11-27", all, &err), 0);
	ck_assert_int_eq(query_long(path, "SELECT sum(withheld_fen) FROM assessment_months WHERE month = '2026-09'"), 1000000);
	/* a contract changed afterwards leaves the signed month's money alone */
	contract.fee_fen_per_year = 240000000;
	ck_assert_msg(store_contract_set(st, 0, &contract, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(sheet_of(st, "2026-09")->result.fee_fen, 10000000);
	ck_assert_int_eq(sheet_of(st, "2026-10")->result.fee_fen, 20000000);
	store_close(st);
}
END_TEST

/* Weekly inspections are records of their own; November's sheet lists its
 * five weeks (Mondays 2 to 30), the first inspected at WSQ with the
 * finding of its Tuesday, the others flagged by having none. */
START_TEST(weekly_inspections_are_listed_on_the_month_s_sheet)
{
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix", 2000);
	const struct yc_assessment_sheet *sh;
	struct yc_user super;
	struct yc_err err;

	super = add_supervisor(path, st);
	ck_assert_int_eq(store_weekly_add(st, &super, "2026-11-04", "all", "三声四服", "", &err), -1);
	ck_assert_int_eq(store_weekly_add(st, &super, "2026-11-04", "NOPE", "三声四服", "", &err), -1);
	ck_assert_int_eq(store_weekly_add(st, &super, "2026-11-04", "WSQ", " ", "", &err), -1);
	ck_assert_int_eq(store_weekly_add(st, &super, "11月4日", "WSQ", "三声四服", "", &err), -1);
	ck_assert_int_eq(store_weekly_add(st, &super, "2026-11-04", "WSQ", "三声四服、着装、劳动纪律", "1号窗未起身迎接",
					  &err), 0);
	ck_assert_int_eq(store_weekly_add(st, &super, "2026-11-06", "WSQ", "复查", "", &err), -1);
	ck_assert_int_eq(err.code, YC_ECONFLICT);
	ck_assert_int_eq(store_finding_add(st, &super, "2026-11-03", "WSQ", "", "", 1, "1号窗未起身迎接", &err), 0);
	sh = sheet_of(st, "2026-11");
	ck_assert_int_eq(sh->n_weeks, 5);
	ck_assert_str_eq(sh->weeks[0].monday, "2026-11-02");
	ck_assert_int_eq(sh->weeks[0].inspections, 1);
	ck_assert_str_eq(sh->weeks[0].inspector, "考核组");
	ck_assert_ptr_nonnull(strstr(sh->weeks[0].checked, "三声四服"));
	ck_assert_int_eq(sh->weeks[0].findings, 1);
	ck_assert_int_eq(sh->weeks[1].inspections, 0);
	ck_assert_int_eq(sh->weeks[4].inspections, 0);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM weekly_inspections WHERE week = '2026-11-02'"), 1);
	store_close(st);
}
END_TEST

/* Quarterly feedback exports like the month's sheet: the quarter's months
 * side by side with the average of those signed, then each signed month's
 * sheet with its totals; CSV gets the summary. */
START_TEST(quarterly_feedback_exports_like_the_month_sheet)
{
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix", 2000);
	static struct assess_quarter q;
	static const char months[3][24] = { "2026-10", "2026-11", "2026-12" };
	struct yc_user super;
	struct yc_err err;
	char csv[300], text[4096] = "";
	FILE *f;
	size_t got;
	int i;

	super = add_supervisor(path, st);
	ck_assert_int_eq(store_finding_add(st, &super, "2026-10-15", "WSQ", "", "", 17, "迟到", &err), 0);
	ck_assert_int_eq(store_assessment_sign(st, &super, "2026-10", "all", "2026-11-27", sheet_of(st, "2026-10"), &err), 0);
	for (i = 0; i < 3; i++)
		ck_assert_int_eq(store_assessment_sheet(st, months[i], "all", "2026-11-27", &q.sheets[i], &err), 0);
	assess_quarter_tables(&q, months, 2026, 4, "all");
	ck_assert_int_eq(q.tables[0].n_rows, 4);
	ck_assert_str_eq(q.tables[0].cells[0], "2026-10");
	ck_assert_str_eq(q.tables[0].cells[1], "99.00");
	ck_assert_str_eq(q.tables[0].cells[QUARTER_COLS + 2], "not assessed");
	ck_assert_str_eq(q.tables[0].cells[3 * QUARTER_COLS + 1], "99.00");   /* the quarter: October alone */
	ck_assert_str_eq(q.tables[0].title, "Quarterly feedback 2026 Q4 all");
	/* October's sheet as the month's export: its rules, then its totals */
	/* ... then its weeks and the conditions recorded, as the sheet shows them */
	ck_assert_int_gt(q.sheets[0].n_weeks, 0);
	ck_assert_int_eq(q.tables[1].n_rows, q.sheets[0].n + 7 + q.sheets[0].n_weeks + q.sheets[0].n_conditions);
	ck_assert_str_eq(q.tables[1].cells[(q.sheets[0].n + 7) * EXPORT_COLS], "Weekly inspection");
	ck_assert_str_eq(q.tables[1].cells[(q.sheets[0].n + 7) * EXPORT_COLS + 2], q.sheets[0].weeks[0].monday);
	ck_assert_str_eq(q.tables[1].cells[(q.sheets[0].n + 2) * EXPORT_COLS], "Score");
	ck_assert_str_eq(q.tables[1].cells[(q.sheets[0].n + 2) * EXPORT_COLS + EXPORT_COLS - 1], "99.00");
	ck_assert_int_eq(q.tables[2].n_rows, 0);   /* November is not signed: no feedback yet */
	file_beside_db(path, ".q4.csv", csv, sizeof csv);
	ck_assert_msg(export_csv(csv, &q.tables[0], &err) == 0, "%s", err.msg);
	ck_assert_ptr_nonnull(f = fopen(csv, "r"));
	got = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[got] = '\0';
	ck_assert_ptr_nonnull(strstr(text, "2026-10,99.00,"));
	ck_assert_ptr_nonnull(strstr(text, "Quarter (average of the months assessed),99.00"));
	store_close(st);
}
END_TEST

START_TEST(a_new_criteria_version_leaves_earlier_months_alone)
{
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user super;
	struct assess_rule rules[STORE_MAX_RULES], later[STORE_MAX_RULES], before[STORE_MAX_RULES];
	struct yc_err err;
	int n, version, m, v2, v1;

	super = add_supervisor(path, st);
	ck_assert_int_eq(store_criteria(st, "2026-11", rules, STORE_MAX_RULES, &n, &version, &err), 0);
	rules[0].per_occurrence = 4.5;
	ck_assert_int_eq(store_criteria_save(st, &super, "2026-12", rules, n, &v2, &err), 0);
	ck_assert_int_eq(v2, 2);
	ck_assert_int_eq(store_criteria(st, "2026-12", later, STORE_MAX_RULES, &m, &v2, &err), 0);
	ck_assert_int_eq(m, n);
	ck_assert_int_eq(v2, 2);
	ck_assert_double_eq_tol(later[0].per_occurrence, 4.5, 1e-9);
	ck_assert_int_eq(store_criteria(st, "2026-11", before, STORE_MAX_RULES, &m, &v1, &err), 0);
	ck_assert_int_eq(v1, 1);
	ck_assert_double_ne_tol(before[0].per_occurrence, 4.5, 1e-9);
	store_close(st);
}
END_TEST

START_TEST(a_year_of_scores_for_the_chart_and_the_alert)
{
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix", 2000);
	double scores[12];
	int assessed[12], months;
	struct yc_err err;

	exec(path, "INSERT INTO assessment_months(month, scope, score, signed_off_by, signed_off_at) VALUES"
		   " ('2026-03', 'all', 78, 1, '2026-04-02'), ('2026-04', 'all', 79.5, 1, '2026-05-02'),"
		   " ('2026-05', 'all', 95, 1, '2026-06-02'), ('2026-06', 'all', 60, NULL, NULL)");
	ck_assert_int_eq(store_assessment_year(st, 2026, "all", scores, assessed, &err), 0);
	ck_assert_int_eq(assessed[2] + assessed[3] + assessed[4], 3);
	ck_assert_int_eq(assessed[5], 0);   /* reopened months are not counted */
	ck_assert_int_eq(assess_two_failing_months(scores, assessed, 12), 3);
	ck_assert_double_eq_tol(assess_annual(scores, assessed, 12, &months), (78 + 79.5 + 95) / 3.0, 1e-9);
	ck_assert_int_eq(months, 3);
	store_close(st);
}
END_TEST

/* 45 findings in a month, several on the same day, and 25 objections:
 * the screen once showed 40 and 20. They page whole by keyset, the
 * latest first (the id breaks a day's tie), to the last and back, and
 * are counted; another month's and another site's stay out. */
START_TEST(a_month_of_findings_pages_past_the_old_cap)
{
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_finding f[10], last;
	struct yc_objection o[10];
	const struct yc_finding *from = NULL;
	struct yc_err err;
	long count, seen = 0;
	int n, i;

	exec(path, "INSERT INTO users(id, login, full_name, role, password_hash) VALUES (900, 'super', '考核组', 'supervisor', 'x')");
	exec(path, "WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 47)"
	     " INSERT INTO inspections(id, day, inspector_id, site_id, criterion_id, note)"
	     " SELECT 1000 + n, CASE WHEN n = 46 THEN '2026-10-31' ELSE printf('2026-11-%02d', 1 + n / 3) END, 900,"
	     " (SELECT min(id) FROM sites), (SELECT min(id) FROM assessment_criteria), printf('F%02d', n) FROM k");
	exec(path, "DELETE FROM inspections WHERE id = 1047");
	exec(path, "WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 25)"
	     " INSERT INTO objections(month, scope, text, raised_at, raised_by)"
	     " SELECT '2026-11', 'all', printf('O%02d', n), '2026-11-27 09:00:00', 900 FROM k");
	ck_assert_msg(store_findings_count(st, "2026-11", "all", &count, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(count, 45);
	do {
		ck_assert_msg(store_findings_page(st, "2026-11", "all", from, 1, f, 10, &n, &err) == 0, "%s", err.msg);
		for (i = 0; i < n; i++, seen++)
			ck_assert_int_eq(f[i].id, 1045 - seen);   /* the latest day first, then the latest id */
		if (n > 0) {
			last = f[n - 1];
			from = &last;
		}
	} while (n == 10);
	ck_assert_int_eq(seen, 45);
	ck_assert_int_eq(last.id, 1001);
	ck_assert_int_eq(store_findings_page(st, "2026-11", "all", NULL, 0, f, 10, &n, &err), 0);
	ck_assert_int_eq(n, 10);
	ck_assert_int_eq(f[0].id, 1010);
	ck_assert_int_eq(f[9].id, 1001);
	ck_assert_int_eq(store_findings_page(st, "2026-11", "all", &f[0], 0, f, 10, &n, &err), 0);
	ck_assert_int_eq(f[0].id, 1020);
	ck_assert_int_eq(f[9].id, 1011);
	ck_assert_int_eq(store_findings_count(st, "2026-11", "NOSUCH", &count, &err), 0);
	ck_assert_int_eq(count, 0);
	ck_assert_int_eq(store_objections_count(st, "2026-11", "all", &count, &err), 0);
	ck_assert_int_eq(count, 25);
	ck_assert_int_eq(store_objections_page(st, "2026-11", "all", NULL, 0, o, 10, &n, &err), 0);
	ck_assert_int_eq(n, 10);
	ck_assert_str_eq(o[9].text, "O25");
	ck_assert_str_eq(o[0].text, "O16");
	ck_assert_int_eq(store_objections_page(st, "2026-11", "all", &o[0], 0, o, 10, &n, &err), 0);
	ck_assert_str_eq(o[0].text, "O06");
	ck_assert_str_eq(o[9].text, "O15");
	store_close(st);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("assessment-db");
	TCase *t = tcase_create("assessment");

	tcase_set_timeout(t, 60);
	tcase_add_checked_fixture(t, setup, NULL);
	tcase_add_test(t, criteria_in_force_sum_to_100_points);
	tcase_add_test(t, bianmin_are_duties_as_the_plan_says);
	tcase_add_test(t, figures_come_from_findings_and_from_the_cases);
	tcase_add_test(t, an_extension_after_the_promise_keeps_the_lateness);
	tcase_add_test(t, results_left_at_the_window_untold_are_counted);
	tcase_add_test(t, sign_off_locks_the_month_and_reopening_needs_a_reason);
	tcase_add_test(t, an_answered_objection_changes_the_score_and_band);
	tcase_add_test(t, a_month_of_findings_pages_past_the_old_cap);
	tcase_add_test(t, an_unknown_scope_is_refused);
	tcase_add_test(t, the_contractor_objects_and_the_team_answers);
	tcase_add_test(t, the_money_is_withheld_once_per_contract_and_month);
	tcase_add_test(t, weekly_inspections_are_listed_on_the_month_s_sheet);
	tcase_add_test(t, quarterly_feedback_exports_like_the_month_sheet);
	tcase_add_test(t, conditions_for_ending_the_contract_show_on_the_sheet_and_the_year);
	tcase_add_test(t, a_new_criteria_version_leaves_earlier_months_alone);
	tcase_add_test(t, a_year_of_scores_for_the_chart_and_the_alert);
	suite_add_tcase(s, t);
	return run_suite(s);
}
