/* test_sites.c - the banner's hall and a township centre in one database:
 * each site numbers its cases, notices and tickets per day on its own,
 * sees its own queue, pickup window, slips, special requests and menu
 * counts, and the departments' back office sees both sites' cases, each
 * with its site; a hall's file of schema 27 gets every record its site. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "documents.h"
#include "store-backoffice.h"
#include "store-construction.h"
#include "store-guidance.h"
#include "store-intake.h"
#include "store-pickup.h"
#include "store-queue.h"
#include "store-remote.h"
#include "store-setup.h"
#include "store-slips.h"
#include "store-special.h"
#include "testdb.h"
#include "intake.h"

/* The hall WSQ (make_db) and the township TK-Z, both empty of work. */
static const char *two_sites(struct yc_store **st)
{
	const char *path = make_db(1);
	struct yc_err err;

	exec(path, "DELETE FROM transfer_slips; DELETE FROM queue_tickets WHERE appointment_id IS NULL;");
	*st = open_db(path, "unix", 2000);
	ck_assert_msg(store_site_add(*st, 0, "TK-Z", "图克镇便民服务中心", "township", &err) == 0, "%s", err.msg);
	return path;
}

static char *notice_only(void *ctx, const struct yc_notice_facts *f)
{
	(void)ctx;
	return strdup(f->notice_number);
}

/* A food licence accepted at the site, every checkpoint conforming. */
static struct yc_outcome_result accept_at(struct yc_store *st, const char *site, const char *id_number)
{
	struct yc_user u = user(st, "intake");
	struct yc_outcome_req req = { OUTCOME_ACCEPT, site, NULL, notice_only, NULL, 0 };
	struct yc_outcome_result r;
	struct intake in;
	struct yc_err err;
	int64_t item = query_long(store_path(st), "SELECT id FROM service_items WHERE code = 'SCJG-004'");

	ck_assert_msg(store_intake_start(st, item, "2026-11-27", &in, &err) == 0, "%s", err.msg);
	strcpy(in.a.kind, "person");
	strcpy(in.a.name, "王海燕");
	strcpy(in.a.id_number, id_number);
	strcpy(in.a.phone, "13904771234");
	intake_all_conforming(&in, -1);
	ck_assert_msg(store_intake_commit(st, &u, &in, &req, &r, &err) == 0, "%s", err.msg);
	free(r.notice_text);
	return r;
}

START_TEST(two_sites_number_their_cases_and_tickets_per_day_each)
{
	struct yc_store *st;
	const char *path = two_sites(&st);
	struct yc_outcome_result hall1, town1, hall2, town2;
	char t_hall1[16], t_town1[16], t_town2[16];
	struct yc_err err;

	/* the same day, taking turns: each site's serial starts at 1 and
	 * leaves no gap for the other's */
	hall1 = accept_at(st, "WSQ", "150626198503120027");
	town1 = accept_at(st, "TK-Z", "150626198503120027");
	hall2 = accept_at(st, "WSQ", "15062619690402028X");
	town2 = accept_at(st, "TK-Z", "15062619690402028X");
	ck_assert_str_eq(town1.case_number, "TKZ202611270001");
	ck_assert_str_eq(town2.case_number, "TKZ202611270002");
	ck_assert_int_eq(strncmp(hall1.case_number, "WSQ20261127", 11), 0);
	ck_assert_int_eq(atoi(hall2.case_number + 11), atoi(hall1.case_number + 11) + 1);
	ck_assert_str_eq(town1.notice_number, "TKZ-SL-2026-000001");
	ck_assert_str_eq(town2.notice_number, "TKZ-SL-2026-000002");
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM cases c JOIN sites s ON s.id = c.site_id"
				   " WHERE s.code = 'TK-Z' AND c.case_number LIKE 'TKZ%'"), 2);

	ck_assert_int_eq(store_ticket_issue(st, "WSQ", "combined", 0, 0, 0, 0, t_hall1, &err), 0);
	ck_assert_int_eq(store_ticket_issue(st, "TK-Z", "combined", 0, 0, 0, 0, t_town1, &err), 0);
	ck_assert_int_eq(store_ticket_issue(st, "TK-Z", "combined", 0, 0, 0, 0, t_town2, &err), 0);
	ck_assert_str_eq(t_town1, "A001");
	ck_assert_str_eq(t_town2, "A002");
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM queue_tickets t JOIN sites s ON s.id = t.site_id"
				   " WHERE s.code = 'TK-Z' AND t.day = '2026-11-27'"), 2);
	store_close(st);
}
END_TEST

static long waiting(struct yc_store *st, const char *site)
{
	long total;
	struct yc_err err;

	ck_assert_int_eq(store_queue_waiting_count(st, site, "combined", &total, &err), 0);
	return total;
}

START_TEST(each_site_calls_its_own_queue)
{
	struct yc_store *st;
	const char *path = two_sites(&st);
	long hall_before = waiting(st, "WSQ");
	int64_t clerk = user(st, "intake").id;
	struct yc_ticket t;
	struct yc_err err;
	char number[16];

	(void)path;
	ck_assert_int_eq(store_ticket_issue(st, "TK-Z", "combined", 0, 0, 0, 0, number, &err), 0);
	ck_assert_int_eq(waiting(st, "TK-Z"), 1);
	ck_assert_int_eq(waiting(st, "WSQ"), hall_before);
	/* the hall's window does not call the township's ticket */
	ck_assert_int_eq(hall_before, 0);
	ck_assert_msg(store_queue_call_next(st, "WSQ", "combined", "综合受理1号窗", clerk, &t, &err) == 1, "%s",
		      err.msg);
	ck_assert_msg(store_queue_call_next(st, "TK-Z", "combined", "综合受理1号窗", clerk, &t, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(t.number, "A001");
	ck_assert_int_eq(waiting(st, "TK-Z"), 0);
	store_close(st);
}
END_TEST

/* The two cases moved on as the back office would move them. */
static void set_status(const char *path, const char *status, const char *a, const char *b)
{
	char sql[300];

	snprintf(sql, sizeof sql, "UPDATE cases SET status = '%s', decided_at = '2026-11-27 11:00:00'"
		 " WHERE case_number IN ('%s', '%s')", status, a, b);
	exec(path, sql);
}

START_TEST(pickup_slips_and_menu_are_the_sites_own_the_department_sees_both)
{
	struct yc_store *st;
	const char *path = two_sites(&st);
	struct yc_outcome_result hall = accept_at(st, "WSQ", "150626198503120027");
	struct yc_outcome_result town = accept_at(st, "TK-Z", "15062619690402028X");
	struct yc_user review = user(st, "review");
	struct yc_overview hall_ov, town_ov;
	struct yc_dept_case rows[100];
	struct yc_pickup_row p[100];
	struct yc_slip_row s[10];
	struct yc_err err;
	long all, late, hall_results;
	int n, i, seen_hall = 0, seen_town = 0;

	/* the front's slips: each site hands over its own paper */
	ck_assert_int_eq(store_slips_waiting_page(st, "TK-Z", "to_department", 0, "2026-11-27", "", NULL, 1, s, 10, &n,
						  &err), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(s[0].case_number, town.case_number);
	ck_assert_int_eq(store_slips_waiting_count(st, "", "to_department", 0, "2026-11-27", "", &all, &late, &err), 0);
	ck_assert_int_eq(all, 2);

	/* both in the department: its list has both, each with its site */
	set_status(path, "in_department", hall.case_number, town.case_number);
	ck_assert_int_eq(store_dept_cases_page(st, review.department_id, NULL, 1, rows, 100, &n, &err), 0);
	for (i = 0; i < n; i++) {
		if (strcmp(rows[i].case_number, hall.case_number) == 0)
			seen_hall = strcmp(rows[i].site, "WSQ") == 0;
		if (strcmp(rows[i].case_number, town.case_number) == 0)
			seen_town = strcmp(rows[i].site, "TK-Z") == 0;
	}
	ck_assert(seen_hall && seen_town);

	/* the results back: each pickup window lists its own */
	ck_assert_int_eq(store_pickup_count(st, "WSQ", PICKUP_WAITING, "2026-11-27", "", &hall_results, &err), 0);
	set_status(path, "result_at_pickup", hall.case_number, town.case_number);
	ck_assert_int_eq(store_pickup_page(st, "TK-Z", PICKUP_WAITING, "2026-11-27", "", NULL, 1, p, 100, &n, &err), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(p[0].case_number, town.case_number);
	ck_assert_int_eq(store_pickup_count(st, "WSQ", PICKUP_WAITING, "2026-11-27", "", &all, &err), 0);
	ck_assert_int_eq(all, hall_results + 1);
	ck_assert_int_eq(store_pickup_count(st, "", PICKUP_WAITING, "2026-11-27", "", &all, &err), 0);
	ck_assert_int_eq(all, hall_results + 2);

	/* the menu's counts: the township's are its one case's */
	ck_assert_int_eq(store_overview(st, "TK-Z", "2026-11-27", &town_ov, &err), 0);
	ck_assert_int_eq(store_overview(st, "WSQ", "2026-11-27", &hall_ov, &err), 0);
	ck_assert_int_eq(town_ov.results_waiting, 1);
	ck_assert_int_eq(town_ov.cases_open, 0);
	ck_assert_int_eq(hall_ov.results_waiting, hall_results + 1);

	store_close(st);
}
END_TEST

/* The pickup window's reminders (F8, `pickup remind`): each site reminds
 * its own applicants, in its own hall's name. */
START_TEST(each_site_reminds_its_own_results)
{
	struct yc_store *st;
	const char *path = two_sites(&st);
	struct yc_outcome_result town = accept_at(st, "TK-Z", "15062619690402028X");
	struct doc_hall tk = { "图克镇便民服务中心", "", NULL }, wsq = { "乌审旗政务服务中心", "", NULL };
	char sql[600];
	struct yc_err err;

	snprintf(sql, sizeof sql,
		 "UPDATE cases SET status = 'notified' WHERE case_number = '%s';"
		 "INSERT INTO transfer_slips(case_id, number, department_id, envelope, direction, created_at, handed_at)"
		 " SELECT id, 'TKZ-JG-1', 1, 'result', 'to_pickup', '2026-11-10 15:00:00', '2026-11-10 15:00:00'"
		 " FROM cases WHERE case_number = '%s'", town.case_number, town.case_number);
	exec(path, sql);
	ck_assert_int_ge(store_pickup_remind(st, NULL, "WSQ", &wsq, 5, &err), 0);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM notifications n JOIN cases c ON c.id = n.case_id"
				   " WHERE c.case_number LIKE 'TKZ%'"), 0);
	ck_assert_int_eq(store_pickup_remind(st, NULL, "TK-Z", &tk, 5, &err), 1);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM notifications n JOIN cases c ON c.id = n.case_id"
				   " WHERE c.case_number LIKE 'TKZ%' AND n.message LIKE '%图克镇便民服务中心%'"), 1);
	store_close(st);
}
END_TEST

/* A hall's database of schema 27, where the guidance desk's consultations and
 * the special windows' requests had no site: upgraded, each has the site
 * of the user who made it (the hall's for a user of no township), and
 * the windows list them as before. */
START_TEST(a_hall_of_schema_27_gets_every_record_its_site)
{
	const char *path = make_db(1);
	struct yc_store *st;
	long all, open;
	struct yc_err err;

	undo_schema_to(path, 27);
	set_schema_version(path, 27);
	exec(path, "UPDATE users SET site_id = (SELECT id FROM sites WHERE code = 'WSQ-GLN') WHERE login = 'guide';"
		   "INSERT INTO consultations(at, user_id, outcome) SELECT '2026-11-26 09:00:00', id, 'answered'"
		   " FROM users WHERE login IN ('guide', 'intake');"
		   "INSERT INTO remote_requests(kind, item_id, applicant_id, home_region, home_department, home_site,"
		   " created_by, created_at) SELECT 'city', (SELECT min(id) FROM service_items),"
		   " (SELECT min(id) FROM applicants), '鄂尔多斯市东胜区', '市场监督管理局', '东胜区政务服务中心',"
		   " id, '2026-11-26 09:00:00' FROM users WHERE login = 'intake';"
		   "INSERT INTO projects(code, name, builder, location, stage, created_by, created_at)"
		   " SELECT '2026-150626-48-01-000001', '道路工程', '城投公司', '嘎鲁图镇', 'land_use', id,"
		   " '2026-11-26 09:00:00' FROM users WHERE login = 'intake';"
		   "INSERT INTO assist_requests(project_name, company, contact, phone, qualifies, created_by, created_at)"
		   " SELECT '光伏项目', '某公司', '李四', '13947712345', '重点项目', id, '2026-11-26 09:00:00'"
		   " FROM users WHERE login = 'intake';");
	st = open_db(path, "unix", 2000);
	ck_assert_int_eq(query_long(path, "PRAGMA user_version"), store_schema_version());
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM consultations c JOIN users u ON u.id = c.user_id"
				   " WHERE c.site_id IS u.site_id"), 2);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM consultations c JOIN sites s ON s.id = c.site_id"
				   " WHERE s.code = 'WSQ-GLN'"), 1);
	ck_assert_int_eq(store_remote_count(st, "WSQ", "", &all, &open, &err), 0);
	ck_assert_int_eq(all, 1);
	ck_assert_int_eq(store_projects_count(st, "WSQ", &all, &open, &err), 0);
	ck_assert_int_eq(all, 1);
	ck_assert_int_eq(store_projects_count(st, "WSQ-GLN", &all, &open, &err), 0);
	ck_assert_int_eq(all, 0);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM assist_requests WHERE site_id = (SELECT min(id) FROM sites)"),
			 1);
	store_close(st);
}
END_TEST

/* The special windows' requests and the guidance desk's consultations are
 * the station's site's, and each site's windows list their own. */
START_TEST(special_requests_are_the_sites_that_took_them)
{
	struct yc_store *st;
	const char *path = two_sites(&st);
	struct yc_user clerk = user(st, "intake"), guide = user(st, "guide");
	struct yc_project_new town = { "2026-150626-48-01-000901", "苏木道路", "城投公司", "图克镇", "TK-Z" };
	struct yc_project_new hall = { "2026-150626-48-01-000902", "旗道路", "城投公司", "嘎鲁图镇", "WSQ" };
	struct yc_consultation c = { 0, "answered", 0, "营业执照怎么办？", 0, NULL, "TK-Z" };
	long all, in_progress, waiting_town, waiting_hall;
	struct yc_err err;

	ck_assert_msg(store_project_create(st, &clerk, &town, NULL, NULL, &err) == 0, "%s", err.msg);
	ck_assert_msg(store_project_create(st, &clerk, &hall, NULL, NULL, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(store_projects_count(st, "TK-Z", &all, &in_progress, &err), 0);
	ck_assert_int_eq(all, 1);
	ck_assert_int_eq(store_projects_count(st, "", &all, &in_progress, &err), 0);
	ck_assert_int_eq(all, 2);
	/* the combined intake's waiting approvals: each site its project's */
	ck_assert_int_eq(store_special_count(st, "TK-Z", &waiting_town, &err), 0);
	ck_assert_int_eq(store_special_count(st, "WSQ", &waiting_hall, &err), 0);
	ck_assert_int_gt(waiting_town, 0);
	ck_assert_int_eq(waiting_hall, waiting_town);
	ck_assert_int_eq(store_special_count(st, "", &all, &err), 0);
	ck_assert_int_eq(all, waiting_town + waiting_hall);
	ck_assert_msg(store_consultation_add(st, guide.id, &c, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM consultations c JOIN sites s ON s.id = c.site_id"
				   " WHERE s.code = 'TK-Z'"), 1);
	store_close(st);
}
END_TEST

static void setup(void)
{
	pin_clock("2026-11-27 10:00");
}

int main(void)
{
	Suite *s = suite_create("sites");
	TCase *t = tcase_create("sites");

	tcase_add_checked_fixture(t, setup, NULL);
	tcase_set_timeout(t, 30);
	tcase_add_test(t, two_sites_number_their_cases_and_tickets_per_day_each);
	tcase_add_test(t, each_site_calls_its_own_queue);
	tcase_add_test(t, pickup_slips_and_menu_are_the_sites_own_the_department_sees_both);
	tcase_add_test(t, each_site_reminds_its_own_results);
	tcase_add_test(t, a_hall_of_schema_27_gets_every_record_its_site);
	tcase_add_test(t, special_requests_are_the_sites_that_took_them);
	suite_add_tcase(s, t);
	return run_suite(s);
}
