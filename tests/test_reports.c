/* The reports against a real database: counts and timeliness add up to
 * what the cases hold, whatever the grouping; the queue's times. */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-reports.h"
#include "testdb.h"

/* The demo hall is made on Friday 27 November 2026, its cases dated back
 * from then and its queue that day's; the reports are asked up to then. */
#define TODAY "2026-11-27"

static void setup(void)
{
	pin_clock(TODAY " 10:00");
}

START_TEST(every_grouping_adds_up_to_the_cases)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_report_row rows[100], total;
	struct yc_err err;
	const char *from = "2000-01-01", *to = TODAY;   /* the demo's cases lie within the last month */
	long want = query_long(path, "SELECT count(*) FROM cases WHERE parent_case_id IS NULL"), on_time_want, groups;
	int by, n, i;

	on_time_want = query_long(path, "SELECT count(*) FROM cases WHERE decided_at IS NOT NULL"
				  " AND substr(decided_at, 1, 10) <= promised_date AND parent_case_id IS NULL");
	for (by = REPORT_DEPARTMENT; by <= REPORT_MONTH; by++) {
		long received = 0, on_time = 0;

		ck_assert_msg(store_report_page(st, (enum yc_report_by)by, from, to, to, NULL, 1, rows, 100, &n, &err) == 0,
			      "%s", err.msg);
		ck_assert_int_gt(n, 0);
		for (i = 0; i < n; i++) {
			received += rows[i].received;
			on_time += rows[i].on_time;
			ck_assert_int_le(rows[i].on_time, rows[i].decided);
			if (i > 0)
				ck_assert_int_le(rows[i].received, rows[i - 1].received);   /* biggest first */
		}
		ck_assert_int_eq(received, want);
		ck_assert_int_eq(on_time, on_time_want);
		/* the totals are the store's, the same whatever the grouping */
		ck_assert_int_eq(store_report_count(st, (enum yc_report_by)by, from, to, to, &groups, &total, &err), 0);
		ck_assert_int_eq(groups, n);
		ck_assert_int_eq(total.received, want);
		ck_assert_int_eq(total.on_time, on_time_want);
	}
	ck_assert_int_eq(store_report_page(st, REPORT_ITEM, to, from, to, NULL, 1, rows, 100, &n, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_int_eq(store_report_count(st, REPORT_ITEM, "1999-01-01", "1999-12-31", to, &groups, &total, &err), 0);
	ck_assert_int_eq(groups, 0);
	ck_assert_int_eq(total.received, 0);
	store_close(st);
}
END_TEST

/* 600 items besides the demo's, item k with k % 3 + 1 cases: by item the
 * report pages whole (groups of a size in the order their first case came
 * in), to its last group and back, counted; the export's every group is
 * all of them (three of its pages). The screen once held 200. */
START_TEST(a_long_report_pages_to_its_last_group)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_report_row rows[64], last, back[10], total, *all;
	const struct yc_report_row *from = NULL;
	struct yc_err err;
	const char *since = "2000-01-01";
	long groups, seen = 0, received = 0, want;
	int n, i, n_all;

	exec(path, "WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 600)"
	     " INSERT INTO service_items(id, code, name, department_id, kind, window_category)"
	     " SELECT 100000 + n, printf('LONG%04d', n), printf('长名单事项%04d', n), department_id, kind, window_category"
	     " FROM k, service_items WHERE service_items.id = (SELECT min(id) FROM service_items)");
	exec(path, "WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 600),"
	     " m(j) AS (VALUES (0), (1), (2))"
	     " INSERT INTO cases(id, item_id, site_id, applicant_id, status, kind, responder_id, created_at)"
	     " SELECT 100000 + 3 * n + j, 100000 + n, site_id, applicant_id, 'reviewing', kind, responder_id,"
	     " '2026-11-02 09:00:00' FROM k, m, cases WHERE j <= n % 3 AND cases.id = (SELECT min(id) FROM cases)");
	want = query_long(path, "SELECT count(*) FROM cases WHERE parent_case_id IS NULL");
	ck_assert_int_eq(store_report_count(st, REPORT_ITEM, since, TODAY, TODAY, &groups, &total, &err), 0);
	ck_assert_int_eq(groups, 600 + query_long(path, "SELECT count(DISTINCT i.name) FROM cases c"
						  " JOIN service_items i ON i.id = c.item_id WHERE c.id < 100000"));
	ck_assert_int_eq(total.received, want);
	do {
		ck_assert_msg(store_report_page(st, REPORT_ITEM, since, TODAY, TODAY, from, 1, rows, 64, &n, &err) == 0, "%s",
			      err.msg);
		for (i = 0; i < n; i++, seen++) {
			received += rows[i].received;
			if (seen > 0)
				ck_assert(rows[i].received < last.received ||
					  (rows[i].received == last.received && rows[i].first_case > last.first_case));
			last = rows[i];
		}
		from = &last;
	} while (n == 64);
	ck_assert_int_eq(seen, groups);
	ck_assert_int_eq(received, want);
	/* from the end: the last ten in display order; before a group: the ten above it */
	ck_assert_int_eq(store_report_page(st, REPORT_ITEM, since, TODAY, TODAY, NULL, 0, back, 10, &n, &err), 0);
	ck_assert_int_eq(n, 10);
	ck_assert_str_eq(back[9].key, last.key);
	ck_assert_int_eq(back[9].received, 1);
	ck_assert_int_eq(store_report_page(st, REPORT_ITEM, since, TODAY, TODAY, &back[0], 0, rows, 10, &n, &err), 0);
	ck_assert_int_eq(n, 10);
	ck_assert_int_eq(rows[9].first_case, back[0].first_case - 9);   /* 1-case items: every third, 3 ids each */
	ck_assert_int_eq(store_report_all(st, REPORT_ITEM, since, TODAY, TODAY, &all, &n_all, &err), 0);
	ck_assert_int_eq(n_all, groups);
	ck_assert_str_eq(all[n_all - 1].key, last.key);
	free(all);
	store_close(st);
}
END_TEST

START_TEST(queue_times_are_reported_per_window)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_queue_report_row rows[16];
	struct yc_err err;
	long tickets = 0, count;
	int n, i;

	ck_assert_int_eq(store_queue_report_page(st, TODAY, TODAY, NULL, 1, rows, 16, &n, &err), 0);
	for (i = 0; i < n; i++)
		tickets += rows[i].tickets;
	ck_assert_int_eq(tickets, query_long(path, "SELECT count(*) FROM queue_tickets"));
	ck_assert_int_eq(store_queue_report_count(st, TODAY, TODAY, &count, &err), 0);
	ck_assert_int_eq(count, n);
	store_close(st);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("reports");
	TCase *t = tcase_create("reports");

	tcase_set_timeout(t, 60);
	tcase_add_checked_fixture(t, setup, NULL);
	tcase_add_test(t, every_grouping_adds_up_to_the_cases);
	tcase_add_test(t, a_long_report_pages_to_its_last_group);
	tcase_add_test(t, queue_times_are_reported_per_window);
	suite_add_tcase(s, t);
	return run_suite(s);
}
