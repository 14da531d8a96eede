/* 好差评 by the citizen against a real database: a service a window
 * finishes waits for that window's rating terminal, which shows the
 * newest, masked; the key is the score, once; a bad one gets its reasons
 * and its due day; one not rated is asked by SMS with a code, and the
 * reply read from the inbox command is matched by code and phone. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rating.h"
#include "settings.h"
#include "store-assess.h"
#include "store-pickup.h"
#include "store-rating.h"
#include "store-users.h"
#include "testdb.h"
#include "validate.h"

/* Friday 27 November 2026, 10:00, the demo hall's "today". */
static void setup(void)
{
	pin_clock("2026-11-27 10:00");
}

/* The database as the station at this window opens it. */
static struct yc_store *open_window(const char *path, const char *window)
{
	struct store_opts o = { "unix", 2000, 60, window, 0 };

	return open_db_with(path, &o);
}

/* The demo's two results at the pickup window, handed over at window 1:
 * 张丽娟's (returned), then 李俊峰's. */
static int64_t hand_both_over(const char *path, struct yc_store *w1, int64_t *second)
{
	struct yc_user clerk = user(w1, "pickup");
	struct yc_collection zhang = { "张丽娟", "150626197809231518", 0, NULL };
	struct yc_collection li = { "李俊峰", "150626199207181049", 0, NULL };
	int64_t first = query_long(path, "SELECT id FROM cases WHERE status = 'result_at_pickup'");
	struct yc_err err;

	*second = query_long(path, "SELECT id FROM cases WHERE status = 'notified'");
	ck_assert_msg(store_pickup_collect(w1, &clerk, first, &zhang, &err) == 0, "%s", err.msg);
	ck_assert_msg(store_pickup_collect(w1, &clerk, *second, &li, &err) == 0, "%s", err.msg);
	return first;
}

/* Both handed over at window 1, and its terminal showing 李俊峰's. */
struct served {
	const char *path;
	struct yc_store *w1;
	int64_t first, second;
	struct yc_rating_request r;
};

static void served_at_window_1(struct served *v)
{
	struct yc_err err;

	v->path = make_db(1);
	v->w1 = open_window(v->path, "1号窗口");
	v->first = hand_both_over(v->path, v->w1, &v->second);
	ck_assert_int_eq(store_rating_take(v->w1, "WSQ", "1号窗口", &v->r, &err), 0);
}

static long count_of(const char *path, const char *fmt, long long id)
{
	char sql[400];

	snprintf(sql, sizeof sql, fmt, id);
	return query_long(path, sql);
}

START_TEST(the_terminal_shows_its_windows_newest_service_masked)
{
	const char *path = make_db(1);
	struct yc_store *w1 = open_window(path, "1号窗口"), *w2 = open_window(path, "2号窗口");
	struct yc_rating_request r;
	struct yc_err err;
	int64_t second, first = hand_both_over(path, w1, &second);

	ck_assert_int_eq(store_rating_take(w2, "WSQ", "2号窗口", &r, &err), 1);   /* another window's */
	ck_assert_int_eq(store_rating_take(w2, "OTHER", "1号窗口", &r, &err), 1);   /* another site's */
	ck_assert_int_eq(store_rating_take(w2, "WSQ", "1号窗口", &r, &err), 0);
	ck_assert_str_eq(r.name_masked, "李*峰");
	ck_assert_str_eq(r.service, "pickup");
	ck_assert_int_eq(count_of(path, "SELECT count(*) FROM rating_requests WHERE case_id = %lld AND status = 'waiting'",
				  (long long)second), 1);
	/* 张丽娟 left unrated when the next was served: for the SMS */
	ck_assert_int_eq(count_of(path, "SELECT count(*) FROM rating_requests WHERE case_id = %lld AND status = 'not_rated'",
				  (long long)first), 1);
	store_close(w1);
	store_close(w2);
}
END_TEST

START_TEST(the_key_is_the_score_once_and_a_bad_one_is_due_for_follow_up)
{
	struct served v;
	struct yc_err err;
	char reasons[200];

	served_at_window_1(&v);
	ck_assert_int_eq(rating_score_of_key('2'), 2);
	ck_assert_int_eq(rating_score_of_key('6'), 0);
	ck_assert_int_eq(store_rating_at_window(v.w1, v.r.id, 0, "", &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	rating_reasons_text(1u | 1u << 3, reasons, sizeof reasons);
	ck_assert_msg(store_rating_at_window(v.w1, v.r.id, 2, reasons, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(store_rating_at_window(v.w1, v.r.id, 5, "", &err), -1);   /* once */
	ck_assert_int_eq(err.code, YC_ECONFLICT);
	/* the citizen's, by the terminal; due 15 working days on (policy) */
	ck_assert_int_eq(count_of(v.path, "SELECT count(*) FROM ratings WHERE case_id = %lld AND score = 2"
				  " AND channel = 'window' AND recorded_by IS NULL AND due = '2026-12-18'"
				  " AND reasons LIKE '%%; %%'", (long long)v.second), 1);
	ck_assert_int_eq(store_rating_take(v.w1, "WSQ", "1号窗口", &v.r, &err), 1);   /* nothing waits now */
	store_close(v.w1);
}
END_TEST

START_TEST(nobody_pressing_a_key_is_not_rated)
{
	struct served v;
	struct yc_err err;

	served_at_window_1(&v);
	ck_assert_int_eq(store_rating_not_rated(v.w1, v.r.id, &err), 0);
	ck_assert_int_eq(store_rating_at_window(v.w1, v.r.id, 4, "", &err), -1);
	ck_assert_int_eq(err.code, YC_ECONFLICT);
	ck_assert_int_eq(query_long(v.path, "SELECT count(*) FROM rating_requests WHERE status = 'not_rated'"), 2);
	ck_assert_int_eq(count_of(v.path, "SELECT count(*) FROM ratings WHERE case_id = %lld", (long long)v.second), 0);
	store_close(v.w1);
}
END_TEST

START_TEST(masked_names_show_first_and_last_only)
{
	char out[64];

	yc_name_mask("张三", out, sizeof out);
	ck_assert_str_eq(out, "张*");
	yc_name_mask("王小明", out, sizeof out);
	ck_assert_str_eq(out, "王*明");
	yc_name_mask("欧阳修文", out, sizeof out);
	ck_assert_str_eq(out, "欧**文");
	yc_name_mask("Li", out, sizeof out);
	ck_assert_str_eq(out, "L*");
}
END_TEST

START_TEST(an_sms_reply_carries_the_code_and_the_score)
{
	char code[5];
	int score;

	ck_assert_int_eq(rating_parse_reply("4821 5", code, &score), 0);
	ck_assert_str_eq(code, "4821");
	ck_assert_int_eq(score, 5);
	ck_assert_int_eq(rating_parse_reply("1,4821", code, &score), 0);
	ck_assert_int_eq(score, 1);
	ck_assert_int_eq(rating_parse_reply("评价4821满意4", code, &score), 0);
	ck_assert_int_eq(score, 4);
	ck_assert_int_eq(rating_parse_reply("4821", code, &score), -1);
	ck_assert_int_eq(rating_parse_reply("4821 6", code, &score), -1);
	ck_assert_int_eq(rating_parse_reply("12345 1", code, &score), -1);
	ck_assert_int_eq(rating_parse_reply("4821 5 3", code, &score), -1);
}
END_TEST

/* The inbox command prints these lines. */
static void inbox(struct yc_settings *cfg, const char *lines)
{
	char file[256];
	FILE *f;

	scratch_path(file, sizeof file, "inbox.txt");
	ck_assert_ptr_nonnull(f = fopen(file, "w"));
	fputs(lines, f);
	fclose(f);
	snprintf(cfg->sms_inbox_command, sizeof cfg->sms_inbox_command, "cat '%s'", file);
}

START_TEST(not_rated_at_the_window_is_asked_by_sms_and_the_reply_recorded)
{
	const char *path = make_db(1);
	struct yc_store *w1 = open_window(path, "1号窗口");
	struct rating_sms_stats stats = { 0, 0, 0, 0 };
	struct yc_settings cfg;
	struct yc_err err;
	char code[8], sql[200], lines[300];
	int64_t second, first = hand_both_over(path, w1, &second);
	struct yc_rating_request r;

	settings_defaults(&cfg);
	strcpy(cfg.site_name, "乌审旗政务服务中心");
	ck_assert_int_eq(store_rating_take(w1, "WSQ", "1号窗口", &r, &err), 0);   /* 张丽娟 passed over */
	ck_assert_msg(rating_sms_ask_due(w1, &cfg, &stats, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(stats.asked, 1);   /* 李俊峰 may still rate at the window today */
	snprintf(sql, sizeof sql, "SELECT sms_code FROM rating_requests WHERE case_id = %lld AND status = 'sms'"
		 " AND phone = '18647701122'", (long long)first);
	snprintf(code, sizeof code, "%04ld", query_long(path, sql));
	snprintf(sql, sizeof sql, "SELECT count(*) FROM notifications WHERE kind = 'rating' AND phone = '18647701122'"
		 " AND message LIKE '%%%s%%'", code);
	ck_assert_int_eq(query_long(path, sql), 1);
	stats.asked = 0;
	ck_assert_int_eq(rating_sms_ask_due(w1, &cfg, &stats, &err), 0);
	ck_assert_int_eq(stats.asked, 0);   /* once */

	/* someone else's phone with the code, a reply not understood, then hers */
	snprintf(lines, sizeof lines, "13800000000 %s 5\n18647701122 谢谢\n+8618647701122 %s 1\n", code, code);
	inbox(&cfg, lines);
	ck_assert_msg(rating_sms_read_inbox(w1, &cfg, &stats, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(stats.unmatched, 1);
	ck_assert_int_eq(stats.not_understood, 1);
	ck_assert_int_eq(stats.recorded, 1);
	ck_assert_int_eq(count_of(path, "SELECT count(*) FROM ratings WHERE case_id = %lld AND score = 1"
				  " AND channel = 'sms' AND due IS NOT NULL", (long long)first), 1);
	/* read again: the request is closed, the reply matches nothing */
	ck_assert_int_eq(rating_sms_read_inbox(w1, &cfg, &stats, &err), 0);
	ck_assert_int_eq(stats.recorded, 1);
	ck_assert_int_eq(count_of(path, "SELECT count(*) FROM ratings WHERE case_id = %lld", (long long)first), 1);
	strcpy(cfg.sms_inbox_command, "exit 3");
	ck_assert_int_eq(rating_sms_read_inbox(w1, &cfg, &stats, &err), -1);
	store_close(w1);
}
END_TEST

START_TEST(a_mailed_result_is_asked_once_delivered)
{
	const char *path = make_db(1);
	struct yc_store *st = open_window(path, "出件窗口");
	struct yc_user clerk = user(st, "pickup");
	struct yc_mailing m = { "乌审旗嘎鲁图镇萨拉乌苏路12号", "张丽娟", "13900001111", "1178123456789", "已寄出" };
	struct rating_sms_stats stats = { 0, 0, 0, 0 };
	struct yc_rating_request r;
	struct yc_settings cfg;
	struct yc_err err;
	int64_t id = query_long(path, "SELECT id FROM cases WHERE status = 'result_at_pickup'");

	settings_defaults(&cfg);
	ck_assert_msg(store_pickup_mail(st, &clerk, id, &m, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(store_rating_take(st, "WSQ", "出件窗口", &r, &err), 1);   /* at no window */
	ck_assert_int_eq(rating_sms_ask_due(st, &cfg, &stats, &err), 0);
	ck_assert_int_eq(stats.asked, 0);
	ck_assert_int_eq(store_pickup_delivered(st, &clerk, id, &err), 0);
	ck_assert_int_eq(rating_sms_ask_due(st, &cfg, &stats, &err), 0);
	ck_assert_int_eq(stats.asked, 1);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM notifications WHERE kind = 'rating' AND phone = '13900001111'"), 1);
	store_close(st);
}
END_TEST

START_TEST(a_service_left_waiting_since_yesterday_is_asked_by_sms)
{
	const char *path = make_db(1);
	struct yc_store *w1 = open_window(path, "1号窗口");
	struct rating_sms_stats stats = { 0, 0, 0, 0 };
	struct yc_settings cfg;
	struct yc_err err;
	int64_t second;

	settings_defaults(&cfg);
	hand_both_over(path, w1, &second);   /* no terminal at window 1 */
	ck_assert_int_eq(rating_sms_ask_due(w1, &cfg, &stats, &err), 0);
	ck_assert_int_eq(stats.asked, 0);
	pin_clock("2026-11-30 09:00");
	ck_assert_int_eq(rating_sms_ask_due(w1, &cfg, &stats, &err), 0);
	ck_assert_int_eq(stats.asked, 2);
	store_close(w1);
}
END_TEST

START_TEST(the_assessment_counts_ratings_by_channel)
{
	const char *path = make_db(1);
	struct yc_store *w1 = open_window(path, "1号窗口");
	struct yc_rating_channels c;
	struct yc_rating_request r;
	struct yc_err err;
	char sql[200];
	int64_t second, first = hand_both_over(path, w1, &second);
	long other = query_long(path, "SELECT count(*) FROM ratings WHERE at >= '2026-11-01' AND at < '2026-12-01'");

	ck_assert_int_eq(store_rating_take(w1, "WSQ", "1号窗口", &r, &err), 0);
	ck_assert_int_eq(store_rating_at_window(w1, r.id, 1, "", &err), 0);
	snprintf(sql, sizeof sql, "SELECT id FROM rating_requests WHERE case_id = %lld", (long long)first);
	ck_assert_int_eq(store_rating_sms_ask(w1, query_long(path, sql), "4821", "18647701122", "请评价", &err), 0);
	ck_assert_int_eq(store_rating_sms_reply(w1, "18647701122", "4821", 5, &err), 0);
	ck_assert_int_eq(store_ratings_by_channel(w1, "2026-11", "all", &c, &err), 0);
	ck_assert_int_eq(c.all[RATING_WINDOW], 1);
	ck_assert_int_eq(c.bad[RATING_WINDOW], 1);
	ck_assert_int_eq(c.all[RATING_SMS], 1);
	ck_assert_int_eq(c.bad[RATING_SMS], 0);
	ck_assert_int_eq(c.all[RATING_OTHER], other);
	ck_assert_int_eq(store_ratings_by_channel(w1, "2026-12", "all", &c, &err), 0);
	ck_assert_int_eq(c.all[RATING_WINDOW] + c.all[RATING_SMS], 0);
	ck_assert_int_eq(store_ratings_by_channel(w1, "2026-11", "NOSUCH", &c, &err), 0);
	ck_assert_int_eq(c.all[RATING_WINDOW] + c.all[RATING_SMS] + c.all[RATING_OTHER], 0);
	ck_assert_int_eq(store_ratings_by_channel(w1, "11月", "all", &c, &err), -1);
	store_close(w1);
}
END_TEST

START_TEST(a_follow_up_past_its_due_day_is_overdue_until_called_back)
{
	struct yc_followup f;

	memset(&f, 0, sizeof f);
	strcpy(f.due, "2026-12-18");
	ck_assert_int_eq(rating_followup_overdue(&f, "2026-12-18"), 0);   /* the due day itself */
	ck_assert_int_eq(rating_followup_overdue(&f, "2026-12-21"), 1);
	f.answered = 1;
	ck_assert_int_eq(rating_followup_overdue(&f, "2026-12-21"), 0);
	f.answered = 0;
	f.due[0] = '\0';   /* keyed in before due days: none */
	ck_assert_int_eq(rating_followup_overdue(&f, "2027-01-04"), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("rating");
	TCase *t = tcase_create("rating");

	tcase_set_timeout(t, 60);
	tcase_add_checked_fixture(t, setup, NULL);
	tcase_add_test(t, the_terminal_shows_its_windows_newest_service_masked);
	tcase_add_test(t, the_key_is_the_score_once_and_a_bad_one_is_due_for_follow_up);
	tcase_add_test(t, nobody_pressing_a_key_is_not_rated);
	tcase_add_test(t, masked_names_show_first_and_last_only);
	tcase_add_test(t, an_sms_reply_carries_the_code_and_the_score);
	tcase_add_test(t, not_rated_at_the_window_is_asked_by_sms_and_the_reply_recorded);
	tcase_add_test(t, a_mailed_result_is_asked_once_delivered);
	tcase_add_test(t, a_service_left_waiting_since_yesterday_is_asked_by_sms);
	tcase_add_test(t, the_assessment_counts_ratings_by_channel);
	tcase_add_test(t, a_follow_up_past_its_due_day_is_overdue_until_called_back);
	suite_add_tcase(s, t);
	return run_suite(s);
}
