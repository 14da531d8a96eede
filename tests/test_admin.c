/* The hall's set-up in the database (store-setup.h): users, windows and
 * the queues they call, sites, departments, the contract, the calendar's
 * years and the hall's policy; and the rules that hang on them. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "intake.h"
#include "settings.h"
#include "store-appointments.h"
#include "store-queue.h"
#include "store-setup.h"
#include "store-users.h"
#include "testdb.h"

static void setup(void)
{
	pin_clock("2026-11-27 10:00");
}

static char hash[160];

static const char *a_hash(void)
{
	ck_assert_int_eq(auth_hash_password("first-time-pass", hash, sizeof hash), 0);
	return hash;
}

static void add(struct yc_store *st, int64_t by, const char *login, const char *role, const char *dept,
		const char *window)
{
	struct yc_user_spec u = { login, login, role, dept, NULL, window };
	struct yc_err err;

	ck_assert_msg(store_user_add(st, by, &u, a_hash(), &err) == 0, "%s", err.msg);
}

static int refused(int rc, const struct yc_err *err, const char *words)
{
	return rc < 0 && strstr(err->msg, words) != NULL;
}

START_TEST(an_administrator_adds_clerks_who_must_change_their_password)
{
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user admin = user(st, "admin");
	struct yc_user_row *rows;
	struct yc_user u;
	struct yc_err err;
	int n;

	add(st, admin.id, "li.na", "intake", NULL, NULL);
	add(st, admin.id, "wang", "reviewer", "SCJG", NULL);
	ck_assert_int_eq(store_user_get(st, "wang", &u, &err), 0);
	ck_assert_int_eq(u.must_change_password, 1);
	ck_assert_str_eq(u.role, "reviewer");
	ck_assert(u.department_id > 0);
	ck_assert_int_eq(store_users_list(st, &rows, &n, &err), 0);
	ck_assert_int_eq(n, 3);
	free(rows);
	/* each change is an event naming the administrator */
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM events WHERE entity = 'user' AND action = 'added'"
					  " AND user_id = (SELECT id FROM users WHERE login = 'admin')"), 2);
	store_close(st);
}
END_TEST

START_TEST(the_core_refuses_what_a_hall_must_not_have)
{
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user admin = user(st, "admin");
	struct yc_user_spec reviewer = { "zhao", "赵", "reviewer", NULL, NULL, NULL };
	struct yc_user_spec bad_role = { "qian", "钱", "boss", NULL, NULL, NULL };
	struct yc_user_spec bad_login = { "Li Na", "李娜", "intake", NULL, NULL, NULL };
	struct yc_user_spec no_window = { "sun", "孙", "intake", NULL, NULL, "9号窗口" };
	struct yc_user_spec demote = { "admin", NULL, "intake", NULL, NULL, NULL };
	struct yc_err err;
	int64_t clerk;

	ck_assert(refused(store_user_add(st, admin.id, &reviewer, a_hash(), &err), &err, "department"));
	ck_assert(refused(store_user_add(st, admin.id, &bad_role, a_hash(), &err), &err, "boss"));
	ck_assert(refused(store_user_add(st, admin.id, &bad_login, a_hash(), &err), &err, "Li Na"));
	ck_assert(refused(store_user_add(st, admin.id, &no_window, a_hash(), &err), &err, "9号窗口"));
	add(st, admin.id, "li.na", "intake", NULL, NULL);
	ck_assert(refused(store_user_add(st, admin.id, &(struct yc_user_spec){ "li.na", "x", "guide", NULL, NULL, NULL },
					 a_hash(), &err), &err, "already"));
	/* the last administrator stays one, and enabled */
	ck_assert(refused(store_user_change(st, admin.id, &demote, &err), &err, "last administrator"));
	ck_assert(refused(store_user_set_active(st, 0, "admin", 0, &err), &err, "last administrator"));
	ck_assert(refused(store_user_set_active(st, admin.id, "admin", 0, &err), &err, "own account"));
	/* a clerk is no administrator */
	clerk = query_long(path, "SELECT id FROM users WHERE login = 'li.na'");
	ck_assert_int_eq(store_user_set_active(st, clerk, "li.na", 0, &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM users"), 2);
	store_close(st);
}
END_TEST

START_TEST(a_disabled_user_keeps_history_and_cannot_log_in)
{
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user admin = user(st, "admin"), u;
	struct yc_err err;

	add(st, admin.id, "li.na", "intake", NULL, NULL);
	ck_assert_int_eq(store_user_set_active(st, admin.id, "li.na", 0, &err), 0);
	ck_assert_int_eq(auth_login(st, "li.na", "first-time-pass", &u, &err), -1);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM users WHERE login = 'li.na' AND active = 0"), 1);
	ck_assert_int_eq(store_user_set_active(st, admin.id, "li.na", 1, &err), 0);
	ck_assert_int_eq(auth_login(st, "li.na", "first-time-pass", &u, &err), 0);
	store_close(st);
}
END_TEST

START_TEST(a_reset_password_ends_the_lockout_and_must_be_changed)
{
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user admin = user(st, "admin"), u;
	struct yc_err err;
	char h2[160];

	add(st, admin.id, "li.na", "intake", NULL, NULL);
	exec(path, "UPDATE users SET must_change_password = 0, failed_logins = 5,"
		   " locked_until = '2099-01-01 00:00:00' WHERE login = 'li.na'");
	ck_assert_int_eq(auth_hash_password("another-pass-1", h2, sizeof h2), 0);
	ck_assert_int_eq(store_user_reset_password(st, admin.id, "li.na", h2, &err), 0);
	ck_assert_int_eq(auth_login(st, "li.na", "another-pass-1", &u, &err), 0);
	ck_assert_int_eq(u.must_change_password, 1);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM events WHERE action = 'password_reset'"), 1);
	store_close(st);
}
END_TEST

static void issue(struct yc_store *st, const char *cat)
{
	struct yc_err err;
	char num[16];

	ck_assert_msg(store_ticket_issue(st, "WSQ", cat, 0, 0, 0, 0, num, &err) == 0, "%s", err.msg);
}

START_TEST(a_window_calls_only_the_categories_it_serves)
{
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix", 2000);
	int64_t w1 = window_clerk(path);
	struct yc_window_row *rows;
	struct yc_ticket t;
	struct yc_err err;
	int n;

	ck_assert_int_eq(store_window_set(st, 0, "WSQ", "3号窗口", "bundle,remote", -1, &err), 0);
	ck_assert_int_eq(store_windows_list(st, &rows, &n, &err), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(rows[0].categories, "bundle,remote");
	free(rows);
	issue(st, "combined");   /* A001 */
	issue(st, "remote");     /* C001 */
	issue(st, "bundle");     /* B001 */
	/* its configured category (combined) no longer counts: the hall's does */
	ck_assert_int_eq(store_queue_call_next(st, "WSQ", "combined", "3号窗口", w1, &t, &err), 0);
	ck_assert_str_eq(t.number, "C001");
	ck_assert_int_eq(store_queue_call_next(st, "WSQ", "combined", "3号窗口", w1, &t, &err), 0);
	ck_assert_str_eq(t.number, "B001");
	ck_assert_int_eq(store_queue_call_next(st, "WSQ", "combined", "3号窗口", w1, &t, &err), 1);
	/* a window not set up calls its configured category, as before */
	ck_assert_int_eq(store_queue_call_next(st, "WSQ", "combined", "1号窗口", w1, &t, &err), 0);
	ck_assert_str_eq(t.number, "A001");
	/* closed, it calls nobody */
	issue(st, "bundle");
	ck_assert_int_eq(store_window_set(st, 0, "WSQ", "3号窗口", NULL, 0, &err), 0);
	ck_assert(refused(store_queue_call_next(st, "WSQ", "combined", "3号窗口", w1, &t, &err), &err, "closed"));
	ck_assert(refused(store_window_set(st, 0, "WSQ", "4号窗口", "nosuch", -1, &err), &err, "nosuch"));
	store_close(st);
}
END_TEST

START_TEST(sites_departments_and_the_contract)
{
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_contract c = { 0, "某某人力资源公司", 120000000LL, "2026-01-01", "2026-12-31" }, got;
	struct yc_department_row *d;
	struct yc_site_row *s;
	struct yc_err err;
	long fee;
	int n, i, found = 0;

	ck_assert_int_eq(store_site_add(st, 0, "TKZ", "图克镇便民服务中心", NULL, &err), 0);
	ck_assert_int_eq(store_sites_list(st, &s, &n, &err), 0);
	ck_assert_int_eq(n, 2);
	ck_assert_str_eq(s[1].level, "township");
	free(s);
	ck_assert(refused(store_site_add(st, 0, "X", "x", "county", &err), &err, "county"));
	ck_assert_int_eq(store_department_set(st, 0, "NEW", "旗新部门", &err), 0);
	ck_assert_int_eq(store_departments_list(st, &d, &n, &err), 0);
	for (i = 0; i < n; i++)
		if (strcmp(d[i].code, "NEW") == 0)
			found = d[i].reviewers == 0;
	free(d);
	ck_assert(found);
	/* before a contract, the hall's policy;
	 * then the contract's twelfth */
	set_policy(st, "assessment.monthly_fee", "5");
	ck_assert_int_eq(store_monthly_fee(st, "2026-11", &fee, &err), 0);
	ck_assert_int_eq(fee, 500);
	ck_assert_int_eq(store_contract_set(st, 0, &c, &err), 0);
	ck_assert_int_eq(store_contract_on(st, "2026-06-30", &got, &err), 0);
	ck_assert_str_eq(got.contractor, "某某人力资源公司");
	ck_assert_int_eq(store_monthly_fee(st, "2026-11", &fee, &err), 0);
	ck_assert_int_eq(fee, 10000000);
	ck_assert_int_eq(store_contract_on(st, "2027-01-01", &got, &err), 1);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM events WHERE entity IN ('site', 'department', 'contract')"), 3);
	store_close(st);
}
END_TEST

/* A township is added once: a code taken, or one numbering its cases as
 * another's does, or no code at all, is refused and changes nothing; a
 * site is renamed only if it is there; a station's site must be there
 * and open. */
START_TEST(a_township_is_added_once_and_checked_at_start)
{
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_err err;

	ck_assert(refused(store_site_check(st, "TK-Z", &err), &err, "yichuang site add TK-Z"));
	ck_assert_int_eq(store_site_add(st, 0, "TK-Z", "图克镇便民服务中心", "township", &err), 0);
	ck_assert_int_eq(store_site_check(st, "TK-Z", &err), 0);
	ck_assert(refused(store_site_add(st, 0, "TK-Z", "又一个", NULL, &err), &err, "yichuang site set TK-Z"));
	ck_assert(refused(store_site_add(st, 0, "TKZ", "图克镇", NULL, &err), &err, "another site does (TKZ"));
	/* a case is found by its number in any case: tk-z's are TK-Z's */
	ck_assert(refused(store_site_add(st, 0, "tk-z", "图克镇", NULL, &err), &err, "another site does"));
	ck_assert(refused(store_site_add(st, 0, "图克", "图克镇", NULL, &err), &err, "图克"));
	ck_assert(refused(store_site_add(st, 0, "--", "图克镇", NULL, &err), &err, "--"));
	ck_assert(refused(store_site_set(st, 0, "GLT", "嘎鲁图镇", NULL, -1, &err), &err, "GLT"));
	ck_assert_msg(store_site_set(st, 0, "TK-Z", "图克镇便民服务中心（新址）", NULL, -1, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(store_site_set(st, 0, "TK-Z", NULL, NULL, 0, &err), 0);
	ck_assert(refused(store_site_check(st, "TK-Z", &err), &err, "yichuang site reopen TK-Z"));
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM sites"), 2);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM sites WHERE name LIKE '%新址%' AND level = 'township'"), 1);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM events WHERE entity = 'site' AND action = 'added'"), 1);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM events WHERE entity = 'site' AND action = 'set'"), 2);
	store_close(st);
}
END_TEST

/* A made-up 2027 list in the notice's format (the real one is not out). */
static const char next_year[] =
	"# test list in the State Council notice's format\n"
	"2027-01-01\toff\t元旦\n"
	"2027-02-06\toff\t春节\n2027-02-07\toff\t春节\n2027-02-08\toff\t春节\n2027-02-09\toff\t春节\n"
	"2027-02-10\toff\t春节\n2027-02-11\toff\t春节\n2027-02-12\toff\t春节\n2027-02-13\twork\t春节调休\n";

START_TEST(next_years_calendar_is_checked_whole_then_imported)
{
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_calendar cal;
	struct cal_file f;
	struct yc_err err;
	yc_date day;

	/* a bad file: every problem named, nothing imported */
	ck_assert_int_eq(cal_file_read("2027-01-01\toff\t元旦\n2027-01-05\twork\tx\n2027-01-01\toff\ty\nbad\n", &f), 3);
	ck_assert(strstr(f.errors[0], "2027-01-05") != NULL);
	ck_assert_int_eq(store_calendar_import(st, 0, &f, "bad.txt", &err), -1);
	cal_file_free(&f);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM calendar_days WHERE day LIKE '2027-%'"), 0);

	cal_init(&cal);
	ck_assert_int_eq(store_calendar_load(st, &cal, &err), 0);
	date_parse("2026-12-31", &day);
	ck_assert_int_eq(cal.known_until, day);
	ck_assert(!cal_appointment_day(&cal, day + 4));     /* Monday 2027-01-04: not known yet */
	ck_assert_int_eq(cal_days_left(&cal, day - 34), 34);

	ck_assert_int_eq(cal_file_read(next_year, &f), 0);
	ck_assert_int_eq(store_calendar_import(st, 0, &f, "2027.txt", &err), 0);
	cal_file_free(&f);
	cal_free(&cal);
	cal_init(&cal);
	ck_assert_int_eq(store_calendar_load(st, &cal, &err), 0);
	date_parse("2027-12-31", &day);
	ck_assert_int_eq(cal.known_until, day);
	date_parse("2027-02-13", &day);
	ck_assert(cal_is_workday(&cal, day));               /* the make-up Saturday */
	ck_assert(cal_appointment_day(&cal, day - 9));      /* Thursday 4 February */
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM events WHERE entity = 'calendar'"), 1);
	/* a notice that also lists 12-31 of the year before (as the 2017 and
	 * 2023 ones did) replaces its own year only */
	{
		long days_2026 = query_long(path, "SELECT count(*) FROM calendar_days WHERE day LIKE '2026-%'");

		ck_assert_int_eq(cal_file_read("2026-12-31\toff\t元旦\n2027-01-01\toff\t元旦\n2027-02-06\toff\t春节\n", &f), 0);
		ck_assert_int_eq(f.year, 2027);
		ck_assert_int_eq(store_calendar_import(st, 0, &f, "2027b.txt", &err), 0);
		cal_file_free(&f);
		ck_assert_int_eq(query_long(path, "SELECT count(*) FROM calendar_days WHERE day LIKE '2026-%'"), days_2026 + 1);
		ck_assert_int_eq(query_long(path, "SELECT count(*) FROM calendar_years WHERE year = 2026 AND source = 'built-in'"), 1);
		ck_assert_int_eq(query_long(path, "SELECT count(*) FROM calendar_days WHERE day LIKE '2027-%'"), 2);
	}
	/* importing the year again replaces it whole */
	ck_assert_int_eq(cal_file_read("2027-01-01\toff\t元旦\n", &f), 0);
	ck_assert_int_eq(store_calendar_import(st, 0, &f, "fix.txt", &err), 0);
	cal_file_free(&f);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM calendar_days WHERE day LIKE '2027-%'"), 1);
	cal_free(&cal);
	store_close(st);
}
END_TEST

START_TEST(a_promised_date_past_the_calendar_says_it_is_an_estimate)
{
	struct yc_calendar cal;
	char text[200];
	yc_date day;

	cal_init(&cal);
	ck_assert_int_eq(cal_parse(&cal, yc_data_holidays_cn_txt, NULL, NULL), 0);
	date_parse("2026-12-31", &cal.known_until);
	ck_assert_int_eq(intake_promised_text(&cal, "2026-12-30", text, sizeof text), 0);
	ck_assert_str_eq(text, "2026-12-30");
	ck_assert_int_eq(intake_promised_text(&cal, "2027-01-12", text, sizeof text), 1);
	ck_assert(strstr(text, "2027-01-12（预计；2027年节假日安排尚未导入") == text);
	/* calendar days ending on a rest day end on the next working day:
	 * Friday 2026-11-27 + 9 days is Sunday 6 December -> Monday 7 */
	date_parse("2026-11-27", &day);
	ck_assert_int_eq(intake_promised_date(&cal, day, "promised", 9, "day"), day + 10);
	ck_assert_int_eq(intake_promised_date(&cal, day, "promised", 10, "day"), day + 10);
	/* a month from 2026-09-01 ends on 1 October, National Day: the next
	 * working day is Thursday 8 October */
	date_parse("2026-09-01", &day);
	ck_assert_int_eq(intake_promised_date(&cal, day, "promised", 1, "month"), day + 37);
	cal_free(&cal);
}
END_TEST

/* A hall's file of schema 11 opened by this program: its windows keep the
 * category they had, the years of its calendar are known. */
START_TEST(schema_11_is_migrated_with_its_windows_and_years)
{
	ONLY_ON_SQLITE("it takes the hall back to schema 11; no database on a server is older than 27 (data/pg/schema.sql), so migration 12 has no PostgreSQL twin");
	const char *path = make_db(1);
	struct yc_store *st;

	undo_schema_to(path, 11);
	exec(path, "INSERT INTO stations(site_id, name, category) VALUES (1, '2号窗口', 'bundle');"
		   "PRAGMA user_version = 11;");
	st = open_db(path, "unix", 2000);
	store_close(st);
	ck_assert_int_eq(query_long(path, "PRAGMA user_version"), store_schema_version());
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM station_categories sc JOIN stations w"
					  " ON w.id = sc.station_id WHERE w.name = '2号窗口' AND sc.category = 'bundle'"), 1);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM calendar_years"), 2);
	ck_assert_int_eq(query_long(path, "SELECT min(year) * 10000 + max(year) FROM calendar_years"), 20252026);
}
END_TEST

/* A station's configuration file, as its PC has it. */
static void station_file(const char *path, const char *text, struct yc_settings *cfg)
{
	FILE *f = fopen(path, "w");
	struct yc_err err;

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	settings_defaults(cfg);
	yc_err_clear(&err);
	ck_assert_msg(settings_load_file(cfg, path, 1, &err) == 0, "%s", err.msg);
}

/* Two stations whose files still say different things about the lockout
 * and the appointment places: both start, both know the file no longer
 * decides, and both follow the one policy the hall set, whatever their
 * screens pass on. */
START_TEST(two_stations_with_different_files_follow_one_policy)
{
	const char *path = make_db(1);
	char file_a[300], file_b[300];
	struct yc_settings a, b;
	struct yc_store *st_a, *st_b;
	struct yc_user u;
	struct yc_err err;
	int64_t id;

	setenv("TZ", "Asia/Shanghai", 1);   /* the lock runs on the real clock (test_auth.c) */
	tzset();
	file_beside_db(path, ".a.conf", file_a, sizeof file_a);
	file_beside_db(path, ".b.conf", file_b, sizeof file_b);
	station_file(file_a, "login: { max_failures = 2; lock_minutes = 1; };\n"
			     "appointments: { per_slot = 9; };\n", &a);
	station_file(file_b, "login: { max_failures = 50; lock_minutes = 600; };\n"
			     "appointments: { per_slot = 1; };\nassessment: { monthly_fee = 7; };\n", &b);
	ck_assert_str_eq(a.hall_wide, "login.max_failures, login.lock_minutes, appointments.per_slot");
	ck_assert_str_eq(b.hall_wide_file, file_b);
	st_a = open_db(path, "unix", 2000);
	st_b = open_db(path, "unix", 2000);
	set_policy(st_a, "login.max_failures", "3");
	set_policy(st_a, "login.lock_minutes", "20");
	set_policy(st_a, "appointments.per_slot", "2");

	/* two wrong passwords at A (its file said 2 lock), the third at B
	 * (its file said 50): the hall's 3 lock, for the hall's 20 minutes */
	ck_assert_int_eq(auth_login(st_a, "guide", "x", &u, &err), -1);
	ck_assert_int_eq(auth_login(st_a, "guide", "y", &u, &err), -1);
	ck_assert_int_eq(err.code, YC_EAUTH);
	ck_assert_int_eq(auth_login(st_b, "guide", "z", &u, &err), -1);
	ck_assert_int_eq(err.code, YC_ELOCKED);
	ck_assert_ptr_nonnull(strstr(err.msg, "20 minutes"));

	/* B's file said one place a slot, A's nine: the hall's two */
	ck_assert_int_eq(store_appointment_book(st_b, "WSQ", "2026-11-30", "09:00", 1,
						"王海燕", "13904771234", 0, &id, &err), 0);
	ck_assert_int_eq(store_appointment_book(st_b, "WSQ", "2026-11-30", "09:00", 1,
						"李俊峰", "13847712345", 0, &id, &err), 0);
	ck_assert_int_eq(store_appointment_book(st_a, "WSQ", "2026-11-30", "09:00", 1,
						"张三", "13800000000", 0, &id, &err), -1);
	ck_assert_int_eq(err.code, YC_ECONFLICT);
	store_close(st_a);
	store_close(st_b);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM events WHERE entity = 'policy' AND action = 'set'"), 3);
}
END_TEST

/* The policy is checked whole before anything is written: an unknown
 * name or a value out of its bounds is refused, saying what it takes. */
START_TEST(a_policy_takes_only_its_own_numbers)
{
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_policy p;
	struct yc_err err;

	ck_assert(refused(store_policy_set(st, 0, "login.max_failure", "3", &err), &err, "login.max_failures,"));
	ck_assert(refused(store_policy_set(st, 0, "login.max_failures", "0", &err), &err, "from 1 to 100"));
	ck_assert(refused(store_policy_set(st, 0, "appointments.per_slot", "3x", &err), &err, "not '3x'"));
	ck_assert(refused(store_policy_set(st, 0, "appointments.per_slot", "", &err), &err, "whole number"));
	ck_assert(refused(store_policy_set(st, 0, "assessment.monthly_fee", "99999999999", &err), &err, "100000000"));
	ck_assert_int_eq(store_policy_get(st, &p, &err), 0);
	ck_assert_int_eq(p.login_max_failures, 5);
	ck_assert_int_eq(p.appointments_per_slot, 3);
	ck_assert_int_eq(p.assessment_monthly_fee, 100000);
	store_close(st);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM hall_policy"), 0);
}
END_TEST

/* A hall's file of schema 15 opened by this program: the policy table is
 * there, empty, and the policy is the defaults the settings had. */
START_TEST(schema_15_is_migrated_to_the_default_policy)
{
	ONLY_ON_SQLITE("it takes the hall back to schema 15; no database on a server is older than 27 (data/pg/schema.sql), so migration 16 has no PostgreSQL twin");
	const char *path = make_db(0);
	struct yc_policy p;
	struct yc_store *st;
	struct yc_err err;

	undo_schema_to(path, 15);
	exec(path, "PRAGMA user_version = 15;");
	st = open_db(path, "unix", 2000);
	ck_assert_int_eq(store_policy_get(st, &p, &err), 0);
	ck_assert_int_eq(p.login_max_failures, 5);
	ck_assert_int_eq(p.login_lock_minutes, 15);
	ck_assert_int_eq(p.appointments_per_slot, 3);
	ck_assert_int_eq(p.assessment_monthly_fee, 100000);
	store_close(st);
	ck_assert_int_eq(query_long(path, "PRAGMA user_version"), store_schema_version());
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM hall_policy"), 0);
}
END_TEST

/* 70 users, some disabled: they page whole by keyset, the active first
 * then by login, to the last row and back, and are counted (all, active);
 * the command line's list walks every page. */
START_TEST(users_page_to_the_last_row_and_back)
{
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user_row r[10], last, *all;
	const struct yc_user_row *from = NULL;
	struct yc_err err;
	long count, active, seen = 0;
	int n, i;

	exec(path, "WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 70)"
	     " INSERT INTO users(login, full_name, role, password_hash, active)"
	     " SELECT printf('u%02d', n), printf('U%02d', n), 'intake', 'x', CASE WHEN n % 7 <> 0 THEN 1 ELSE 0 END FROM k");
	ck_assert_msg(store_users_count(st, &count, &active, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(count, 71);
	ck_assert_int_eq(active, 61);
	do {
		ck_assert_msg(store_users_page(st, from, 1, r, 10, &n, &err) == 0, "%s", err.msg);
		for (i = 0; i < n; i++, seen++)
			ck_assert_int_eq(r[i].active, seen < 61);
		if (n > 0) {
			last = r[n - 1];
			from = &last;
		}
	} while (n == 10);
	ck_assert_int_eq(seen, 71);
	ck_assert_str_eq(last.login, "u70");
	ck_assert_int_eq(store_users_page(st, NULL, 0, r, 10, &n, &err), 0);
	ck_assert_int_eq(n, 10);
	ck_assert_str_eq(r[0].login, "u07");   /* the ten disabled, u07 to u70 */
	ck_assert_str_eq(r[9].login, "u70");
	ck_assert_int_eq(store_users_page(st, &r[0], 0, r, 10, &n, &err), 0);
	ck_assert_int_eq(n, 10);
	ck_assert_str_eq(r[9].login, "u69");   /* the last active one */
	ck_assert_int_eq(store_users_list(st, &all, &n, &err), 0);
	ck_assert_int_eq(n, 71);
	ck_assert_str_eq(all[0].login, "admin");
	free(all);
	store_close(st);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("admin");
	TCase *t = tcase_create("admin");

	tcase_add_checked_fixture(t, setup, NULL);
	tcase_set_timeout(t, 30);
	tcase_add_test(t, an_administrator_adds_clerks_who_must_change_their_password);
	tcase_add_test(t, users_page_to_the_last_row_and_back);
	tcase_add_test(t, the_core_refuses_what_a_hall_must_not_have);
	tcase_add_test(t, a_disabled_user_keeps_history_and_cannot_log_in);
	tcase_add_test(t, a_reset_password_ends_the_lockout_and_must_be_changed);
	tcase_add_test(t, a_window_calls_only_the_categories_it_serves);
	tcase_add_test(t, sites_departments_and_the_contract);
	tcase_add_test(t, a_township_is_added_once_and_checked_at_start);
	tcase_add_test(t, next_years_calendar_is_checked_whole_then_imported);
	tcase_add_test(t, a_promised_date_past_the_calendar_says_it_is_an_estimate);
	tcase_add_test(t, schema_11_is_migrated_with_its_windows_and_years);
	tcase_add_test(t, two_stations_with_different_files_follow_one_policy);
	tcase_add_test(t, a_policy_takes_only_its_own_numbers);
	tcase_add_test(t, schema_15_is_migrated_to_the_default_policy);
	suite_add_tcase(s, t);
	return run_suite(s);
}
