/* Help-you-do (帮您办) against a real database: the whole way to archived,
 * each move refused while its precondition is missing (and saying which),
 * termination slips numbered uniquely and final, roles, target dates, and
 * two stations acting on the same request. */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-assist.h"
#include "store-users.h"
#include "testdb.h"

static long events_of(const char *path, int64_t id)
{
	char sql[200];

	snprintf(sql, sizeof sql, "SELECT count(*) FROM events WHERE entity = 'assist' AND entity_id = %lld",
		 (long long)id);
	return query_long(path, sql);
}

/* The request as a station reads it (one buffer: the struct is large). */
static const struct yc_assist *fetch(struct yc_store *st, int64_t id)
{
	static struct yc_assist a;
	struct yc_err err;

	ck_assert_msg(store_assist_get(st, id, &a, &err) == 0, "%s", err.msg);
	return &a;
}

static int version(struct yc_store *st, int64_t id)
{
	return fetch(st, id)->r.version;
}

static int64_t new_request(struct yc_store *st, const struct yc_user *u, const char *project)
{
	struct yc_assist_new n = { project, "鄂尔多斯市乌审旗某能源有限公司", "王建军", "13947712345",
				   "列入2026年自治区重点项目清单，总投资12亿元", "WSQ" };
	struct yc_err err;
	int64_t id = 0;

	ck_assert_msg(store_assist_create(st, u, &n, &id, &err) == 0, "%s", err.msg);
	ck_assert_int_gt(id, 0);
	return id;
}

/* Create, assign, sign, plan and start: a request in progress with two
 * plan items. */
static int64_t started_request(struct yc_store *st, const struct yc_user *u, const char *project)
{
	int64_t id = new_request(st, u, project);
	struct yc_err err;

	ck_assert_msg(store_assist_assign(st, u, id, version(st, id), "intake", &err) == 0, "%s", err.msg);
	ck_assert_msg(store_assist_letters(st, u, id, version(st, id), 1, 1, &err) == 0, "%s", err.msg);
	ck_assert_msg(store_assist_plan_add(st, u, id, version(st, id), "ZRZY-001", "2026-03-10", &err) == 0, "%s",
		      err.msg);
	ck_assert_msg(store_assist_plan_add(st, u, id, version(st, id), "ZJJ-001", "2026-04-20", &err) == 0, "%s",
		      err.msg);
	ck_assert_msg(store_assist_start(st, u, id, version(st, id), &err) == 0, "%s", err.msg);
	return id;
}

START_TEST(the_whole_way_to_archived)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user clerk = user(st, "intake");
	const struct yc_assist *a;
	struct yc_assist_row rows[10];
	struct yc_err err;
	char sql[300];
	int64_t id;
	int n, v;

	id = new_request(st, &clerk, "乌审旗图克工业园区煤制烯烃配套项目");
	a = fetch(st, id);
	ck_assert_str_eq(a->r.status, "open");
	ck_assert_str_eq(a->r.project_name, "乌审旗图克工业园区煤制烯烃配套项目");
	ck_assert_str_eq(a->qualifies, "列入2026年自治区重点项目清单，总投资12亿元");
	ck_assert_str_eq(a->r.agent_login, "");
	ck_assert_int_eq(a->r.version, 1);

	ck_assert_msg(store_assist_assign(st, &clerk, id, 1, "intake", &err) == 0, "%s", err.msg);
	a = fetch(st, id);
	ck_assert_str_eq(a->r.agent_login, "intake");
	ck_assert_str_eq(a->r.agent, "受理员 孙晓梅");
	ck_assert_int_eq(a->r.version, 2);

	ck_assert_msg(store_assist_letters(st, &clerk, id, 2, 1, 1, &err) == 0, "%s", err.msg);
	ck_assert_msg(store_assist_plan_add(st, &clerk, id, 3, "ZRZY-001", "2026-03-10", &err) == 0, "%s", err.msg);
	ck_assert_msg(store_assist_plan_add(st, &clerk, id, 4, "ZJJ-001", "2026-04-20", &err) == 0, "%s", err.msg);
	a = fetch(st, id);
	ck_assert_int_eq(a->n_plan, 2);
	ck_assert_int_eq(a->plan[0].seq, 1);
	ck_assert_str_eq(a->plan[0].item_code, "ZRZY-001");
	ck_assert_str_eq(a->plan[0].target_date, "2026-03-10");
	ck_assert_int_eq(a->plan[1].seq, 2);
	ck_assert_str_eq(a->plan[1].item_code, "ZJJ-001");
	ck_assert_str_eq(a->plan[1].done_at, "");

	ck_assert_msg(store_assist_start(st, &clerk, id, 5, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(fetch(st, id)->r.status, "in_progress");
	ck_assert_msg(store_assist_log_add(st, &clerk, id, "progress", "用地预审材料已报自然资源局", &err) == 0, "%s",
		      err.msg);
	ck_assert_msg(store_assist_log_add(st, &clerk, id, "coordination", "协调住建局提前介入施工图审查", &err) == 0,
		      "%s", err.msg);
	ck_assert_int_eq(version(st, id), 6);   /* entries are appended: no change to the request */
	a = fetch(st, id);
	ck_assert_msg(store_assist_plan_done(st, &clerk, id, 6, a->plan[0].id, &err) == 0, "%s", err.msg);
	a = fetch(st, id);
	ck_assert_msg(store_assist_plan_done(st, &clerk, id, 7, a->plan[1].id, &err) == 0, "%s", err.msg);
	ck_assert_msg(store_assist_log_add(st, &clerk, id, "feedback", "两项审批均已办结，已电话告知王建军", &err) == 0,
		      "%s", err.msg);
	a = fetch(st, id);
	ck_assert_str_eq(a->feedback, "两项审批均已办结，已电话告知王建军");
	ck_assert_int_eq(a->r.plan_done, 2);
	ck_assert_int_eq(a->n_log, 3);
	ck_assert_str_eq(a->log[0].kind, "progress");
	ck_assert_str_eq(a->log[2].kind, "feedback");
	ck_assert_str_eq(a->log[2].by, "受理员 孙晓梅");
	v = a->r.version;

	ck_assert_msg(store_assist_deliver(st, &clerk, id, v, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(fetch(st, id)->r.status, "delivered");
	/* archiving needs the materials back and a score of 1..5 */
	ck_assert_int_eq(store_assist_archive(st, &clerk, id, v + 1, 0, 5, "", &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_int_eq(store_assist_archive(st, &clerk, id, v + 1, 1, 6, "", &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_int_eq(store_assist_archive(st, &clerk, id, v + 1, 1, 0, "", &err), -1);
	ck_assert_msg(store_assist_archive(st, &clerk, id, v + 1, 1, 5, "企业对全程代办非常满意", &err) == 0, "%s",
		      err.msg);
	a = fetch(st, id);
	ck_assert_str_eq(a->r.status, "archived");
	ck_assert_int_eq(a->materials_returned, 1);
	ck_assert_int_eq(a->evaluation_score, 5);
	ck_assert_str_eq(a->evaluation_note, "企业对全程代办非常满意");
	ck_assert_str_ne(a->closed_at, "");
	ck_assert_str_eq(a->r.termination_number, "");
	/* one event per change: create, assign, letters, 2 plan items, start,
	 * 2 log entries, 2 items done, feedback, deliver, archive */
	ck_assert_int_eq(events_of(path, id), 13);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM events WHERE entity = 'assist' AND entity_id = %lld"
		 " AND action = 'archive' AND old_value = 'delivered'", (long long)id);
	ck_assert_int_eq(query_long(path, sql), 1);
	/* archived: nothing more */
	ck_assert_int_eq(store_assist_log_add(st, &clerk, id, "progress", "再记一笔", &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_int_eq(store_assist_page(st, "WSQ", NULL, 1, rows, 10, &n, &err), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(rows[0].status, "archived");
	store_close(st);
}
END_TEST

START_TEST(start_is_refused_saying_what_is_missing)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user clerk = user(st, "intake");
	struct yc_err err;
	int64_t id = new_request(st, &clerk, "乌审旗光伏治沙项目");

	ck_assert_int_eq(store_assist_start(st, &clerk, id, version(st, id), &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_msg(strstr(err.msg, "no agent"), "%s", err.msg);
	ck_assert_msg(strstr(err.msg, "authorisation"), "%s", err.msg);
	ck_assert_msg(strstr(err.msg, "commitment"), "%s", err.msg);

	/* only staff of the special windows can be the agent */
	ck_assert_int_eq(store_assist_assign(st, &clerk, id, version(st, id), "review", &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_int_eq(store_assist_assign(st, &clerk, id, version(st, id), "nobody", &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_msg(store_assist_assign(st, &clerk, id, version(st, id), "intake", &err) == 0, "%s", err.msg);
	ck_assert_int_eq(store_assist_start(st, &clerk, id, version(st, id), &err), -1);
	ck_assert_msg(!strstr(err.msg, "no agent"), "%s", err.msg);
	ck_assert_msg(strstr(err.msg, "authorisation"), "%s", err.msg);
	ck_assert_msg(strstr(err.msg, "commitment"), "%s", err.msg);

	ck_assert_msg(store_assist_letters(st, &clerk, id, version(st, id), 1, 0, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(store_assist_start(st, &clerk, id, version(st, id), &err), -1);
	ck_assert_msg(!strstr(err.msg, "authorisation"), "%s", err.msg);
	ck_assert_msg(strstr(err.msg, "commitment letter"), "%s", err.msg);

	ck_assert_msg(store_assist_letters(st, &clerk, id, version(st, id), 0, 1, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(store_assist_start(st, &clerk, id, version(st, id), &err), -1);
	ck_assert_msg(strstr(err.msg, "authorisation letter"), "%s", err.msg);
	ck_assert_msg(!strstr(err.msg, "commitment"), "%s", err.msg);
	ck_assert_str_eq(fetch(st, id)->r.status, "open");

	ck_assert_msg(store_assist_letters(st, &clerk, id, version(st, id), 1, 1, &err) == 0, "%s", err.msg);
	ck_assert_msg(store_assist_start(st, &clerk, id, version(st, id), &err) == 0, "%s", err.msg);
	ck_assert_str_eq(fetch(st, id)->r.status, "in_progress");
	/* once started the letters are settled, and it starts once */
	ck_assert_int_eq(store_assist_letters(st, &clerk, id, version(st, id), 0, 0, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_int_eq(store_assist_start(st, &clerk, id, version(st, id), &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	/* refusals leave no events: create, assign, three letters, start */
	ck_assert_int_eq(events_of(path, id), 6);
	store_close(st);
}
END_TEST

START_TEST(delivery_waits_for_every_plan_item_and_the_feedback)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user clerk = user(st, "intake");
	const struct yc_assist *a;
	struct yc_err err;
	int64_t empty, id;

	/* started without a plan: nothing to deliver */
	empty = new_request(st, &clerk, "无计划项目");
	ck_assert_int_eq(store_assist_assign(st, &clerk, empty, version(st, empty), "intake", &err), 0);
	ck_assert_int_eq(store_assist_letters(st, &clerk, empty, version(st, empty), 1, 1, &err), 0);
	ck_assert_int_eq(store_assist_plan_done(st, &clerk, empty, version(st, empty), 1, &err), -1);   /* not started */
	ck_assert_int_eq(store_assist_start(st, &clerk, empty, version(st, empty), &err), 0);
	ck_assert_int_eq(store_assist_deliver(st, &clerk, empty, version(st, empty), &err), -1);
	ck_assert_msg(strstr(err.msg, "plan is empty"), "%s", err.msg);

	id = started_request(st, &clerk, "乌审旗天然气综合利用项目");
	ck_assert_int_eq(store_assist_deliver(st, &clerk, id, version(st, id), &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_msg(strstr(err.msg, "plan items open: 2"), "%s", err.msg);
	ck_assert_msg(strstr(err.msg, "feedback"), "%s", err.msg);
	a = fetch(st, id);
	ck_assert_int_eq(store_assist_plan_done(st, &clerk, id, a->r.version, a->plan[0].id, &err), 0);
	ck_assert_int_eq(store_assist_plan_done(st, &clerk, id, version(st, id), a->plan[0].id, &err), -1);   /* once */
	ck_assert_int_eq(store_assist_plan_done(st, &clerk, id, version(st, id), 99999, &err), -1);
	ck_assert_int_eq(store_assist_log_add(st, &clerk, id, "feedback", "用地预审已办结", &err), 0);
	ck_assert_int_eq(store_assist_deliver(st, &clerk, id, version(st, id), &err), -1);
	ck_assert_msg(strstr(err.msg, "plan items open: 1"), "%s", err.msg);
	ck_assert_msg(!strstr(err.msg, "feedback"), "%s", err.msg);
	ck_assert_str_eq(fetch(st, id)->r.status, "in_progress");
	a = fetch(st, id);
	ck_assert_int_eq(store_assist_plan_done(st, &clerk, id, a->r.version, a->plan[1].id, &err), 0);
	ck_assert_msg(store_assist_deliver(st, &clerk, id, version(st, id), &err) == 0, "%s", err.msg);
	ck_assert_str_eq(fetch(st, id)->r.status, "delivered");
	/* a delivered request is archived, not terminated */
	ck_assert_int_eq(store_assist_terminate(st, &clerk, id, version(st, id), "WSQ", "不再需要", (char[40]){ 0 },
						&err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_int_eq(store_assist_log_add(st, &clerk, id, "bogus", "x", &err), -1);
	ck_assert_int_eq(store_assist_log_add(st, &clerk, id, "progress", "  ", &err), -1);
	store_close(st);
}
END_TEST

START_TEST(termination_numbers_are_unique_and_termination_is_final)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user clerk = user(st, "intake");
	char one[40] = "", two[40] = "", three[40] = "", sql[200];
	struct yc_err err;
	int64_t a, b;
	int v;

	setenv("YICHUANG_TODAY", "2026-05-12 10:00", 1);
	a = new_request(st, &clerk, "项目甲");
	b = started_request(st, &clerk, "项目乙");
	ck_assert_int_eq(store_assist_terminate(st, &clerk, a, version(st, a), "WSQ", "", one, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_int_eq(store_assist_terminate(st, &clerk, a, version(st, a), "WSQ", "　 ", one, &err), -1);
	ck_assert_msg(store_assist_terminate(st, &clerk, a, version(st, a), "WSQ", "企业决定暂缓投资", one, &err) == 0,
		      "%s", err.msg);
	ck_assert_msg(store_assist_terminate(st, &clerk, b, version(st, b), "WSQ", "企业自行办理", two, &err) == 0,
		      "%s", err.msg);
	ck_assert_str_eq(one, "WSQ-ZZ-2026-000001");
	ck_assert_str_eq(two, "WSQ-ZZ-2026-000002");
	ck_assert_str_ne(one, two);
	ck_assert_str_eq(fetch(st, a)->r.termination_number, one);
	ck_assert_str_eq(fetch(st, a)->termination_reason, "企业决定暂缓投资");
	ck_assert_str_eq(fetch(st, b)->r.status, "terminated");
	ck_assert_str_ne(fetch(st, b)->closed_at, "");

	/* nothing after termination */
	v = version(st, b);
	ck_assert_int_eq(store_assist_terminate(st, &clerk, b, v, "WSQ", "再次", three, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_msg(strstr(err.msg, "terminated"), "%s", err.msg);
	ck_assert_int_eq(store_assist_assign(st, &clerk, b, v, "intake", &err), -1);
	ck_assert_int_eq(store_assist_letters(st, &clerk, b, v, 0, 0, &err), -1);
	ck_assert_int_eq(store_assist_plan_add(st, &clerk, b, v, "ZJJ-002", "2026-06-01", &err), -1);
	ck_assert_int_eq(store_assist_plan_done(st, &clerk, b, v, fetch(st, b)->plan[0].id, &err), -1);
	ck_assert_int_eq(store_assist_log_add(st, &clerk, b, "progress", "继续", &err), -1);
	ck_assert_int_eq(store_assist_log_add(st, &clerk, b, "feedback", "反馈", &err), -1);
	ck_assert_int_eq(store_assist_start(st, &clerk, b, v, &err), -1);
	ck_assert_int_eq(store_assist_deliver(st, &clerk, b, v, &err), -1);
	ck_assert_int_eq(store_assist_archive(st, &clerk, b, v, 1, 5, "", &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_int_eq(version(st, b), v);
	ck_assert_str_eq(fetch(st, b)->r.termination_number, two);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM assist_requests WHERE termination_number IS NOT NULL");
	ck_assert_int_eq(query_long(path, sql), 2);
	/* a site code with '-' is written without it */
	{
		int64_t c = new_request(st, &clerk, "项目丙");

		ck_assert_int_eq(store_assist_terminate(st, &clerk, c, version(st, c), "WSQ-GLT", "撤回", three, &err), 0);
		ck_assert_str_eq(three, "WSQGLT-ZZ-2026-000001");
	}
	unsetenv("YICHUANG_TODAY");
	store_close(st);
}
END_TEST

START_TEST(a_guide_may_not)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user clerk = user(st, "intake"), guide = user(st, "guide"), review = user(st, "review");
	struct yc_assist_new n = { "某项目", "某公司", "李四", "13947712345", "重点项目", "WSQ" };
	char number[40];
	struct yc_err err;
	int64_t id = new_request(st, &clerk, "乌审旗风电项目"), none = 0;
	int v = version(st, id);

	ck_assert_int_eq(store_assist_create(st, &guide, &n, &none, &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	ck_assert_int_eq(store_assist_create(st, &review, &n, &none, &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	ck_assert_int_eq(store_assist_assign(st, &guide, id, v, "intake", &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	ck_assert_int_eq(store_assist_letters(st, &guide, id, v, 1, 1, &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	ck_assert_int_eq(store_assist_plan_add(st, &guide, id, v, "ZJJ-001", "2026-06-01", &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	ck_assert_int_eq(store_assist_log_add(st, &guide, id, "progress", "x", &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	ck_assert_int_eq(store_assist_start(st, &guide, id, v, &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	ck_assert_int_eq(store_assist_terminate(st, &guide, id, v, "WSQ", "理由", number, &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	ck_assert_int_eq(none, 0);
	ck_assert_int_eq(version(st, id), v);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM assist_requests"), 1);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM assist_log"), 0);
	store_close(st);
}
END_TEST

START_TEST(a_bad_target_date_or_item_is_refused)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user clerk = user(st, "intake");
	struct yc_assist_new bad_phone = { "某项目", "某公司", "李四", "12345", "重点项目", "WSQ" };
	struct yc_assist_new no_reason = { "某项目", "某公司", "李四", "13947712345", "", "WSQ" };
	static const char *const dates[] = { "2026-02-30", "2026/03/01", "2026-3-1", "", "tomorrow", "2026-13-01" };
	struct yc_err err;
	int64_t id = new_request(st, &clerk, "乌审旗储能电站项目"), none = 0;
	size_t i;
	int v = version(st, id);

	for (i = 0; i < YC_ARRAY_LEN(dates); i++) {
		ck_assert_int_eq(store_assist_plan_add(st, &clerk, id, v, "ZJJ-001", dates[i], &err), -1);
		ck_assert_int_eq(err.code, YC_EINVAL);
	}
	ck_assert_int_eq(store_assist_plan_add(st, &clerk, id, v, "ZJJ-001", NULL, &err), -1);
	ck_assert_int_eq(store_assist_plan_add(st, &clerk, id, v, "NO-SUCH", "2026-06-01", &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_msg(strstr(err.msg, "NO-SUCH"), "%s", err.msg);
	ck_assert_int_eq(fetch(st, id)->n_plan, 0);
	ck_assert_int_eq(version(st, id), v);
	ck_assert_msg(store_assist_plan_add(st, &clerk, id, v, "ZJJ-001", "2028-02-29", &err) == 0, "%s", err.msg);
	ck_assert_str_eq(fetch(st, id)->plan[0].target_date, "2028-02-29");
	/* a new request needs every field, and a phone number that is one */
	ck_assert_int_eq(store_assist_create(st, &clerk, &bad_phone, &none, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_int_eq(store_assist_create(st, &clerk, &no_reason, &none, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_int_eq(none, 0);
	store_close(st);
}
END_TEST

START_TEST(two_stations_on_the_same_request)
{
	const char *path = make_db(1);
	struct yc_store *one = open_db(path, "unix", 2000), *two = open_db(path, "unix", 2000);
	struct yc_user clerk = user(one, "intake");
	char n1[40] = "", n2[40] = "";
	struct yc_err err;
	int64_t id = new_request(one, &clerk, "乌审旗氢能示范项目");
	int v1 = version(one, id), v2 = version(two, id);

	ck_assert_int_eq(v1, v2);
	ck_assert_msg(store_assist_assign(one, &clerk, id, v1, "intake", &err) == 0, "%s", err.msg);
	ck_assert_int_eq(store_assist_letters(two, &clerk, id, v2, 1, 1, &err), -1);
	ck_assert_int_eq(err.code, YC_ECONFLICT);
	ck_assert_msg(strstr(err.msg, "Another station"), "%s", err.msg);
	ck_assert_int_eq(fetch(one, id)->r.authorisation_signed, 0);
	/* looked at again, it goes */
	ck_assert_msg(store_assist_letters(two, &clerk, id, version(two, id), 1, 1, &err) == 0, "%s", err.msg);
	/* log entries are appended: no conflict, and the version stays */
	v1 = version(one, id);
	ck_assert_int_eq(store_assist_log_add(two, &clerk, id, "coordination", "约见发改委", &err), 0);
	ck_assert_int_eq(store_assist_plan_add(one, &clerk, id, v1, "ZRZY-002", "2026-07-01", &err), 0);
	/* both terminate what they read: one number, one termination */
	v1 = version(one, id);
	v2 = version(two, id);
	ck_assert_int_eq(store_assist_terminate(one, &clerk, id, v1, "WSQ", "企业迁址", n1, &err), 0);
	ck_assert_int_eq(store_assist_terminate(two, &clerk, id, v2, "WSQ", "重复申请", n2, &err), -1);
	ck_assert_int_eq(err.code, YC_ECONFLICT);
	ck_assert_msg(strstr(err.msg, "terminated"), "%s", err.msg);
	ck_assert_str_eq(n2, "");
	ck_assert_str_eq(fetch(two, id)->termination_reason, "企业迁址");
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM events WHERE entity = 'assist' AND action = 'terminate'"),
			 1);
	store_close(one);
	store_close(two);
}
END_TEST

/* 300 requests besides one recorded at the window, in every state by
 * turns: the list pages whole (open, in progress, delivered, each oldest
 * first, then the closed ones newest first), to its last row and back,
 * and the heading's counts are the store's. The screen once held 200. */
START_TEST(a_long_list_pages_to_its_last_request)
{
	const char *path = make_db(1);
	struct yc_store *st;
	struct yc_user clerk;
	struct yc_assist_row rows[64], last, back[10];
	const struct yc_assist_row *from = NULL;
	struct yc_assist_count count;
	struct yc_err err;
	long seen = 0;
	int n, i;

	pin_clock("2026-11-27 10:00");
	st = open_db(path, "unix", 2000);
	clerk = user(st, "intake");
	ck_assert_int_eq(new_request(st, &clerk, "乌审旗光伏治沙项目"), 1);
	exec(path, "WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 300)"
	     " INSERT INTO assist_requests(id, project_name, company, contact, phone, qualifies, status, created_by,"
	     " created_at) SELECT 1000 + n, printf('项目%03d', n), company, contact, phone, qualifies,"
	     " CASE n % 5 WHEN 0 THEN 'open' WHEN 1 THEN 'in_progress' WHEN 2 THEN 'delivered' WHEN 3 THEN 'archived'"
	     " ELSE 'terminated' END, created_by, created_at FROM k, assist_requests WHERE assist_requests.id = 1");
	ck_assert_int_eq(store_assist_count(st, "", &count, &err), 0);
	ck_assert_int_eq(count.all, 301);
	ck_assert_int_eq(count.open, 61);
	ck_assert_int_eq(count.in_progress, 60);
	ck_assert_int_eq(count.delivered, 60);
	do {
		ck_assert_msg(store_assist_page(st, "", from, 1, rows, 64, &n, &err) == 0, "%s", err.msg);
		for (i = 0; i < n; i++, seen++) {
			if (seen > 0)
				ck_assert(rows[i].state_order > last.state_order ||
					  (rows[i].state_order == last.state_order &&
					   (rows[i].state_order == 3 ? rows[i].id < last.id : rows[i].id > last.id)));
			last = rows[i];
		}
		from = &last;
	} while (n == 64);
	ck_assert_int_eq(seen, 301);
	ck_assert_int_eq(last.id, 1003);   /* the oldest closed */
	/* from the end: the last ten in display order; before a row: the ten above it */
	ck_assert_int_eq(store_assist_page(st, "", NULL, 0, back, 10, &n, &err), 0);
	ck_assert_int_eq(n, 10);
	ck_assert_int_eq(back[9].id, 1003);
	ck_assert_int_eq(back[0].id, 1024);   /* 1024, 1023, 1019, 1018 ... 1004, 1003 */
	ck_assert_int_eq(store_assist_page(st, "", &back[0], 0, rows, 10, &n, &err), 0);
	ck_assert_int_eq(n, 10);
	ck_assert_int_eq(rows[9].id, 1028);
	store_close(st);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("assist");
	TCase *t = tcase_create("assist");

	tcase_set_timeout(t, 60);
	tcase_add_test(t, the_whole_way_to_archived);
	tcase_add_test(t, a_long_list_pages_to_its_last_request);
	tcase_add_test(t, start_is_refused_saying_what_is_missing);
	tcase_add_test(t, delivery_waits_for_every_plan_item_and_the_feedback);
	tcase_add_test(t, termination_numbers_are_unique_and_termination_is_final);
	tcase_add_test(t, a_guide_may_not);
	tcase_add_test(t, a_bad_target_date_or_item_is_refused);
	tcase_add_test(t, two_stations_on_the_same_request);
	suite_add_tcase(s, t);
	return run_suite(s);
}
