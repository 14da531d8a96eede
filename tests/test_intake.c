/* Combined intake: the rules on their own (applicant checks, verdicts to
 * outcomes, the promised date over holidays and make-up workdays), then
 * against a real database: the three outcomes, a returning applicant,
 * two windows on the same record, online submissions, the lookup. */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store-intake.h"
#include "store-online.h"
#include "store-queue.h"
#include "store-users.h"
#include "testdb.h"
#include "intake.h"

/* Rules ---------------------------------------------------------------------- */

static struct intake_applicant person(const char *id)
{
	struct intake_applicant a;

	memset(&a, 0, sizeof a);
	strcpy(a.kind, "person");
	strcpy(a.name, "王海燕");
	snprintf(a.id_number, sizeof a.id_number, "%s", id);
	strcpy(a.phone, "13904771234");
	return a;
}

START_TEST(applicant_id_number_is_checked_with_its_check_digit)
{
	struct intake_applicant a = person("150626198503120027");
	enum intake_field f;
	char buf[300];

	ck_assert_ptr_null(intake_applicant_problem(&a, 2026, &f, buf, sizeof buf));
	a = person("150626198503120028");   /* one digit wrong */
	ck_assert_ptr_nonnull(intake_applicant_problem(&a, 2026, &f, buf, sizeof buf));
	ck_assert_int_eq(f, AF_ID);
	a = person("15062619690402028x");   /* lower-case x is fine, and becomes X */
	ck_assert_ptr_null(intake_applicant_problem(&a, 2026, &f, buf, sizeof buf));
	ck_assert_str_eq(a.id_number, "15062619690402028X");
	a = person("150626198513120027");   /* month 13 */
	ck_assert_ptr_nonnull(intake_applicant_problem(&a, 2026, &f, buf, sizeof buf));
	ck_assert_int_eq(f, AF_ID);
}
END_TEST

/* Names as real applicants have them are letters; pictures are not. */
START_TEST(names_take_rare_characters_and_the_middle_dot_but_no_emoji)
{
	static const char *const good[] = {
		"巴特尔·额尔敦朝鲁", "𠮷野", "䶮", "乌兰图雅", "Ivanov Sergei", "阿卜杜热合曼·买买提依明",
	};
	static const char *const bad[] = { "王😀", "李\x01娜", "张\u200d三", "赵\ue000", "钱\u2764\ufe0f", "孙\xc2\x85" };
	struct intake_applicant a;
	enum intake_field f;
	char buf[300];
	size_t i;

	for (i = 0; i < sizeof good / sizeof *good; i++) {
		a = person("150626198503120027");
		snprintf(a.name, sizeof a.name, "%s", good[i]);
		ck_assert_msg(!intake_applicant_problem(&a, 2026, &f, buf, sizeof buf), "%s refused: %s", good[i], buf);
	}
	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		a = person("150626198503120027");
		snprintf(a.name, sizeof a.name, "%s", bad[i]);
		ck_assert_msg(intake_applicant_problem(&a, 2026, &f, buf, sizeof buf) != NULL, "name %zu accepted", i);
		ck_assert_int_eq(f, AF_NAME);
	}
	a = person("150626198503120027");
	strcpy(a.name, "   ");
	ck_assert_ptr_nonnull(intake_applicant_problem(&a, 2026, &f, buf, sizeof buf));
}
END_TEST

START_TEST(organisation_needs_credit_code_and_legal_representative)
{
	struct intake_applicant a = person("91150626MA0N1234XY");
	enum intake_field f;
	char buf[300];

	strcpy(a.kind, "organisation");
	strcpy(a.id_number, "911506267014577411");   /* check character wrong */
	ck_assert_ptr_nonnull(intake_applicant_problem(&a, 2026, &f, buf, sizeof buf));
	ck_assert_int_eq(f, AF_ID);
	strcpy(a.id_number, "91350100M000100Y43");   /* a valid code (GB 32100 example) */
	ck_assert_ptr_nonnull(intake_applicant_problem(&a, 2026, &f, buf, sizeof buf));
	ck_assert_int_eq(f, AF_LEGAL_REP);
	strcpy(a.legal_rep, "张三");
	ck_assert_ptr_null(intake_applicant_problem(&a, 2026, &f, buf, sizeof buf));
}
END_TEST

START_TEST(agent_needs_a_valid_id_number)
{
	struct intake_applicant a = person("150626198503120027");
	enum intake_field f;
	char buf[300];

	strcpy(a.agent_name, "李俊峰");
	strcpy(a.agent_id_number, "150626199207181048");
	ck_assert_ptr_nonnull(intake_applicant_problem(&a, 2026, &f, buf, sizeof buf));
	ck_assert_int_eq(f, AF_AGENT_ID);
	strcpy(a.agent_id_number, "150626199207181049");
	ck_assert_ptr_null(intake_applicant_problem(&a, 2026, &f, buf, sizeof buf));
	strcpy(a.phone, "1390477");
	ck_assert_ptr_nonnull(intake_applicant_problem(&a, 2026, &f, buf, sizeof buf));
	ck_assert_int_eq(f, AF_PHONE);
}
END_TEST

/* Two materials: one required with two checkpoints, one optional. */
static void small_record(struct intake *in)
{
	memset(in, 0, sizeof *in);
	in->n_materials = 2;
	in->m[0].required = 1;
	in->m[0].seq = 1;
	strcpy(in->m[0].name, "申请书");
	in->m[0].n_cp = 2;
	in->m[0].paper = 1;
	strcpy(in->m[0].cp[0].text, "签字齐全");
	strcpy(in->m[0].cp[1].text, "内容完整");
	in->m[1].seq = 2;
	strcpy(in->m[1].name, "授权委托书");
	in->m[1].n_cp = 1;
	strcpy(in->m[1].cp[0].text, "委托事项明确");
}

START_TEST(outcomes_follow_the_verdicts)
{
	struct intake in;
	char why[300], text[1000];

	small_record(&in);
	ck_assert_int_eq(intake_unreviewed(&in), 2);   /* the optional one not submitted */
	ck_assert(!intake_outcome_allowed(&in, OUTCOME_ACCEPT, why, sizeof why));
	ck_assert(!intake_outcome_allowed(&in, OUTCOME_ONE_TIME, why, sizeof why));
	ck_assert(intake_outcome_allowed(&in, OUTCOME_REFUSE, why, sizeof why));
	in.m[0].cp[0].verdict = VERDICT_OK;
	in.m[0].cp[1].verdict = VERDICT_BAD;
	strcpy(in.m[0].cp[1].reason, "缺经营范围");
	ck_assert(!intake_outcome_allowed(&in, OUTCOME_ACCEPT, why, sizeof why));
	ck_assert(intake_outcome_allowed(&in, OUTCOME_ONE_TIME, why, sizeof why));
	/* spaces (ASCII or ideographic) are no reason for the notice */
	strcpy(in.m[0].cp[1].reason, "  \xe3\x80\x80 ");
	ck_assert(!intake_outcome_allowed(&in, OUTCOME_ONE_TIME, why, sizeof why));
	ck_assert_ptr_nonnull(strstr(why, "without a reason"));
	strcpy(in.m[0].cp[1].reason, "缺经营范围");
	intake_flagged_text(&in, text, sizeof text);
	ck_assert_ptr_nonnull(strstr(text, "缺经营范围"));
	ck_assert_ptr_null(strstr(text, "签字齐全"));
	/* an optional material once submitted is reviewed too */
	in.m[0].cp[1].verdict = VERDICT_OK;
	in.m[1].electronic = 1;
	ck_assert_int_eq(intake_unreviewed(&in), 1);
	intake_all_conforming(&in, -1);
	ck_assert(intake_outcome_allowed(&in, OUTCOME_ACCEPT, why, sizeof why));
	ck_assert(!intake_outcome_allowed(&in, OUTCOME_ONE_TIME, why, sizeof why));
}
END_TEST

/* F8 ("the rest conform") cannot make a material nobody handed in
 * conforming, and the notice lists as received only what was. */
START_TEST(what_was_not_handed_in_neither_conforms_nor_is_received)
{
	struct intake in;
	char text[1000], why[300];

	small_record(&in);
	in.m[0].paper = 0;                 /* the required form: not handed in */
	intake_all_conforming(&in, -1);
	ck_assert_int_eq(in.m[0].cp[0].verdict, VERDICT_MISSING);
	ck_assert_int_eq(in.m[0].cp[1].verdict, VERDICT_MISSING);
	ck_assert_int_eq(in.m[1].cp[0].verdict, VERDICT_NONE);   /* optional, not submitted: nothing to say */
	intake_received_text(&in, text, sizeof text);
	ck_assert_str_eq(text, "");
	/* conforming first, then its copies set to 0: the core refuses */
	small_record(&in);
	intake_all_conforming(&in, -1);
	in.m[0].paper = 0;
	ck_assert(!intake_outcome_allowed(&in, OUTCOME_ACCEPT, why, sizeof why));
	ck_assert_ptr_nonnull(strstr(why, "not handed in"));
	/* handed in on paper, but every checkpoint found it missing: not received */
	small_record(&in);
	in.m[0].cp[0].verdict = in.m[0].cp[1].verdict = VERDICT_MISSING;
	intake_received_text(&in, text, sizeof text);
	ck_assert_ptr_null(strstr(text, "申请书"));
	in.m[0].cp[1].verdict = VERDICT_OK;   /* received, its signature missing */
	intake_received_text(&in, text, sizeof text);
	ck_assert_ptr_nonnull(strstr(text, "申请书"));
}
END_TEST

START_TEST(settled_materials_are_not_reviewed_again)
{
	struct intake in;

	small_record(&in);
	in.m[0].settled = 1;
	ck_assert_int_eq(intake_unreviewed(&in), 0);
	in.m[1].paper = 1;
	ck_assert_int_eq(intake_unreviewed(&in), 1);
	intake_all_conforming(&in, -1);
	ck_assert_int_eq(in.m[0].cp[0].verdict, VERDICT_NONE);   /* untouched */
}
END_TEST

static yc_date day(const char *s)
{
	yc_date d;

	ck_assert_int_eq(date_parse(s, &d), 0);
	return d;
}

static const char *promised(const struct yc_calendar *cal, const char *from, const char *kind, int n,
			    const char *unit)
{
	static char out[11];

	date_format(intake_promised_date(cal, day(from), kind, n, unit), out);
	return out;
}

START_TEST(promised_date_counts_working_days_over_holidays)
{
	struct yc_calendar cal;

	cal_init(&cal);
	ck_assert_int_eq(cal_parse(&cal, yc_data_holidays_cn_txt, NULL, NULL), 0);
	/* National Day: 1-7 Oct off, Saturday 10 Oct a make-up workday */
	ck_assert_str_eq(promised(&cal, "2026-09-30", "promised", 3, "workday"), "2026-10-10");
	ck_assert_str_eq(promised(&cal, "2026-09-30", "promised", 4, "workday"), "2026-10-12");
	/* Spring Festival: Saturday 14 Feb works, 15-23 Feb off */
	ck_assert_str_eq(promised(&cal, "2026-02-13", "promised", 1, "workday"), "2026-02-14");
	ck_assert_str_eq(promised(&cal, "2026-02-13", "promised", 2, "workday"), "2026-02-24");
	/* an ordinary weekend */
	ck_assert_str_eq(promised(&cal, "2026-11-27", "promised", 5, "workday"), "2026-12-04");
	/* calendar days and months, and immediate cases */
	ck_assert_str_eq(promised(&cal, "2026-09-30", "promised", 20, "day"), "2026-10-20");
	ck_assert_str_eq(promised(&cal, "2026-01-31", "promised", 1, "month"), "2026-02-28");
	ck_assert_str_eq(promised(&cal, "2026-09-30", "immediate", 3, "workday"), "2026-09-30");
	cal_free(&cal);
}
END_TEST

/* 容缺受理: a gap is accepted only when everything is reviewed and each
 * material flagged is one the catalogue lets come later; what is owed is
 * listed for the commitment, due a number of working days on. */
START_TEST(a_gap_is_accepted_only_for_materials_that_may_come_later)
{
	struct yc_calendar cal;
	struct intake in;
	char why[300], text[1000];
	yc_date due;
	char out[11];

	small_record(&in);
	ck_assert(!intake_gap_allowed(&in, why, sizeof why));      /* not reviewed yet */
	in.m[0].cp[0].verdict = VERDICT_OK;
	in.m[0].cp[1].verdict = VERDICT_MISSING;
	ck_assert(!intake_gap_allowed(&in, why, sizeof why));
	ck_assert_ptr_nonnull(strstr(why, "Material 1 must be complete"));
	ck_assert(!intake_outcome_allowed(&in, OUTCOME_ACCEPT, why, sizeof why));
	ck_assert_ptr_null(strstr(why, "F4"));
	in.m[0].waivable = 1;
	ck_assert(intake_gap_allowed(&in, why, sizeof why));
	ck_assert(!intake_outcome_allowed(&in, OUTCOME_ACCEPT, why, sizeof why));
	ck_assert_ptr_nonnull(strstr(why, "F4"));                  /* F5 points to the gap */
	ck_assert(intake_material_owed(&in, 0));
	ck_assert(!intake_material_owed(&in, 1));
	intake_owed_text(&in, text, sizeof text);
	ck_assert_str_eq(text, "1. 申请书\n");
	/* nothing flagged: nothing to owe, an ordinary acceptance */
	in.m[0].cp[1].verdict = VERDICT_OK;
	ck_assert(!intake_gap_allowed(&in, why, sizeof why));
	cal_init(&cal);
	ck_assert_int_eq(cal_parse(&cal, yc_data_holidays_cn_txt, NULL, NULL), 0);
	due = intake_gap_due(&cal, day("2026-11-27"), 5);          /* Fri + 5 working days */
	date_format(due, out);
	ck_assert_str_eq(out, "2026-12-04");
	date_format(intake_gap_due(&cal, day("2026-09-30"), 3), out);   /* over National Day */
	ck_assert_str_eq(out, "2026-10-10");
	cal_free(&cal);
}
END_TEST

START_TEST(search_text_is_classified)
{
	ck_assert_int_eq(case_query_kind("150626198503120027"), QUERY_ID);
	ck_assert_int_eq(case_query_kind("150626198503120028"), QUERY_ID);   /* mistyped: still an ID */
	ck_assert_int_eq(case_query_kind("13904771234"), QUERY_PHONE);
	ck_assert_int_eq(case_query_kind("WSQ202611270001"), QUERY_NUMBER);
	ck_assert_int_eq(case_query_kind("WSQ-SL-2026-000001"), QUERY_NUMBER);
	ck_assert_int_eq(case_query_kind("王海燕"), QUERY_NAME);
}
END_TEST

/* Against the database ---------------------------------------------------------- */

/* Friday 27 November 2026, 10:00: the day the records are started on, the
 * cases numbered by (WSQ20261127nnnn) and promised from (5 working days:
 * 2026-12-04), the demo hall's "today". */
static void db_setup(void)
{
	pin_clock("2026-11-27 10:00");
}

static struct yc_user clerk(struct yc_store *st, const char *login)
{
	struct yc_user u;
	struct yc_err err;

	ck_assert_int_eq(store_user_get(st, login, &u, &err), 0);
	return u;
}

static char *render(void *ctx, const struct yc_notice_facts *f)
{
	char *out = malloc(300);

	snprintf(out, 300, "%s %s %s %s %s", f->kind, f->notice_number, f->case_number, f->query_password,
		 f->promised_date);
	return out;
}

static struct yc_outcome_req request(enum intake_outcome o, const char *reason)
{
	struct yc_outcome_req r = { o, "WSQ", reason, render, NULL, 0 };

	return r;
}

static void start(struct yc_store *st, int64_t item, struct intake *in, const char *id)
{
	struct yc_err err;

	ck_assert_msg(store_intake_start(st, item, "2026-11-27", in, &err) == 0, "%s", err.msg);
	ck_assert_int_gt(in->n_materials, 1);
	in->a = person(id);
}

/* A name fitting thousands of people (a lone surname) and one fitting a
 * few are searched by different plans; both must give what the plain
 * query gives: the newest cases first, at most the limit. */
static void expect_name_search(struct yc_store *st, const char *path, const char *name,
			       int awaiting_only, int limit)
{
	struct yc_case_row rows[60];
	struct yc_err err;
	struct raw_db db;
	db_stmt *q;
	int n, i = 0;

	ck_assert_msg(store_case_search(st, name, awaiting_only, rows, limit, &n, &err) == 0, "%s", err.msg);
	db = raw_open(path);
	q = raw_prepare(&db, "SELECT c.id FROM cases c JOIN applicants a ON a.id = c.applicant_id"
			     " WHERE substr(a.name, 1, length(?1)) = ?1 AND (?2 = 0 OR c.status = 'awaiting_correction')"
			     " ORDER BY c.created_at DESC, c.id DESC LIMIT ?3");
	db_bind_text(q, 1, name);
	db_bind_int(q, 2, awaiting_only);
	db_bind_int(q, 3, limit);
	while (db_step(q) == DB_ROW) {
		ck_assert_msg(i < n, "%s: only %d found", name, n);
		ck_assert_int_eq(rows[i].id, db_col_int64(q, 0));
		i++;
	}
	ck_assert_int_eq(i, n);
	db_finalize(q);
	raw_close(&db);
}

START_TEST(name_search_gives_the_newest_cases_for_common_and_rare_names)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 1000);
	char created[300], sql[1600];

	/* People of one case each, created in no order: 10,500 王n in
	 * 2020-21; 3,000 王大n among them; 3,000 王小n years before; three
	 * 赵n; every seventh case awaits correction. 王, 王大 and 王小 fit
	 * more than 2,500 cases: the walk newest first within 王 - 王大 must
	 * skip the 王n; 王小 gives up after 10,000 newer 王n and is sorted
	 * instead. 王1 (1,612) and 赵 fit few. */
	snprintf(sql, sizeof sql,
		 "WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 16503)"
		 " INSERT INTO applicants(kind, name, id_number)"
		 " SELECT 'person', CASE WHEN n <= 10500 THEN '王' || n WHEN n <= 13500 THEN '王小' || n"
		 "  WHEN n <= 16500 THEN '王大' || n ELSE '赵' || n END, printf('X%%017d', n) FROM k;"
		 "INSERT INTO cases(item_id, site_id, applicant_id, status, kind, responder_id, created_at)"
		 " SELECT (SELECT min(id) FROM service_items), (SELECT min(id) FROM sites), a.id,"
		 "  CASE WHEN a.id %% 7 = 0 THEN 'awaiting_correction' ELSE 'collected' END, 'promised',"
		 "  (SELECT min(id) FROM users), %s"
		 " FROM applicants a WHERE a.id_number LIKE 'X%%';",
		 sql_time_plus("CASE WHEN a.name LIKE '王小%' THEN '2012-01-01' ELSE '2020-01-01' END",
			       "(a.id * 7919) % 16007", "hours", created, sizeof created));
	exec(path, sql);
	expect_name_search(st, path, "王大", 0, 50);
	expect_name_search(st, path, "王", 0, 50);
	expect_name_search(st, path, "王小", 0, 50);
	expect_name_search(st, path, "王1", 0, 50);
	expect_name_search(st, path, "王", 1, 50);
	expect_name_search(st, path, "赵", 0, 50);
	expect_name_search(st, path, "赵1650", 0, 2);
	expect_name_search(st, path, "钱", 0, 50);
	/* a company back under its new name: its cases are found by that */
	exec(path, "UPDATE applicants SET name = '钱' || name WHERE name LIKE '赵%'");
	expect_name_search(st, path, "赵", 0, 50);
	expect_name_search(st, path, "钱赵", 0, 50);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM case_names WHERE initial = '钱'"), 3);
	/* a case moved to another applicant, and one redated */
	exec(path, "UPDATE cases SET applicant_id = (SELECT id FROM applicants WHERE name = '钱赵16501')"
		   " WHERE applicant_id = (SELECT id FROM applicants WHERE name = '王小10501');"
		   "UPDATE cases SET created_at = '2030-01-01 00:00:00'"
		   " WHERE applicant_id = (SELECT id FROM applicants WHERE name = '王1');");
	expect_name_search(st, path, "王小10501", 0, 50);
	expect_name_search(st, path, "钱赵", 0, 50);
	expect_name_search(st, path, "王", 0, 50);
	expect_name_search(st, path, "王1", 0, 50);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM case_names WHERE name LIKE '钱%'"), 4);
	store_close(st);
}
END_TEST

/* The save decides the promise from the hall's calendar in the database
 * and the item's limit as the catalogue has it then, whatever a station
 * loaded earlier: a day off added and the limit changed after the record
 * was started both count. */
START_TEST(the_save_decides_the_promised_date_from_the_database)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user u = clerk(st, "intake");
	struct yc_outcome_req req = request(OUTCOME_ACCEPT, NULL);
	struct yc_outcome_result r;
	struct intake in;
	struct yc_err err;

	/* a food licence, 3 working days when the record is started */
	start(st, item_id_of(path, "SCJG-004"), &in, "150626198503120027");
	intake_all_conforming(&in, -1);
	exec(path, "INSERT INTO calendar_days(day, kind, name) VALUES ('2026-12-01', 'off', '测试假日')"
		   " ON CONFLICT(day) DO UPDATE SET kind = excluded.kind, name = excluded.name");
	exec(path, "UPDATE service_items SET promised_limit = 6 WHERE code = 'SCJG-004'");
	ck_assert_msg(store_intake_commit(st, &u, &in, &req, &r, &err) == 0, "%s", err.msg);
	/* Fri 27 Nov + 6 working days, Tue 1 Dec off: Tue 8 Dec */
	ck_assert_str_eq(r.promised_date, "2026-12-08");
	ck_assert_ptr_nonnull(strstr(r.notice_text, "2026-12-08"));
	store_close(st);
}
END_TEST

/* An item switched from immediate to promised while a record was on the
 * screen: the case is saved as the kind it is promised as. */
/* 容缺受理 in the store: refused while a flagged material may not come
 * later; accepted, each flagged material is owed by the day the hall's
 * policy waiver.days gives, with the event naming them. */
START_TEST(a_gap_acceptance_owes_the_flagged_material_by_the_policy_day)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user u = clerk(st, "intake");
	struct yc_outcome_req req = request(OUTCOME_ACCEPT, NULL);
	struct yc_outcome_result r;
	struct intake in;
	struct yc_err err;

	req.gap = 1;
	/* the food licence: material 5 (training certificate) may come later */
	start(st, item_id_of(path, "SCJG-004"), &in, "150626198503120027");
	ck_assert(in.m[4].waivable && !in.m[2].waivable);
	in.m[4].paper = in.m[4].electronic = 0;
	in.m[2].paper = 0;
	intake_all_conforming(&in, -1);
	ck_assert_int_eq(store_intake_commit(st, &u, &in, &req, &r, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "Material 3"));
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM case_waivers"), 0);
	in.m[2].paper = 1;
	in.m[2].cp[0].verdict = in.m[2].cp[1].verdict = VERDICT_OK;
	req.gap = 0;
	ck_assert_int_eq(store_intake_commit(st, &u, &in, &req, &r, &err), -1);   /* F5 alone: no */
	req.gap = 1;
	/* the catalogue changed since the record was started: the save reads it */
	exec(path, "UPDATE materials SET waivable = 0 WHERE item_id = (SELECT id FROM service_items WHERE code = 'SCJG-004') AND seq = 5");
	ck_assert_int_eq(store_intake_commit(st, &u, &in, &req, &r, &err), -1);
	ck_assert_int_eq(err.code, YC_ECONFLICT);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM cases WHERE status = 'accepted' AND item_id ="
				    " (SELECT id FROM service_items WHERE code = 'SCJG-004') AND created_at LIKE '2026-11-27%'"
				    " AND applicant_id = (SELECT id FROM applicants WHERE id_number = '150626198503120027')"), 0);
	exec(path, "UPDATE materials SET waivable = 1 WHERE item_id = (SELECT id FROM service_items WHERE code = 'SCJG-004') AND seq = 5");
	set_policy(st, "waiver.days", "10");
	ck_assert_msg(store_intake_commit(st, &u, &in, &req, &r, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(r.gap_due, "2026-12-11");      /* Fri 27 Nov + 10 working days */
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM case_waivers w JOIN materials m ON m.id = w.material_id"
				    " WHERE m.seq = 5 AND w.due_date = '2026-12-11' AND w.supplied_at IS NULL"), 1);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM cases WHERE status = 'accepted'"
				    " AND id = (SELECT case_id FROM case_waivers)"), 1);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM events WHERE action = 'accepted_with_gap'"
				    " AND old_value = '2026-12-11' AND new_value LIKE '%培训合格证明%'"), 1);
	free(r.notice_text);
	store_close(st);
}
END_TEST

START_TEST(the_case_keeps_the_kind_its_promise_was_counted_for)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user u = clerk(st, "intake");
	struct yc_outcome_req req = request(OUTCOME_ACCEPT, NULL);
	struct yc_outcome_result r;
	struct intake in;
	struct yc_err err;
	char sql[300];

	start(st, item_id_of(path, "SCJG-002"), &in, "150626198503120027");   /* immediate now */
	intake_all_conforming(&in, -1);
	exec(path, "UPDATE service_items SET kind = 'promised', promised_limit = 2, statutory_limit = 5"
		   " WHERE code = 'SCJG-002'");
	ck_assert_msg(store_intake_commit(st, &u, &in, &req, &r, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(r.promised_date, "2026-12-01");   /* Fri 27 + 2 working days */
	snprintf(sql, sizeof sql, "SELECT count(*) FROM cases WHERE case_number = '%s' AND kind = 'promised'",
		 r.case_number);
	ck_assert_int_eq(query_long(path, sql), 1);
	store_close(st);
}
END_TEST

START_TEST(accepting_gives_a_numbered_case_with_its_notice)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user u = clerk(st, "intake");
	struct yc_outcome_req req = request(OUTCOME_ACCEPT, NULL);
	struct yc_outcome_result r1, r2;
	struct intake in;
	struct yc_err err;
	char sql[300];

	start(st, item_id_of(path, "SCJG-002"), &in, "150626198503120027");
	intake_all_conforming(&in, -1);
	ck_assert_msg(store_intake_commit(st, &u, &in, &req, &r1, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(strlen(r1.case_number), strlen("WSQ202611270001"));
	ck_assert(strncmp(r1.case_number, "WSQ20261127", 11) == 0);
	ck_assert_int_eq(strlen(r1.query_password), 6);
	ck_assert_str_eq(r1.promised_date, "2026-11-27");   /* an immediate item: today */
	ck_assert_ptr_nonnull(strstr(r1.notice_text, r1.case_number));
	ck_assert(strncmp(r1.notice_number, "WSQ-SL-", 7) == 0);
	/* the verdicts name the exact checkpoint versions */
	snprintf(sql, sizeof sql,
		 "SELECT count(*) FROM verdicts v JOIN case_materials cm ON cm.id = v.case_material_id"
		 " JOIN cases c ON c.id = cm.case_id JOIN checkpoints k ON k.id = v.checkpoint_id"
		 " WHERE c.case_number = '%s' AND v.verdict = 'conforming'", r1.case_number);
	ck_assert_int_gt(query_long(path, sql), 0);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM cases WHERE case_number = '%s' AND status = 'accepted'"
		 " AND promised_date = '2026-11-27' AND responder_id = %lld", r1.case_number, (long long)u.id);
	ck_assert_int_eq(query_long(path, sql), 1);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM events WHERE entity = 'case' AND action = 'accept'"
		 " AND new_value = '%s'", r1.case_number);
	ck_assert_int_eq(query_long(path, sql), 1);
	/* the next one gets the next number */
	start(st, item_id_of(path, "SCJG-002"), &in, "150626199207181049");
	intake_all_conforming(&in, -1);
	ck_assert_int_eq(store_intake_commit(st, &u, &in, &req, &r2, &err), 0);
	ck_assert_str_ne(r1.case_number, r2.case_number);
	ck_assert_int_eq(strtol(r2.case_number + 11, NULL, 10), strtol(r1.case_number + 11, NULL, 10) + 1);
	free(r1.notice_text);
	free(r2.notice_text);
	store_close(st);
}
END_TEST

START_TEST(a_guide_may_not_accept_cases)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user u = clerk(st, "guide");
	struct yc_outcome_req req = request(OUTCOME_ACCEPT, NULL);
	struct yc_outcome_result r;
	struct intake in;
	struct yc_err err;
	long before = query_long(path, "SELECT count(*) FROM cases");

	start(st, item_id_of(path, "SCJG-002"), &in, "150626198503120027");
	intake_all_conforming(&in, -1);
	ck_assert_int_eq(store_intake_commit(st, &u, &in, &req, &r, &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM cases"), before);
	store_close(st);
}
END_TEST

/* One-time notice, then the applicant comes back: the same record, only
 * the flagged material reviewed again, then accepted. */
START_TEST(returning_applicant_resumes_the_same_record)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user u = clerk(st, "intake");
	struct yc_outcome_req once = request(OUTCOME_ONE_TIME, NULL), accept = request(OUTCOME_ACCEPT, NULL);
	struct yc_outcome_result r, r2;
	struct yc_case_row rows[10];
	struct intake in, back;
	struct yc_err err;
	int n, i, open_before;
	long cases_before = query_long(path, "SELECT count(*) FROM cases");

	start(st, item_id_of(path, "SCJG-002"), &in, "150626198808080011");
	strcpy(in.a.phone, "13904770001");   /* someone not in the demo data */
	intake_all_conforming(&in, -1);
	in.m[1].cp[0].verdict = VERDICT_BAD;
	strcpy(in.m[1].cp[0].reason, "复印件不清晰");
	ck_assert_msg(store_intake_commit(st, &u, &in, &once, &r, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(r.case_number, "");
	ck_assert_ptr_nonnull(strstr(r.notice_text, "one_time"));
	free(r.notice_text);

	/* found by the notice number, by ID number and by phone */
	ck_assert_int_eq(store_case_search(st, r.notice_number, 1, rows, 10, &n, &err), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(rows[0].id, r.case_id);
	ck_assert_int_eq(store_case_search(st, "150626198808080011", 1, rows, 10, &n, &err), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(rows[0].id_masked, "1506**********0011");
	ck_assert_int_eq(store_case_search(st, "13904770001", 1, rows, 10, &n, &err), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(rows[0].phone_masked, "139****0001");

	ck_assert_msg(store_intake_resume(st, r.case_id, "2026-11-27", &back, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(back.case_id, r.case_id);
	ck_assert_int_eq(back.round, 2);
	ck_assert(!intake_material_open(&back, 0));   /* conforming before */
	ck_assert(intake_material_open(&back, 1));    /* flagged: reviewed again */
	open_before = intake_unreviewed(&back);
	ck_assert_int_eq(open_before, back.m[1].n_cp);
	for (i = 2; i < back.n_materials; i++)
		ck_assert_msg(!intake_material_open(&back, i) || !back.m[i].required,
			      "material %d should be settled", i);
	intake_all_conforming(&back, -1);
	ck_assert_msg(store_intake_commit(st, &u, &back, &accept, &r2, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(r2.case_id, r.case_id);
	ck_assert_str_ne(r2.case_number, "");
	free(r2.notice_text);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM cases"), cases_before + 1);
	ck_assert_int_eq(query_long(path, "SELECT max(round) FROM verdicts"), 2);
	store_close(st);
}
END_TEST

START_TEST(two_windows_cannot_both_conclude_one_record)
{
	const char *path = make_db(1);
	struct yc_store *a = open_db(path, "unix", 2000), *b = open_db(path, "unix", 2000);
	struct yc_user u = clerk(a, "intake");
	struct yc_outcome_req once = request(OUTCOME_ONE_TIME, NULL), accept = request(OUTCOME_ACCEPT, NULL);
	struct yc_outcome_result r;
	struct intake in, at_a, at_b;
	struct yc_err err;

	start(a, item_id_of(path, "SCJG-002"), &in, "150626198503120027");
	in.m[0].cp[0].verdict = VERDICT_MISSING;
	intake_all_conforming(&in, -1);
	ck_assert_int_eq(store_intake_commit(a, &u, &in, &once, &r, &err), 0);
	free(r.notice_text);
	ck_assert_int_eq(store_intake_resume(a, r.case_id, "2026-11-27", &at_a, &err), 0);
	ck_assert_int_eq(store_intake_resume(b, r.case_id, "2026-11-27", &at_b, &err), 0);
	intake_all_conforming(&at_a, -1);
	intake_all_conforming(&at_b, -1);
	ck_assert_int_eq(store_intake_commit(a, &u, &at_a, &accept, &r, &err), 0);
	free(r.notice_text);
	ck_assert_int_eq(store_intake_commit(b, &u, &at_b, &accept, &r, &err), -1);
	ck_assert_int_eq(err.code, YC_ECONFLICT);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM notices WHERE kind = 'acceptance'"
				    " AND case_id IN (SELECT id FROM cases WHERE review_round = 2)"), 1);
	store_close(a);
	store_close(b);
}
END_TEST

START_TEST(refusal_needs_reasons_and_closes_the_record)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user u = clerk(st, "intake");
	struct yc_outcome_req no_reason = request(OUTCOME_REFUSE, ""), refuse = request(OUTCOME_REFUSE, "不属于本机关职权范围");
	struct yc_outcome_req spaces = request(OUTCOME_REFUSE, "   \xe3\x80\x80  ");
	struct yc_outcome_result r;
	struct intake in;
	struct yc_err err;

	start(st, item_id_of(path, "SCJG-002"), &in, "150626198503120027");
	ck_assert_int_eq(store_intake_commit(st, &u, &in, &no_reason, &r, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_int_eq(store_intake_commit(st, &u, &in, &spaces, &r, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_int_eq(store_intake_commit(st, &u, &in, &refuse, &r, &err), 0);
	free(r.notice_text);
	ck_assert(strncmp(r.notice_number, "WSQ-BY-", 7) == 0);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM cases WHERE status = 'not_accepted'"
				    " AND refusal_reason = '不属于本机关职权范围' AND closed_at IS NOT NULL"), 1);
	store_close(st);
}
END_TEST

/* The person called to the window has been served once the record is
 * concluded: the ticket is done then, not when the next one is called
 * (the screen went on saying "serving A006"). */
START_TEST(concluding_a_record_finishes_its_ticket)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user u = clerk(st, "intake");
	struct yc_outcome_req refuse = request(OUTCOME_REFUSE, "不属于本机关职权范围");
	struct yc_outcome_result r;
	struct yc_ticket t, cur;
	struct intake in;
	struct yc_err err;

	ck_assert_int_eq(store_queue_call_next(st, "WSQ", "combined", "综合受理1号窗", u.id, &t, &err), 0);
	start(st, item_id_of(path, "SCJG-002"), &in, "150626198503120027");
	in.ticket_id = t.id;
	ck_assert_int_eq(store_intake_commit(st, &u, &in, &refuse, &r, &err), 0);
	free(r.notice_text);
	ck_assert_int_eq(store_queue_current(st, "WSQ", "综合受理1号窗", &cur, &err), 1);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM queue_tickets WHERE status = 'done'"
				    " AND finished_at IS NOT NULL AND id = (SELECT ticket_id FROM cases"
				    " WHERE status = 'not_accepted')"), 1);
	store_close(st);
}
END_TEST

/* The share cut as the commit finished: the clerk was told "not saved"
 * and the record kept as a draft, yet the case was in the file. Saving
 * the same record again finds that case instead of making a second. */
START_TEST(a_save_that_landed_unseen_is_found_not_made_twice)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user u = clerk(st, "intake");
	struct yc_outcome_req accept = request(OUTCOME_ACCEPT, NULL);
	struct yc_outcome_result r, again;
	struct intake in, other, draft;
	struct yc_err err;
	long before = query_long(path, "SELECT count(*) FROM cases");

	start(st, item_id_of(path, "SCJG-002"), &in, "150626198503120027");
	start(st, item_id_of(path, "SCJG-002"), &other, "150626198503120027");
	ck_assert_int_eq((int)strlen(in.record_uid), 32);
	ck_assert_str_ne(in.record_uid, other.record_uid);   /* each record its own */
	intake_all_conforming(&in, -1);
	draft = in;   /* what the PC kept when the clerk was told "not saved" */
	ck_assert_msg(store_intake_commit(st, &u, &in, &accept, &r, &err) == 0, "%s", err.msg);
	free(r.notice_text);
	/* the same record, from its draft */
	ck_assert_int_eq(store_intake_commit(st, &u, &draft, &accept, &again, &err), 1);
	ck_assert_str_eq(again.case_number, r.case_number);
	ck_assert_ptr_null(again.notice_text);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM cases"), before + 1);
	/* the saved record goes on under an identity of its own: its next
	 * save is a save, not the old one found again */
	ck_assert_str_ne(in.record_uid, draft.record_uid);
	store_close(st);
}
END_TEST

START_TEST(online_submissions_are_imported_once_and_pre_reviewed)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user u = clerk(st, "intake");
	struct yc_outcome_req accept = request(OUTCOME_ACCEPT, NULL);
	struct store_online_stats stats;
	struct yc_online_row rows[5];
	struct yc_outcome_result r;
	struct intake in;
	struct yc_err err;
	long total, total_before;
	int64_t sub_id;
	int n, i, mine = -1;
	const char *file =
		"{\"ref\":\"NMG-1\",\"received\":\"2026-11-26 21:14\",\"source\":\"web\",\"item\":\"SCJG-002\","
		"\"applicant\":{\"kind\":\"person\",\"name\":\"巴图\",\"id_number\":\"150626200101050636\","
		"\"phone\":\"15004778899\"},\"materials\":[{\"seq\":1,\"name\":\"申请书\",\"files\":2}]}\n";
	const char *unknown_item =
		"{\"ref\":\"NMG-2\",\"received\":\"2026-11-26 21:14\",\"source\":\"app\",\"item\":\"NOPE-1\","
		"\"applicant\":{\"kind\":\"person\",\"name\":\"巴图\",\"id_number\":\"150626200101050636\","
		"\"phone\":\"15004778899\"},\"materials\":[{\"seq\":1,\"name\":\"申请书\",\"files\":2}]}\n";

	ck_assert_int_eq(store_online_inbox(st, "WSQ", rows, 5, &n, &total_before, &err), 0);
	ck_assert_msg(store_online_import(st, file, 2026, "WSQ", 0, &stats, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(stats.added, 1);
	ck_assert_int_eq(store_online_import(st, file, 2026, "WSQ", 0, &stats, &err), 0);
	ck_assert_int_eq(stats.added, 0);
	ck_assert_int_eq(stats.already, 1);
	ck_assert_int_eq(store_online_import(st, unknown_item, 2026, "WSQ", 0, &stats, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "NOPE-1"));
	ck_assert_int_eq(store_online_inbox(st, "WSQ", rows, 5, &n, &total, &err), 0);
	ck_assert_int_eq(total, total_before + 1);
	for (i = 0; i < n; i++)
		if (strcmp(rows[i].ref, "NMG-1") == 0)
			mine = i;
	ck_assert_int_ge(mine, 0);
	sub_id = rows[mine].id;
	ck_assert_int_eq(store_online_start(st, sub_id, "2026-11-27", &in, &err), 0);
	ck_assert_str_eq(in.a.name, "巴图");
	ck_assert_int_eq(in.m[0].electronic, 2);
	/* the ID card and the licence's originals, brought to the window */
	in.m[1].paper = in.m[2].paper = 1;
	intake_all_conforming(&in, -1);
	ck_assert_msg(store_intake_commit(st, &u, &in, &accept, &r, &err) == 0, "%s", err.msg);
	free(r.notice_text);
	ck_assert_int_eq(store_online_inbox(st, "WSQ", rows, 5, &n, &total, &err), 0);
	ck_assert_int_eq(total, total_before);
	ck_assert_int_eq(store_online_start(st, sub_id, "2026-11-27", &in, &err), -1);
	ck_assert_int_eq(err.code, YC_ECONFLICT);   /* reviewed: not opened twice */
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM cases WHERE channel = 'online'"), 1);
	store_close(st);
}
END_TEST

static void count_line(void *ctx, const char *kind, const char *line)
{
	if (line && strstr(line, "复印件不清晰"))
		(*(int *)ctx)++;
}

START_TEST(history_and_withdrawal)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user u = clerk(st, "intake");
	struct yc_outcome_req once = request(OUTCOME_ONE_TIME, NULL);
	struct yc_outcome_result r;
	struct intake in;
	struct yc_err err;
	int found = 0;

	start(st, item_id_of(path, "SCJG-002"), &in, "150626198503120027");
	intake_all_conforming(&in, -1);
	in.m[0].cp[0].verdict = VERDICT_BAD;
	strcpy(in.m[0].cp[0].reason, "复印件不清晰");
	ck_assert_int_eq(store_intake_commit(st, &u, &in, &once, &r, &err), 0);
	free(r.notice_text);
	ck_assert_int_eq(store_case_history(st, r.case_id, count_line, &found, &err), 0);
	ck_assert_int_eq(found, 1);
	/* an awaiting record cannot be withdrawn; a case in the department can */
	ck_assert_int_eq(store_case_request_withdrawal(st, &u, r.case_id, "不办了", &err), -1);
	ck_assert_int_eq(store_case_request_withdrawal(st, &u, 1, "不办了", &err), 0);
	ck_assert_int_eq(store_case_request_withdrawal(st, &u, 1, "不办了", &err), -1);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM events WHERE action = 'withdrawal_requested'"), 1);
	store_close(st);
}
END_TEST

/* A station killed at random moments while it accepts cases: afterwards
 * every case is whole (number, materials, verdicts, notice, event) or not
 * there at all, and the database is sound (a file: integrity_check). */
START_TEST(killed_mid_commit_leaves_whole_cases_or_none)
{
	const char *path = make_db(1);
	long first = query_long(path, "SELECT max(id) FROM cases");
	int64_t item = item_id_of(path, "SCJG-002");
	char sql[600];
	int round;

	srand((unsigned)getpid());
	for (round = 0; round < 12; round++) {
		int saving[2];
		char c;
		pid_t pid;

		ck_assert_int_eq(pipe(saving), 0);
		pid = fork();
		ck_assert_int_ge(pid, 0);
		if (pid == 0) {
			struct yc_store *st = open_db(path, "unix", 5000);
			struct yc_user u = clerk(st, "intake");
			struct yc_outcome_req req = request(OUTCOME_ACCEPT, NULL);
			struct yc_outcome_result r;
			struct intake in;
			struct yc_err err;

			for (;;) {
				start(st, item, &in, "150626198808080011");
				intake_all_conforming(&in, -1);
				if (store_intake_commit(st, &u, &in, &req, &r, &err) == 0) {
					free(r.notice_text);
					if (saving[1] >= 0 && write(saving[1], "s", 1) == 1) {
						close(saving[1]);   /* told once */
						saving[1] = -1;
					}
				}
			}
		}
		/* killed at a random moment once it saves cases (its first save
		 * is later on a loaded machine, and later still on a server,
		 * which it first connects to) */
		close(saving[1]);
		if (read(saving[0], &c, 1) < 0)
			c = 0;
		close(saving[0]);
		usleep(20000 + (unsigned)(rand() % 60000));
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
	if (!testdb_on_pg())   /* the file is sound (a server keeps its own) */
		ck_assert_int_eq(query_long(path, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"),
				 0);
	ck_assert_int_gt(query_long(path, "SELECT count(*) FROM cases"), first);
	snprintf(sql, sizeof sql,
		 "SELECT count(*) FROM cases c WHERE c.id > %ld AND (c.case_number IS NULL"
		 " OR NOT EXISTS (SELECT 1 FROM notices n WHERE n.case_id = c.id AND n.kind = 'acceptance')"
		 " OR (SELECT count(*) FROM case_materials m WHERE m.case_id = c.id) <> 4"
		 " OR NOT EXISTS (SELECT 1 FROM verdicts v JOIN case_materials m ON m.id = v.case_material_id"
		 "                WHERE m.case_id = c.id)"
		 " OR NOT EXISTS (SELECT 1 FROM events e WHERE e.entity = 'case' AND e.entity_id = c.id))", first);
	ck_assert_int_eq(query_long(path, sql), 0);
	/* and nothing of a case without its case row */
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM notices n LEFT JOIN cases c ON c.id = n.case_id"
				    " WHERE c.id IS NULL"), 0);
}
END_TEST

/* A hall upgraded from before 容缺受理 and 告知承诺制 gets the shipped
 * catalogue's marks as a new hall does. */
START_TEST(an_upgraded_hall_gets_the_shipped_waiver_and_promise_marks)
{
	ONLY_ON_SQLITE("it takes the hall back to schema 24; no database on a server is older than 27 (data/pg/schema.sql), so migration 25 has no PostgreSQL twin");
	const char *path = make_db(0);
	struct yc_store *st;
	const char *waivable = "SELECT count(*) FROM materials WHERE waivable = 1";
	const char *promises = "SELECT count(*) FROM service_items WHERE promise_conditions <> ''";
	long fresh_waivable = query_long(path, waivable), fresh_promises = query_long(path, promises);

	ck_assert_int_gt(fresh_waivable, 0);
	ck_assert_int_gt(fresh_promises, 0);
	undo_schema_to(path, 24);   /* version 25 brought them */
	exec(path, "PRAGMA user_version = 24");
	st = open_db(path, "unix", 2000);
	store_close(st);
	ck_assert_int_eq(query_long(path, waivable), fresh_waivable);
	ck_assert_int_eq(query_long(path, promises), fresh_promises);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("intake");
	TCase *rules = tcase_create("rules"), *db = tcase_create("database");

	tcase_add_test(rules, applicant_id_number_is_checked_with_its_check_digit);
	tcase_add_test(rules, names_take_rare_characters_and_the_middle_dot_but_no_emoji);
	tcase_add_test(rules, organisation_needs_credit_code_and_legal_representative);
	tcase_add_test(rules, agent_needs_a_valid_id_number);
	tcase_add_test(rules, outcomes_follow_the_verdicts);
	tcase_add_test(rules, what_was_not_handed_in_neither_conforms_nor_is_received);
	tcase_add_test(rules, settled_materials_are_not_reviewed_again);
	tcase_add_test(rules, promised_date_counts_working_days_over_holidays);
	tcase_add_test(db, the_save_decides_the_promised_date_from_the_database);
	tcase_add_test(db, the_case_keeps_the_kind_its_promise_was_counted_for);
	tcase_add_test(rules, search_text_is_classified);
	tcase_add_test(rules, a_gap_is_accepted_only_for_materials_that_may_come_later);
	tcase_set_timeout(db, 60);
	tcase_add_checked_fixture(db, db_setup, NULL);
	tcase_add_test(db, name_search_gives_the_newest_cases_for_common_and_rare_names);
	tcase_add_test(db, accepting_gives_a_numbered_case_with_its_notice);
	tcase_add_test(db, a_guide_may_not_accept_cases);
	tcase_add_test(db, returning_applicant_resumes_the_same_record);
	tcase_add_test(db, two_windows_cannot_both_conclude_one_record);
	tcase_add_test(db, refusal_needs_reasons_and_closes_the_record);
	tcase_add_test(db, concluding_a_record_finishes_its_ticket);
	tcase_add_test(db, a_save_that_landed_unseen_is_found_not_made_twice);
	tcase_add_test(db, online_submissions_are_imported_once_and_pre_reviewed);
	tcase_add_test(db, history_and_withdrawal);
	tcase_add_test(db, a_gap_acceptance_owes_the_flagged_material_by_the_policy_day);
	tcase_add_test(db, killed_mid_commit_leaves_whole_cases_or_none);
	tcase_add_test(db, an_upgraded_hall_gets_the_shipped_waiver_and_promise_marks);
	suite_add_tcase(s, rules);
	suite_add_tcase(s, db);
	return run_suite(s);
}
