/* The reports against a real database: counts and timeliness add up to
 * what the cases hold, whatever the grouping; the queue's times. */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

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
	struct yc_report_row rows[100];
	struct yc_err err;
	const char *from = "2000-01-01", *to = TODAY;   /* the demo's cases lie within the last month */
	long want = query_long(path, "SELECT count(*) FROM cases WHERE parent_case_id IS NULL"), on_time_want;
	int by, n, i;

	on_time_want = query_long(path, "SELECT count(*) FROM cases WHERE decided_at IS NOT NULL"
				  " AND substr(decided_at, 1, 10) <= promised_date AND parent_case_id IS NULL");
	for (by = REPORT_DEPARTMENT; by <= REPORT_MONTH; by++) {
		long received = 0, on_time = 0;

		ck_assert_int_eq(store_report_cases(st, (enum yc_report_by)by, from, to, to, rows, 100, &n, &err), 0);
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
	}
	ck_assert_int_eq(store_report_cases(st, REPORT_ITEM, to, from, to, rows, 100, &n, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	store_close(st);
}
END_TEST

START_TEST(queue_times_are_reported_per_window)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_queue_report_row rows[16];
	struct yc_err err;
	long tickets = 0;
	int n, i;

	ck_assert_int_eq(store_queue_report(st, TODAY, TODAY, rows, 16, &n, &err), 0);
	for (i = 0; i < n; i++)
		tickets += rows[i].tickets;
	ck_assert_int_eq(tickets, query_long(path, "SELECT count(*) FROM queue_tickets"));
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
	tcase_add_test(t, queue_times_are_reported_per_window);
	suite_add_tcase(s, t);
	return run_suite(s);
}
