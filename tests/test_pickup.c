/* The pickup window against a real database: who may collect, mail and its
 * delivery, the completion notice, ratings and their follow-up, and the
 * SMS outbox with a real notification command that fails, then works. */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "documents.h"
#include "outbox.h"
#include "settings.h"
#include "store-backoffice.h"
#include "store-outbox.h"
#include "store-pickup.h"
#include "store-rating.h"
#include "store-users.h"
#include "testdb.h"

/* Friday 27 November 2026, 10:00: the demo hall's "today", the day whose
 * pickup lists and outbox counts are asked for; tests that need the clock
 * to move set it themselves. */
static void setup(void)
{
	pin_clock("2026-11-27 10:00");
}

/* The demo case whose result waits at the pickup window (张丽娟). */
static int64_t waiting_case(const char *path)
{
	return query_long(path, "SELECT id FROM cases WHERE status = 'result_at_pickup' ORDER BY id LIMIT 1");
}

START_TEST(only_the_applicant_or_an_authorised_agent_collects)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user clerk = user(st, "pickup");
	struct yc_collection stranger = { "李俊峰", "150626199207181049", 0, NULL };
	struct yc_collection agent_no_paper = { "李俊峰", "150626199207181049", 1, "" };
	struct yc_collection agent = { "李俊峰", "150626199207181049", 1, "授权委托书原件，已留存" };
	struct yc_err err;
	char sql[200];
	int64_t id = waiting_case(path);

	ck_assert_int_gt(id, 0);
	ck_assert_int_eq(store_pickup_collect(st, &clerk, id, &stranger, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_int_eq(store_pickup_collect(st, &clerk, id, &agent_no_paper, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM pickups WHERE case_id = %lld", (long long)id);
	ck_assert_int_eq(query_long(path, sql), 0);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM cases WHERE id = %lld AND status = 'result_at_pickup'",
		 (long long)id);
	ck_assert_int_eq(query_long(path, sql), 1);
	ck_assert_msg(store_pickup_collect(st, &clerk, id, &agent, &err) == 0, "%s", err.msg);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM pickups WHERE case_id = %lld AND method = 'agent'"
		 " AND collector_id_number = '150626199207181049' AND authorisation_note <> ''", (long long)id);
	ck_assert_int_eq(query_long(path, sql), 1);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM cases WHERE id = %lld AND status = 'collected'"
		 " AND closed_at IS NOT NULL", (long long)id);
	ck_assert_int_eq(query_long(path, sql), 1);
	/* the result's slip knows the applicant has it (the assessment asks) */
	snprintf(sql, sizeof sql, "SELECT count(*) FROM transfer_slips t JOIN pickups p ON p.case_id = t.case_id"
		 " WHERE t.case_id = %lld AND t.direction = 'to_pickup' AND t.told_at = p.at", (long long)id);
	ck_assert_int_eq(query_long(path, sql), 1);
	store_close(st);
}
END_TEST

START_TEST(the_applicant_collects_with_their_own_id_number)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user clerk = user(st, "pickup"), guide = user(st, "guide");
	struct yc_collection self = { "张丽娟", "150626197809231518", 0, NULL };
	struct yc_err err;
	int64_t id = waiting_case(path);

	ck_assert_int_eq(store_pickup_collect(st, &guide, id, &self, &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	ck_assert_msg(store_pickup_collect(st, &clerk, id, &self, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(store_pickup_collect(st, &clerk, id, &self, &err), -1);   /* once */
	ck_assert_int_eq(err.code, YC_ECONFLICT);
	store_close(st);
}
END_TEST

START_TEST(mail_then_delivery_completes_the_register)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user clerk = user(st, "pickup");
	struct yc_mailing no_tracking = { "乌审旗嘎鲁图镇", "张丽娟", "18647701122", "", "寄出" };
	struct yc_mailing m = { "乌审旗嘎鲁图镇萨拉乌苏路12号", "张丽娟", "18647701122", "1178123456789",
				"已寄出，运单号1178123456789" };
	struct yc_pickup_row rows[10];
	struct yc_err err;
	char sql[300];
	int n;
	int64_t id = waiting_case(path);

	ck_assert_int_eq(store_pickup_mail(st, &clerk, id, &no_tracking, &err), -1);
	ck_assert_msg(store_pickup_mail(st, &clerk, id, &m, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(store_pickup_page(st, "WSQ", PICKUP_MAILED, "2026-11-27", "", NULL, 1, rows, 10, &n, &err), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(rows[0].tracking, "1178123456789");
	snprintf(sql, sizeof sql, "SELECT count(*) FROM notifications WHERE case_id = %lld AND kind = 'mail'"
		 " AND message LIKE '%%1178123456789%%' AND status = 'queued'", (long long)id);
	ck_assert_int_eq(query_long(path, sql), 1);
	ck_assert_msg(store_pickup_delivered(st, &clerk, id, &err) == 0, "%s", err.msg);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM pickups p JOIN cases c ON c.id = p.case_id"
		 " WHERE p.case_id = %lld AND p.method = 'mail' AND p.delivered_at IS NOT NULL"
		 " AND c.status = 'collected'", (long long)id);
	ck_assert_int_eq(query_long(path, sql), 1);
	store_close(st);
}
END_TEST

START_TEST(completion_notice_then_reminder)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user clerk = user(st, "pickup");
	struct yc_err err;
	char sql[300];
	int64_t id = waiting_case(path);

	ck_assert_int_eq(store_pickup_notify(st, &clerk, id, "已办结，请领取", &err), 0);
	ck_assert_int_eq(store_pickup_notify(st, &clerk, id, "请尽快领取", &err), 0);
	snprintf(sql, sizeof sql, "SELECT group_concat(kind, ',') FROM (SELECT kind FROM notifications"
		 " WHERE case_id = %lld ORDER BY id) AS n", (long long)id);
	{
		char kinds[64];

		ck_assert_str_eq(query_text(path, sql, kinds, sizeof kinds), "completion,reminder");
	}
	snprintf(sql, sizeof sql, "SELECT count(*) FROM cases WHERE id = %lld AND status = 'notified'", (long long)id);
	ck_assert_int_eq(query_long(path, sql), 1);
	store_close(st);
}
END_TEST

/* n results of the demo's notified case's item and applicant (李俊峰),
 * told, at the pickup window since arrived ("YYYY-MM-DD HH:MM:SS"); their
 * case numbers start with prefix. */
static void results_waiting(const char *path, int n, const char *prefix, const char *arrived)
{
	char sql[1500];

	snprintf(sql, sizeof sql,
		 "WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < %d)"
		 " INSERT INTO cases(case_number, query_password, item_id, site_id, channel, applicant_id, status,"
		 " kind, responder_id, created_at, accepted_at, promised_date, decided_at)"
		 " SELECT '%s' || printf('%%04d', k.n), '000000', c.item_id, c.site_id, 'window', c.applicant_id,"
		 " 'notified', c.kind, c.responder_id, '2026-11-02 09:00:00', '2026-11-02 09:10:00', '2026-11-09',"
		 " '%s' FROM k, cases c WHERE c.id = 8;"
		 " INSERT INTO transfer_slips(case_id, number, department_id, envelope, direction, created_at, handed_at)"
		 " SELECT c.id, 'JG-' || c.case_number, i.department_id, 'result', 'to_pickup', c.decided_at, '%s'"
		 " FROM cases c JOIN service_items i ON i.id = c.item_id WHERE c.case_number LIKE '%s%%';",
		 n, prefix, arrived, arrived, prefix);
	exec(path, sql);
}

/* Reminders queued for the cases whose numbers start with prefix. */
static long reminders_for(const char *path, const char *prefix)
{
	char sql[300];

	snprintf(sql, sizeof sql, "SELECT count(*) FROM notifications n JOIN cases c ON c.id = n.case_id"
		 " WHERE n.kind = 'reminder' AND n.status = 'queued' AND c.case_number LIKE '%s%%'", prefix);
	return query_long(path, sql);
}

START_TEST(every_result_waiting_too_long_is_reminded)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user clerk = user(st, "pickup");
	struct doc_hall hall = { "乌审旗政务服务中心", "", NULL };
	struct yc_err err;
	char sql[800];

	/* the hall's calendar in the database has two days off this week */
	exec(path, "INSERT INTO calendar_days(day, kind, name) VALUES ('2026-11-23', 'off', '测试'), ('2026-11-24', 'off', '测试')"
		   " ON CONFLICT(day) DO UPDATE SET kind = excluded.kind, name = excluded.name");
	/* more than a screen's list holds; 11 working days to Friday 27 November */
	results_waiting(path, 350, "LATE", "2026-11-10 15:00:00");
	/* six weekdays, four working days */
	results_waiting(path, 3, "HOLIDAY", "2026-11-19 15:00:00");
	/* three working days: not yet */
	results_waiting(path, 2, "RECENT", "2026-11-24 15:00:00");
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM cases WHERE status = 'notified'"), 356);
	ck_assert_int_eq(store_pickup_remind(st, &clerk, "WSQ", &hall, 5, &err), 350);
	ck_assert_int_eq(reminders_for(path, "LATE"), 350);
	ck_assert_int_eq(reminders_for(path, "HOLIDAY"), 0);
	ck_assert_int_eq(reminders_for(path, "RECENT"), 0);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM notifications WHERE kind = 'reminder'"), 350);
	/* each in the hall's name, to the applicant's phone, with its event */
	snprintf(sql, sizeof sql, "SELECT count(*) FROM notifications n JOIN cases c ON c.id = n.case_id"
		 " WHERE c.case_number = 'LATE0350' AND n.phone = '13847712345' AND n.message ="
		 " '【乌审旗政务服务中心】李俊峰您好，您申请的“' || (SELECT name FROM service_items WHERE id = c.item_id)"
		 " || '”（办件编号LATE0350）的办理结果已办结11个工作日，尚未领取，请尽快到统一出件窗口领取或申请邮寄。'");
	ck_assert_int_eq(query_long(path, sql), 1);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM events e JOIN cases c ON c.id = e.entity_id"
		 " WHERE e.entity = 'case' AND e.action = 'remind' AND e.user_id = %lld AND c.case_number LIKE 'LATE%%'",
		 (long long)clerk.id);
	ck_assert_int_eq(query_long(path, sql), 350);
	/* the state stays: they are still waiting */
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM cases WHERE case_number LIKE 'LATE%' AND status = 'notified'"),
			 350);
	/* a shorter wait reaches those of the holiday week too */
	ck_assert_int_eq(store_pickup_remind(st, NULL, "WSQ", &hall, 4, &err), 353);
	ck_assert_int_eq(reminders_for(path, "HOLIDAY"), 3);
	store_close(st);
}
END_TEST

START_TEST(only_the_pickup_window_reminds)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user clerk = user(st, "pickup"), guide = user(st, "guide");
	struct doc_hall hall = { "乌审旗政务服务中心", "", NULL };
	struct yc_err err;

	results_waiting(path, 2, "LATE", "2026-11-10 15:00:00");
	ck_assert_int_eq(store_pickup_remind(st, &guide, "WSQ", &hall, 5, &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	ck_assert_int_eq(store_pickup_remind(st, &clerk, "WSQ", &hall, 0, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM notifications WHERE kind = 'reminder'"), 0);
	store_close(st);
}
END_TEST

START_TEST(a_bad_rating_needs_the_supervisors_follow_up)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user clerk = user(st, "pickup"), super = user(st, "super"), guide = user(st, "guide");
	struct yc_collection self = { "张丽娟", "150626197809231518", 0, NULL };
	struct yc_rating_request r;
	struct yc_followup rows[10];
	struct yc_err err;
	long all, open, open_before, overdue;
	int n, i, found = -1;
	int64_t id = waiting_case(path);

	/* handed over at this window, rated 1 by the applicant on its terminal */
	ck_assert_msg(store_pickup_collect(st, &clerk, id, &self, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(store_rating_take(st, "WSQ", "test", &r, &err), 0);
	ck_assert_msg(store_rating_at_window(st, r.id, 1, "等候时间太长", &err) == 0, "%s", err.msg);
	ck_assert_int_eq(store_followups_page(st, NULL, 1, rows, 10, &n, &err), 0);
	for (i = 0; i < n; i++)
		if (rows[i].score == 1 && strcmp(rows[i].applicant, "张丽娟") == 0)
			found = i;
	ck_assert_int_ge(found, 0);
	ck_assert_str_eq(rows[found].answered_at, "");
	ck_assert_str_eq(rows[found].due, "2026-12-18");   /* 15 working days on */
	ck_assert_str_eq(rows[found].reasons, "等候时间太长");
	ck_assert_str_eq(rows[found].channel, "window");
	ck_assert_int_eq(store_followups_count(st, "2026-11-27", &all, &open_before, &overdue, &err), 0);
	ck_assert_int_eq(all, query_long(path, "SELECT count(*) FROM ratings WHERE score <= 2"));
	ck_assert_int_eq(overdue, 0);
	ck_assert_int_eq(store_followups_count(st, "2026-12-19", &all, &open, &overdue, &err), 0);
	ck_assert_int_eq(overdue, 1);   /* not called back by its due day: the supervisor's finding */
	ck_assert_int_eq(store_followup_record(st, &guide, rows[found].rating_id, FOLLOWUP_CHECK, "属实", &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	ck_assert_int_eq(store_followup_record(st, &super, rows[found].rating_id, FOLLOWUP_CHECK, " ", &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	/* the call back needs the verification and the rectification first */
	ck_assert_int_eq(store_followup_record(st, &super, rows[found].rating_id, FOLLOWUP_CALL_BACK, "已回访", &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_int_eq(store_followup_record(st, &super, rows[found].rating_id, FOLLOWUP_CHECK, "当日等候超过一小时，属实",
					       &err), 0);
	ck_assert_int_eq(store_followup_record(st, &super, rows[found].rating_id, FOLLOWUP_RECTIFY, "高峰时段加开窗口",
					       &err), 0);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM ratings WHERE score = 1 AND follow_up_at IS NOT NULL"), 0);
	ck_assert_int_eq(store_followup_record(st, &super, rows[found].rating_id, FOLLOWUP_CALL_BACK, "已电话回访并致歉，表示认可",
					       &err), 0);
	ck_assert_int_eq(store_followup_record(st, &super, rows[found].rating_id, FOLLOWUP_CHECK, "再次", &err), -1);
	ck_assert_int_eq(err.code, YC_ECONFLICT);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM ratings WHERE score = 1 AND follow_up_at IS NOT NULL"
				    " AND checked <> '' AND rectified <> '' AND called_back = follow_up"), 1);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM events WHERE entity = 'rating'"
				    " AND action IN ('check', 'rectify', 'call_back')"), 3);
	ck_assert_int_eq(store_followups_count(st, "2026-12-19", &all, &open, &overdue, &err), 0);
	ck_assert_int_eq(open, open_before - 1);
	ck_assert_int_eq(overdue, 0);
	store_close(st);
}
END_TEST

/* Paging the follow-ups across the turn from unanswered to answered
 * (the sort key is an expression: "answered" first ascending, then the
 * latest first): each bad rating once, in order, pages of three. */
START_TEST(follow_ups_page_across_answered_and_not)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_followup rows[3], last;
	struct yc_err err;
	long all, open, overdue, seen = 0, answered_seen = 0;
	int n, i;

	/* a bad rating on each demo case without one, a third answered */
	exec(path, "INSERT INTO ratings(case_id, score, comment, channel, at, follow_up, follow_up_at)"
		   " SELECT c.id, 1, 'p' || c.id, 'pickup', '2026-11-2' || (c.id % 7) || ' 10:00:00',"
		   "  CASE WHEN c.id % 3 = 0 THEN '已回访' END, CASE WHEN c.id % 3 = 0 THEN '2026-11-27 09:00:00' END"
		   " FROM cases c WHERE c.id NOT IN (SELECT case_id FROM ratings)");
	ck_assert_int_eq(store_followups_count(st, "2026-11-27", &all, &open, &overdue, &err), 0);
	ck_assert_int_ge(all, 6);
	ck_assert(open > 0 && open < all);
	memset(&last, 0, sizeof last);
	do {
		ck_assert_int_eq(store_followups_page(st, seen ? &last : NULL, 1, rows, 3, &n, &err), 0);
		for (i = 0; i < n; i++) {
			/* the unanswered all come before the answered */
			ck_assert(!answered_seen || rows[i].answered);
			answered_seen |= rows[i].answered;
			last = rows[i];
		}
		seen += n;
	} while (n == 3);
	ck_assert_int_eq(seen, all);
	ck_assert(answered_seen);
	ck_assert_int_eq(seen - open, query_long(path, "SELECT count(*) FROM ratings WHERE score <= 2 AND follow_up_at IS NOT NULL"));
	store_close(st);
}
END_TEST

/* A notification command that fails the first time and works after: the
 * message is tried again only when its backoff has passed, then sent. */
START_TEST(outbox_retries_a_failed_message_until_it_is_sent)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user clerk = user(st, "pickup");
	struct yc_settings cfg;
	struct outbox_stats stats;
	struct yc_err err;
	char dir[300], script[400], log[400], sql[300];
	FILE *f;
	long before = query_long(path, "SELECT count(*) FROM notifications WHERE status = 'queued'");

	scratch_mkdtemp(dir, sizeof dir, "sms");
	snprintf(script, sizeof script, "%s/sms.sh", dir);
	snprintf(log, sizeof log, "%s/sent.txt", dir);
	f = fopen(script, "w");
	ck_assert_ptr_nonnull(f);
	/* the gateway is down the first time: it says so and fails */
	fprintf(f, "#!/bin/sh\nif [ ! -e '%s/up' ]; then touch '%s/up'; echo 'gateway timeout'; exit 3; fi\n"
		   "printf '%%s %%s\\n' \"$1\" \"$2\" >> '%s'\n", dir, dir, log);
	fclose(f);
	settings_defaults(&cfg);
	snprintf(cfg.notify_command, sizeof cfg.notify_command, "sh %s %%p %%m", script);

	setenv("YICHUANG_TODAY", "2026-11-27 10:00", 1);
	ck_assert_int_eq(store_pickup_notify(st, &clerk, waiting_case(path), "您的办件已办结", &err), 0);
	/* the first try fails: tried again in a minute */
	ck_assert_int_eq(outbox_run(st, &cfg, &stats, &err), 0);
	ck_assert_int_eq(stats.failed, 1);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM notifications WHERE status = 'queued' AND attempts = 1"
		 " AND last_error = 'gateway timeout' AND next_attempt_at = '2026-11-27 10:01:00'");
	ck_assert_int_eq(query_long(path, sql), 1);
	/* not due yet: nothing is tried */
	ck_assert_int_eq(outbox_run(st, &cfg, &stats, &err), 0);
	ck_assert_int_eq(stats.sent + stats.failed, 0);
	/* two minutes later it goes */
	setenv("YICHUANG_TODAY", "2026-11-27 10:02", 1);
	ck_assert_int_eq(outbox_run(st, &cfg, &stats, &err), 0);
	ck_assert_int_eq(stats.sent, 1);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM notifications WHERE status = 'sent'"
				    " AND attempts = 2 AND message = '您的办件已办结'"), 1);
	f = fopen(log, "r");
	ck_assert_ptr_nonnull(f);
	{
		char line[300] = "";

		ck_assert_ptr_nonnull(fgets(line, sizeof line, f));
		ck_assert_str_eq(line, "18647701122 您的办件已办结\n");
	}
	fclose(f);
	ck_assert_int_eq(before, 0);
	unsetenv("YICHUANG_TODAY");
	store_close(st);
}
END_TEST

START_TEST(a_message_is_given_up_after_max_attempts)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user clerk = user(st, "pickup");
	struct yc_settings cfg;
	struct outbox_stats stats;
	struct yc_outbox_counts counts;
	struct yc_err err;
	int i;

	settings_defaults(&cfg);
	snprintf(cfg.notify_command, sizeof cfg.notify_command, "exit 1");
	cfg.notify_max_attempts = 3;
	ck_assert_int_eq(store_pickup_notify(st, &clerk, waiting_case(path), "x", &err), 0);
	for (i = 0; i < 3; i++) {
		char now[32];

		snprintf(now, sizeof now, "2026-11-27 1%d:00", i);   /* an hour apart: always due */
		setenv("YICHUANG_TODAY", now, 1);
		ck_assert_int_eq(outbox_run(st, &cfg, &stats, &err), 0);
		ck_assert_int_eq(stats.failed, 1);
	}
	ck_assert_int_eq(store_outbox_counts(st, "2026-11-27", &counts, &err), 0);
	ck_assert_int_eq(counts.failed, 1);
	ck_assert_int_eq(counts.queued, 0);
	unsetenv("YICHUANG_TODAY");
	store_close(st);
}
END_TEST

START_TEST(unsent_lists_given_up_messages_first_then_queued_newest_first)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_outbox_msg rows[8];
	struct yc_err err;
	int n, i;

	/* ids 1001..1012 in turn failed, queued, sent */
	exec(path, "DELETE FROM notifications;"
		   "WITH RECURSIVE k(n) AS (SELECT 1001 UNION ALL SELECT n + 1 FROM k WHERE n < 1012)"
		   " INSERT INTO notifications(id, phone, message, status, created_at)"
		   " SELECT n, '13900000000', 'm' || n, CASE n % 3 WHEN 0 THEN 'failed' WHEN 1 THEN 'queued'"
		   " ELSE 'sent' END, '2026-11-27 09:00:00' FROM k;");
	ck_assert_int_eq(store_outbox_unsent(st, rows, 8, &n, &err), 0);
	ck_assert_int_eq(n, 8);
	{
		/* failed: 1011 1008 1005 1002; queued: 1012 1009 1006 1003 */
		const int64_t want[8] = { 1011, 1008, 1005, 1002, 1012, 1009, 1006, 1003 };

		for (i = 0; i < 8; i++)
			ck_assert_int_eq(rows[i].id, want[i]);
	}
	ck_assert_int_eq(store_outbox_unsent(st, rows, 3, &n, &err), 0);
	ck_assert_int_eq(n, 3);
	ck_assert_int_eq(rows[2].id, 1005);
	store_close(st);
}
END_TEST

/* 350 results waiting besides the demo's two, all decided at the same
 * moment: the list pages whole by keyset (their ids break the tie), to its
 * last row and back, the count counts them all, and the search is part of
 * the query. The screen once stopped at 300. */
START_TEST(a_long_waiting_list_pages_to_its_last_row)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_pickup_row rows[100], last, back[10];
	const struct yc_pickup_row *from = NULL;
	struct yc_err err;
	long count, seen = 0;
	int n, i;

	exec(path, "WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 350)"
	     " INSERT INTO cases(id, case_number, item_id, site_id, applicant_id, status, kind, responder_id,"
	     " created_at, decided_at) SELECT 100000 + n, printf('LONG%04d', n), item_id, site_id, applicant_id,"
	     " 'result_at_pickup', kind, responder_id, created_at, '2000-01-03 10:00:00'"
	     " FROM k, cases WHERE cases.id = (SELECT min(id) FROM cases WHERE status = 'result_at_pickup')");
	ck_assert_int_eq(store_pickup_count(st, "WSQ", PICKUP_WAITING, "2026-11-27", "", &count, &err), 0);
	ck_assert_int_eq(count, 352);
	do {
		ck_assert_msg(store_pickup_page(st, "WSQ", PICKUP_WAITING, "2026-11-27", "", from, 1, rows, 100, &n, &err) == 0,
			      "%s", err.msg);
		for (i = 0; i < n; i++, seen++)
			if (seen < 350)
				ck_assert_int_eq(rows[i].case_id, 100001 + seen);
		if (n > 0) {
			last = rows[n - 1];
			from = &last;
		}
	} while (n == 100);
	ck_assert_int_eq(seen, 352);
	/* from the end: the last ten in display order; before a row: the ten above it */
	ck_assert_int_eq(store_pickup_page(st, "WSQ", PICKUP_WAITING, "2026-11-27", "", NULL, 0, back, 10, &n, &err), 0);
	ck_assert_int_eq(n, 10);
	ck_assert_int_eq(back[9].case_id, last.case_id);
	ck_assert_int_eq(back[0].case_id, 100343);
	ck_assert_int_eq(store_pickup_page(st, "WSQ", PICKUP_WAITING, "2026-11-27", "", &back[0], 0, back, 10, &n, &err), 0);
	ck_assert_int_eq(n, 10);
	ck_assert_int_eq(back[0].case_id, 100333);
	ck_assert_int_eq(back[9].case_id, 100342);
	ck_assert_int_eq(store_pickup_page(st, "WSQ", PICKUP_WAITING, "2026-11-27", "long0350", NULL, 1, rows, 100, &n, &err), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(rows[0].case_number, "LONG0350");
	ck_assert_int_eq(store_pickup_count(st, "WSQ", PICKUP_WAITING, "2026-11-27", "LONG03", &count, &err), 0);
	ck_assert_int_eq(count, 51);
	store_close(st);
}
END_TEST

/* A fee the department sets is pushed to the applicant (a payment notice
 * in the outbox, once per amount); the result waits at the window until
 * the receipt is recorded (who, when, number, amount); then it goes. */
START_TEST(a_result_is_held_until_its_fee_is_paid)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user clerk = user(st, "pickup"), review = user(st, "review");
	struct yc_collection self = { "张丽娟", "150626197809231518", 0, NULL };
	struct yc_mailing m = { "乌审旗嘎鲁图镇萨拉乌苏路12号", "张丽娟", "18647701122", "1178123456789", "已寄出" };
	struct yc_pickup_row rows[10];
	struct yc_err err;
	char sql[400];
	int n, i, found = -1;
	int64_t id = waiting_case(path);

	ck_assert_msg(store_case_fee(st, &review, id, 5000, NULL, &err) == 0, "%s", err.msg);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM notifications WHERE case_id = %lld AND kind = 'fee'"
		 " AND message LIKE '%%50.00%%' AND status = 'queued'", (long long)id);
	ck_assert_int_eq(query_long(path, sql), 1);
	/* the same amount again is no news; the list shows it held */
	ck_assert_int_eq(store_case_fee(st, &review, id, 5000, "", &err), 0);
	ck_assert_int_eq(query_long(path, sql), 1);
	ck_assert_int_eq(store_pickup_page(st, "WSQ", PICKUP_WAITING, "2026-11-27", "", NULL, 1, rows, 10, &n, &err), 0);
	for (i = 0; i < n; i++)
		if (rows[i].case_id == id)
			found = i;
	ck_assert_int_ge(found, 0);
	ck_assert_int_eq(rows[found].fee_due_fen, 5000);
	ck_assert_int_eq(store_pickup_collect(st, &clerk, id, &self, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "50.00"));
	ck_assert_int_eq(store_pickup_mail(st, &clerk, id, &m, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM cases WHERE id = %lld AND status = 'result_at_pickup'",
		 (long long)id);
	ck_assert_int_eq(query_long(path, sql), 1);
	/* paid: the receipt says who recorded it and when, the setting stays */
	pin_clock("2026-11-27 11:00");
	ck_assert_int_eq(store_case_fee(st, &review, id, 5000, "NO.0012345", &err), 0);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM fees WHERE case_id = %lld AND paid = 1 AND receipt_number = 'NO.0012345'"
		 " AND amount_fen = 5000 AND paid_by = %lld AND paid_at LIKE '2026-11-27 11:00%%'"
		 " AND set_at LIKE '2026-11-27 10:00%%' AND notified_at IS NOT NULL", (long long)id, (long long)review.id);
	ck_assert_int_eq(query_long(path, sql), 1);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM notifications WHERE case_id = %lld AND kind = 'fee'", (long long)id);
	ck_assert_int_eq(query_long(path, sql), 1);
	ck_assert_msg(store_pickup_collect(st, &clerk, id, &self, &err) == 0, "%s", err.msg);
	store_close(st);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("pickup");
	TCase *t = tcase_create("pickup");

	tcase_set_timeout(t, 60);
	tcase_add_checked_fixture(t, setup, NULL);
	tcase_add_test(t, only_the_applicant_or_an_authorised_agent_collects);
	tcase_add_test(t, the_applicant_collects_with_their_own_id_number);
	tcase_add_test(t, a_result_is_held_until_its_fee_is_paid);
	tcase_add_test(t, mail_then_delivery_completes_the_register);
	tcase_add_test(t, a_long_waiting_list_pages_to_its_last_row);
	tcase_add_test(t, completion_notice_then_reminder);
	tcase_add_test(t, every_result_waiting_too_long_is_reminded);
	tcase_add_test(t, only_the_pickup_window_reminds);
	tcase_add_test(t, a_bad_rating_needs_the_supervisors_follow_up);
	tcase_add_test(t, follow_ups_page_across_answered_and_not);
	tcase_add_test(t, outbox_retries_a_failed_message_until_it_is_sent);
	tcase_add_test(t, unsent_lists_given_up_messages_first_then_queued_newest_first);
	tcase_add_test(t, a_message_is_given_up_after_max_attempts);
	suite_add_tcase(s, t);
	return run_suite(s);
}
