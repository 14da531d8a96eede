/* The citizen's progress query: the guard against guessing (its rule,
 * pure), and the query against a real database: the password checked,
 * the answer showing nothing personal, wrong passwords counted for every
 * kiosk alike and locking the case's query, the clerk seeing the lock. */
#include "config.h"

#include <string.h>

#include "case-query.h"
#include "documents.h"
#include "store-intake.h"
#include "store-query.h"
#include "testdb.h"
#include "validate.h"

START_TEST(five_wrong_within_fifteen_minutes_lock_for_thirty)
{
	struct query_guard g;
	int i, delay = 0;

	memset(&g, 0, sizeof g);
	for (i = 0; i < 4; i++)
		delay = query_guard_fail(&g, "2026-11-27 10:00:00");
	ck_assert_int_eq(g.failures, 4);
	ck_assert_int_eq(delay, 2000);           /* slowed from the third on */
	ck_assert(!query_guard_locked(&g, "2026-11-27 10:00:00"));
	ck_assert_int_eq(query_guard_fail(&g, "2026-11-27 10:14:59"), 3000);
	ck_assert_str_eq(g.locked_until, "2026-11-27 10:44:59");
	ck_assert(query_guard_locked(&g, "2026-11-27 10:44:58"));
	ck_assert(!query_guard_locked(&g, "2026-11-27 10:44:59"));
	/* after the lock the count starts again, the old lock forgotten */
	ck_assert_int_eq(query_guard_fail(&g, "2026-11-27 11:00:00"), 0);
	ck_assert_int_eq(g.failures, 1);
	ck_assert_str_eq(g.locked_until, "");
}
END_TEST

START_TEST(wrong_passwords_spread_out_never_lock)
{
	struct query_guard g;

	memset(&g, 0, sizeof g);
	query_guard_fail(&g, "2026-11-27 10:00:00");
	query_guard_fail(&g, "2026-11-27 10:10:00");
	query_guard_fail(&g, "2026-11-27 10:14:00");
	query_guard_fail(&g, "2026-11-27 10:14:30");
	/* the window began at 10:00: at 10:15 a new one begins */
	query_guard_fail(&g, "2026-11-27 10:15:00");
	ck_assert_int_eq(g.failures, 1);
	ck_assert_str_eq(g.first_failed_at, "2026-11-27 10:15:00");
	ck_assert_str_eq(g.locked_until, "");
	/* a day boundary too */
	ck_assert_int_eq(query_time_plus_minutes("2026-12-31 23:50:00", 30, g.locked_until), 0);
	ck_assert_str_eq(g.locked_until, "2027-01-01 00:20:00");
	ck_assert_int_eq(query_time_plus_minutes("tomorrow", 30, g.locked_until), -1);
}
END_TEST

START_TEST(password_compare_and_typed_case_numbers)
{
	char out[32];

	ck_assert(query_password_matches("087312", "087312"));
	ck_assert(!query_password_matches("087312", "08731"));
	ck_assert(!query_password_matches("087312", "0873120"));
	ck_assert(!query_password_matches("", ""));           /* a case without a password is never shown */
	ck_assert(!query_password_matches("087312", "0873120000000000000000000000000000000000000000000000000000000000000"));
	query_normalise_case_number(" wsq 2026 1123 0004-2 ", out, sizeof out);
	ck_assert_str_eq(out, "WSQ202611230004-2");
	yc_name_mask("王海燕", out, sizeof out);
	ck_assert_str_eq(out, "王*燕");
	yc_name_mask("A", out, sizeof out);
	ck_assert_str_eq(out, "A");
	yc_name_mask("", out, sizeof out);
	ck_assert_str_eq(out, "");
}
END_TEST

/* The messages of this build: documents speak Chinese. */
static void setup(void)
{
	setenv("LANGUAGE", "en", 1);
	bindtextdomain(PACKAGE, TEST_LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
}

/* The demo case whose result waits at the pickup window (张丽娟), and its
 * query password. */
#define WAITING "WSQ202611230004"
#define WAITING_PASSWORD "087312"

static int ask(struct yc_store *st, const char *number, const char *password, struct yc_case_progress *p,
	       struct yc_err *err)
{
	int delay;

	yc_err_clear(err);
	return store_case_query(st, number, password, p, &delay, err);
}

START_TEST(the_right_password_shows_the_case_and_nothing_personal)
{
	const char *path;
	struct yc_store *st;
	struct yc_case_progress p;
	struct doc_hall hall = { "乌审旗政务服务中心", "" };
	struct yc_err err;
	char *text;

	pin_clock("2026-11-27 10:00");
	path = make_db(1);
	st = open_db(path, "unix", 1000);
	ck_assert_msg(ask(st, WAITING, WAITING_PASSWORD, &p, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(p.status, "result_at_pickup");
	ck_assert_str_eq(p.applicant, "张*娟");
	text = doc_progress(&hall, &p);
	ck_assert_ptr_nonnull(text);
	ck_assert_ptr_nonnull(strstr(text, "张*娟"));
	ck_assert_ptr_null(strstr(text, "张丽娟"));
	ck_assert_ptr_nonnull(strstr(text, "统一出件窗口"));
	ck_assert_ptr_nonnull(strstr(text, "2026-11-30"));
	ck_assert_ptr_null(strstr(text, "1506"));         /* no ID number, no phone */
	free(text);
	/* what the last review found missing is said */
	exec(path, "INSERT INTO case_materials(case_id, material_id)"
		   " SELECT c.id, m.id FROM cases c JOIN materials m ON m.item_id = c.item_id"
		   " WHERE c.case_number = '" WAITING "' ORDER BY m.seq LIMIT 2;"
		   "INSERT INTO verdicts(case_material_id, checkpoint_id, verdict, reason, round, by_user, at)"
		   " SELECT cm.id, (SELECT id FROM checkpoints LIMIT 1), CASE WHEN cm.id = (SELECT min(id) FROM case_materials"
		   " WHERE case_id = cm.case_id) THEN 'missing' ELSE 'conforming' END, '', 1, 1, '2026-11-23 09:00'"
		   " FROM case_materials cm JOIN cases c ON c.id = cm.case_id WHERE c.case_number = '" WAITING "'");
	ck_assert_int_eq(ask(st, WAITING, WAITING_PASSWORD, &p, &err), 0);
	ck_assert_int_eq(p.n_missing, 1);
	text = doc_progress(&hall, &p);
	ck_assert_ptr_nonnull(strstr(text, p.missing[0]));
	free(text);
	/* a fee not paid is something the applicant still owes */
	exec(path, "INSERT INTO fees(case_id, amount_fen, paid, set_by, set_at)"
		   " SELECT id, 5000, 0, 1, '2026-11-26 10:00' FROM cases WHERE case_number = '" WAITING "'");
	ck_assert_int_eq(ask(st, WAITING, WAITING_PASSWORD, &p, &err), 0);
	ck_assert_int_eq(p.fee_due_fen, 5000);
	text = doc_progress(&hall, &p);
	ck_assert_msg(strstr(text, "待缴费用：50.00 元") != NULL, "%s", text);
	free(text);
	store_close(st);
}
END_TEST

START_TEST(wrong_passwords_lock_the_case_for_every_kiosk)
{
	const char *path;
	struct yc_store *kiosk1, *kiosk2;
	struct yc_case_progress p;
	struct yc_err err;
	int i;

	pin_clock("2026-11-27 10:00");
	path = make_db(1);
	kiosk1 = open_db(path, "unix", 1000);
	kiosk2 = open_db(path, "unix", 1000);
	for (i = 0; i < 4; i++) {
		ck_assert_int_eq(ask(i % 2 ? kiosk2 : kiosk1, WAITING, "000000", &p, &err), -1);
		ck_assert_int_eq(err.code, YC_EAUTH);
	}
	/* another case and an unknown number say the same, and count nothing */
	ck_assert_int_eq(ask(kiosk1, "WSQ209912319999", WAITING_PASSWORD, &p, &err), -1);
	ck_assert_int_eq(err.code, YC_EAUTH);
	ck_assert_int_eq(ask(kiosk2, WAITING, "000001", &p, &err), -1);
	ck_assert_int_eq(err.code, YC_ELOCKED);
	ck_assert_ptr_nonnull(strstr(err.msg, "10:30"));
	/* locked: the right password too is refused, at either kiosk */
	ck_assert_int_eq(ask(kiosk1, WAITING, WAITING_PASSWORD, &p, &err), -1);
	ck_assert_int_eq(err.code, YC_ELOCKED);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM events WHERE action = 'query_locked'"), 1);
	pin_clock("2026-11-27 10:30");
	ck_assert_msg(ask(kiosk2, WAITING, WAITING_PASSWORD, &p, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM case_query_guards"), 0);
	store_close(kiosk1);
	store_close(kiosk2);
}
END_TEST

static void collect_line(void *ctx, const char *kind, const char *text)
{
	char *all = ctx;

	if (!kind && !text)
		all[0] = '\0';
	else
		strncat(all, text, 8000 - strlen(all) - 2), strcat(all, "\n");
}

START_TEST(the_clerk_sees_the_lock_in_the_case)
{
	const char *path;
	struct yc_store *st;
	struct yc_case_progress p;
	struct yc_err err;
	static char all[8192];
	int64_t id;
	int i;

	pin_clock("2026-11-27 10:00");
	path = make_db(1);
	st = open_db(path, "unix", 1000);
	id = query_long(path, "SELECT id FROM cases WHERE case_number = '" WAITING "'");
	ck_assert_int_eq(store_case_history(st, id, collect_line, all, &err), 0);
	ck_assert_ptr_null(strstr(all, "10:30"));
	for (i = 0; i < QUERY_MAX_FAILURES; i++)
		ask(st, WAITING, "999999", &p, &err);
	ck_assert_int_eq(store_case_history(st, id, collect_line, all, &err), 0);
	ck_assert_msg(strstr(all, "2026-11-27 10:30"), "%s", all);
	store_close(st);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("query");
	TCase *t = tcase_create("query");

	tcase_set_timeout(t, 60);
	tcase_add_checked_fixture(t, setup, NULL);
	tcase_add_test(t, five_wrong_within_fifteen_minutes_lock_for_thirty);
	tcase_add_test(t, wrong_passwords_spread_out_never_lock);
	tcase_add_test(t, password_compare_and_typed_case_numbers);
	tcase_add_test(t, the_right_password_shows_the_case_and_nothing_personal);
	tcase_add_test(t, wrong_passwords_lock_the_case_for_every_kiosk);
	tcase_add_test(t, the_clerk_sees_the_lock_in_the_case);
	suite_add_tcase(s, t);
	return run_suite(s);
}
