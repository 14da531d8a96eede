/* The queue at the windows and the guidance desk's questions, against a
 * real database; several stations calling at once from separate processes. */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "documents.h"
#include "store-appointments.h"
#include "store-guidance.h"
#include "store-queue.h"
#include "store-users.h"
#include "testdb.h"

static char num[16];

/* Friday 27 November 2026, 10:00: tickets are numbered afresh each day
 * (A001 ...), so every test's tickets are issued and called on one day,
 * whatever the real clock says; the appointments are for that day. */
static void setup(void)
{
	pin_clock("2026-11-27 10:00");
}

static void issue(struct yc_store *st, const char *cat, int priority)
{
	struct yc_err err;

	ck_assert_msg(store_ticket_issue(st, "WSQ", cat, priority, 0, 0, 0, num, &err) == 0, "%s", err.msg);
}

START_TEST(green_channel_first_then_arrival_order)
{
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix", 2000);
	int64_t w1 = window_clerk(path);
	struct yc_ticket t;
	struct yc_err err;

	issue(st, "combined", 0);   /* A001 */
	issue(st, "combined", 0);   /* A002 */
	issue(st, "combined", 1);   /* A003, green channel */
	issue(st, "bundle", 0);     /* B001: another queue */
	ck_assert_int_eq(store_queue_call_next(st, "WSQ", "combined", "W1", w1, &t, &err), 0);
	ck_assert_str_eq(t.number, "A003");
	ck_assert_int_eq(store_queue_call_next(st, "WSQ", "combined", "W1", w1, &t, &err), 0);
	ck_assert_str_eq(t.number, "A001");
	ck_assert_int_eq(store_queue_call_next(st, "WSQ", "combined", "W1", w1, &t, &err), 0);
	ck_assert_str_eq(t.number, "A002");
	ck_assert_int_eq(store_queue_call_next(st, "WSQ", "combined", "W1", w1, &t, &err), 1);
	/* nobody left for W1's own queue: where the hall lets windows help
	 * each other, it takes the other queue's longest waiting */
	set_policy(st, "queue.take_others", "1");
	issue(st, "pickup", 0);   /* F001: a visit of another kind */
	ck_assert_int_eq(store_queue_call_next(st, "WSQ", "combined", "W1", w1, &t, &err), 0);
	ck_assert_str_eq(t.number, "B001");
	ck_assert_int_eq(store_queue_call_next(st, "WSQ", "combined", "W1", w1, &t, &err), 1);   /* not F001 */
	store_close(st);
}
END_TEST

START_TEST(calling_next_finishes_the_current_one)
{
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix", 2000);
	int64_t w1 = window_clerk(path);
	struct yc_ticket t, cur;
	struct yc_err err;
	long waiting;

	issue(st, "combined", 0);
	issue(st, "combined", 0);
	ck_assert_int_eq(store_queue_call_next(st, "WSQ", "combined", "W1", w1, &t, &err), 0);
	ck_assert_int_eq(store_queue_current(st, "WSQ", "W1", &cur, &err), 0);
	ck_assert_str_eq(cur.number, "A001");
	ck_assert_int_eq(store_queue_current(st, "WSQ", "W2", &cur, &err), 1);   /* not W2's */
	ck_assert_int_eq(store_queue_waiting_count(st, "WSQ", "combined", &waiting, &err), 0);
	ck_assert_int_eq(waiting, 1);
	ck_assert_int_eq(store_queue_call_next(st, "WSQ", "combined", "W1", w1, &t, &err), 0);
	store_close(st);
	{
		char status[16];

		ck_assert_str_eq(query_text(path, "SELECT status FROM queue_tickets WHERE number = 'A001'", status,
					    sizeof status), "done");
		ck_assert_int_eq(query_long(path, "SELECT count(*) FROM queue_tickets WHERE number = 'A001'"
					    " AND finished_at IS NOT NULL"), 1);
	}
}
END_TEST

START_TEST(recall_no_show_and_other_stations_tickets)
{
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix", 2000);
	int64_t w1 = window_clerk(path);
	struct yc_ticket t, cur;
	struct yc_err err;

	issue(st, "combined", 0);
	ck_assert_int_eq(store_queue_call_next(st, "WSQ", "combined", "W1", w1, &t, &err), 0);
	ck_assert_int_eq(store_queue_act(st, t.id, "W1", QUEUE_RECALL, w1, &err), 0);
	ck_assert_int_eq(store_queue_act(st, t.id, "W1", QUEUE_RECALL, w1, &err), 0);
	ck_assert_int_eq(store_queue_current(st, "WSQ", "W1", &cur, &err), 0);
	ck_assert_int_eq(cur.recalls, 2);
	/* another window cannot close W1's ticket */
	ck_assert_int_eq(store_queue_act(st, t.id, "W2", QUEUE_DONE, w1, &err), -1);
	ck_assert_int_eq(err.code, YC_ECONFLICT);
	ck_assert_int_eq(store_queue_act(st, t.id, "W1", QUEUE_NO_SHOW, w1, &err), 0);
	ck_assert_int_eq(store_queue_current(st, "WSQ", "W1", &cur, &err), 1);
	/* and nothing can be done twice */
	ck_assert_int_eq(store_queue_act(st, t.id, "W1", QUEUE_DONE, w1, &err), -1);
	ck_assert_int_eq(err.code, YC_ECONFLICT);
	store_close(st);
}
END_TEST

/* The person called stepped away: the ticket is held, the window serves
 * the next; the held one is taken up again later, and a number picked
 * from the list is called out of turn. No other window can take up
 * this window's held ticket, and a window holds at most a few. */
START_TEST(a_ticket_on_hold_is_taken_up_again_and_a_picked_number_called)
{
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix", 2000);
	int64_t w1 = window_clerk(path);
	struct yc_ticket t, cur, held[STORE_QUEUE_MAX_HELD], a003;
	struct yc_err err;
	long waiting;
	int n, i;

	for (i = 0; i < 4; i++)
		issue(st, "combined", 0);
	ck_assert_int_eq(store_queue_call_next(st, "WSQ", "combined", "W1", w1, &t, &err), 0);
	ck_assert_str_eq(t.number, "A001");
	ck_assert_int_eq(store_queue_act(st, t.id, "W1", QUEUE_HOLD, w1, &err), 0);
	/* held: nobody at the window, nothing finished, not waiting either */
	ck_assert_int_eq(store_queue_current(st, "WSQ", "W1", &cur, &err), 1);
	ck_assert_int_eq(store_queue_held(st, "WSQ", "W1", held, &n, &err), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(held[0].number, "A001");
	ck_assert_int_ne(held[0].held_at[0], '\0');
	ck_assert_int_eq(store_queue_waiting_count(st, "WSQ", "combined", &waiting, &err), 0);
	ck_assert_int_eq(waiting, 3);
	/* the next is called as usual; a held ticket cannot be finished */
	ck_assert_int_eq(store_queue_call_next(st, "WSQ", "combined", "W1", w1, &t, &err), 0);
	ck_assert_str_eq(t.number, "A002");
	ck_assert_int_eq(store_queue_act(st, held[0].id, "W1", QUEUE_DONE, w1, &err), -1);
	ck_assert_int_eq(err.code, YC_ECONFLICT);
	/* another window cannot take it up */
	ck_assert_int_eq(store_queue_call_this(st, "WSQ", "W2", w1, held[0].id, &cur, &err), -1);
	ck_assert_int_eq(err.code, YC_ECONFLICT);
	/* this one can: A002 is finished on the way */
	ck_assert_int_eq(store_queue_call_this(st, "WSQ", "W1", w1, held[0].id, &cur, &err), 0);
	ck_assert_str_eq(cur.number, "A001");
	ck_assert_int_eq(store_queue_current(st, "WSQ", "W1", &cur, &err), 0);
	ck_assert_str_eq(cur.number, "A001");
	ck_assert_str_eq(cur.held_at, "");
	ck_assert_int_eq(store_queue_held(st, "WSQ", "W1", held, &n, &err), 0);
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM queue_tickets WHERE number = 'A002' AND status = 'done'"), 1);
	/* a number picked from the list, out of turn: A004 before A003 */
	ck_assert_int_eq(store_queue_waiting(st, "WSQ", "combined", NULL, 0, &a003, 1, &n, &err), 0);
	ck_assert_str_eq(a003.number, "A004");
	ck_assert_int_eq(store_queue_call_this(st, "WSQ", "W1", w1, a003.id, &cur, &err), 0);
	ck_assert_str_eq(cur.number, "A004");
	/* a number another window has called meanwhile is refused */
	ck_assert_int_eq(store_queue_call_next(st, "WSQ", "combined", "W2", w1, &t, &err), 0);
	ck_assert_str_eq(t.number, "A003");
	ck_assert_int_eq(store_queue_call_this(st, "WSQ", "W1", w1, t.id, &cur, &err), -1);
	ck_assert_int_eq(err.code, YC_ECONFLICT);
	store_close(st);
}
END_TEST

START_TEST(a_window_holds_a_few_tickets_at_most)
{
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix", 2000);
	int64_t w1 = window_clerk(path);
	struct yc_ticket t;
	struct yc_err err;
	int i;

	for (i = 0; i <= STORE_QUEUE_MAX_HELD; i++) {
		issue(st, "combined", 0);
		ck_assert_int_eq(store_queue_call_next(st, "WSQ", "combined", "W1", w1, &t, &err), 0);
		ck_assert_int_eq(store_queue_act(st, t.id, "W1", QUEUE_HOLD, w1, &err), i < STORE_QUEUE_MAX_HELD ? 0 : -1);
	}
	ck_assert_int_eq(err.code, YC_EINVAL);
	store_close(st);
}
END_TEST

/* The board's estimate: the tickets ahead shared among the windows that
 * serve the category, at today's average service time. */
START_TEST(the_board_estimates_the_wait_from_todays_service_times)
{
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix", 2000);
	int64_t w1 = window_clerk(path);
	struct yc_queue_board_row rows[16];
	struct yc_ticket t;
	struct yc_err err;
	char sql[400], moved[200];
	int n, i;

	ck_assert_int_eq(queue_estimated_wait_minutes(0, 0, 0), 0);
	ck_assert_int_eq(queue_estimated_wait_minutes(3, 0, 1), -1);     /* nobody served yet */
	ck_assert_int_eq(queue_estimated_wait_minutes(3, 600, 1), 30);
	ck_assert_int_eq(queue_estimated_wait_minutes(3, 600, 2), 15);
	ck_assert_int_eq(queue_estimated_wait_minutes(1, 20, 3), 1);     /* at least a minute */
	for (i = 0; i < 5; i++)
		issue(st, "combined", 0);
	issue(st, "pickup", 0);
	/* two served today at two windows, 12 and 8 minutes each */
	for (i = 0; i < 2; i++) {
		ck_assert_int_eq(store_queue_call_next(st, "WSQ", "combined", i ? "W2" : "W1", w1, &t, &err), 0);
		ck_assert_int_eq(store_queue_act(st, t.id, i ? "W2" : "W1", QUEUE_DONE, w1, &err), 0);
		snprintf(sql, sizeof sql, "UPDATE queue_tickets SET called_at = %s WHERE id = %lld",
			 sql_time_plus("finished_at", i ? "-8" : "-12", "minutes", moved, sizeof moved), (long long)t.id);
		exec(path, sql);
	}
	ck_assert_int_eq(store_queue_board(st, "WSQ", rows, 16, &n, &err), 0);
	ck_assert_int_eq(n, 2);
	ck_assert_str_eq(rows[0].prefix, "A");
	ck_assert_str_eq(rows[0].serving, "A002");
	ck_assert_int_eq(rows[0].waiting, 3);
	ck_assert_int_eq(rows[0].windows, 2);
	ck_assert_int_eq(rows[0].estimate_minutes, 15);   /* 3 x 10 min over 2 windows */
	ck_assert_str_eq(rows[1].prefix, "F");
	ck_assert_int_eq(rows[1].estimate_minutes, -1);
	store_close(st);
}
END_TEST

/* A booking is found by phone, moved to another day (the person gets an
 * SMS), cancelled; the day before, each booked person gets one reminder,
 * however often the reminder runs. */
START_TEST(appointments_are_moved_cancelled_and_reminded_the_day_before)
{
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct doc_hall hall = { "乌审旗政务服务中心", "", NULL };
	struct yc_appointment rows[4];
	struct yc_err err;
	int64_t a1, a2, a3;
	char day[11];
	int n, more, sent;

	/* Friday 27 November: Saturday 28 takes appointments (mornings) */
	ck_assert_int_eq(store_appointment_book(st, "WSQ", "2026-11-28", "09:00", 1, "王海燕", "13904771234", 0, &a1, &err), 0);
	ck_assert_int_eq(store_appointment_book(st, "WSQ", "2026-11-28", "09:30", 2, "李俊峰", "13847712345", 0, &a2, &err), 0);
	ck_assert_int_eq(store_appointment_book(st, "WSQ", "2026-11-30", "10:00", 3, "张三", "13800000000", 0, &a3, &err), 0);
	ck_assert_int_eq(store_appointments_find(st, "WSQ", "2026-11-27", "1234", rows, 4, &n, &more, &err), 0);
	ck_assert_int_eq(n, 2);   /* 1390477 1234 and 138477 12345 */
	ck_assert_int_eq(store_appointments_find(st, "WSQ", "2026-11-27", "7712345", rows, 4, &n, &more, &err), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(rows[0].id, a2);
	ck_assert_int_eq(store_appointments_find(st, "WSQ", "2026-11-27", "1", rows, 4, &n, &more, &err), -1);
	ck_assert_int_eq(store_appointments_find(st, "WSQ", "2026-11-27", "王", rows, 4, &n, &more, &err), -1);   /* one character */
	/* moved to Monday: not onto a Sunday, nor past the slots */
	ck_assert_int_eq(store_appointment_move(st, "WSQ", a2, "2026-11-29", "09:00", 0, &hall, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_int_eq(store_appointment_move(st, "WSQ", a2, "2026-11-30", "14:00", 0, &hall, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_int_eq(store_appointment_move(st, "WSQ", a2, "2026-11-30", "10:00", 0, &hall, &err), 0);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM appointments WHERE day = '2026-11-30' AND slot = '10:00'"
				    " AND moved_from = '2026-11-28 09:30'"), 1);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM notifications WHERE kind = 'appointment'"
				    " AND phone = '13847712345' AND message LIKE '%已改到2026-11-30 10:00%'"), 1);
	/* cancelled once */
	/* Monday's booking is not checked in on Friday */
	ck_assert_int_eq(store_appointment_check_in(st, "WSQ", a3, 0, num, &err), -1);
	ck_assert_int_eq(err.code, YC_ECONFLICT);
	/* moved to the slot it has (with 李俊峰, two places): no more in it
	 * than before, though the slot is full */
	set_policy(st, "appointments.per_slot", "2");
	ck_assert_int_eq(store_appointment_move(st, "WSQ", a3, "2026-11-30", "10:00", 0, &hall, &err), 0);
	set_policy(st, "appointments.per_slot", "3");
	ck_assert_int_eq(store_appointment_cancel(st, "WSQ", a3, 0, &err), 0);
	ck_assert_int_eq(store_appointment_cancel(st, "WSQ", a3, 0, &err), -1);
	ck_assert_int_eq(err.code, YC_ECONFLICT);
	/* the day before Saturday: only 王海燕 is still booked for it, once */
	ck_assert_int_eq(store_appointments_remind(st, "WSQ", &hall, &sent, day, &err), 0);
	ck_assert_str_eq(day, "2026-11-28");
	ck_assert_int_eq(sent, 1);
	ck_assert_int_eq(store_appointments_remind(st, "WSQ", &hall, &sent, day, &err), 0);
	ck_assert_int_eq(sent, 0);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM notifications WHERE kind = 'appointment'"
				    " AND phone = '13904771234' AND message LIKE '%2026-11-28 09:00%'"), 1);
	store_close(st);
}
END_TEST

START_TEST(transfer_keeps_the_place_and_the_note)
{
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix", 2000);
	int64_t w1 = window_clerk(path);
	struct yc_ticket t, rows[8];
	struct yc_err err;
	char number[16];
	long waiting;
	int n;

	issue(st, "bundle", 0);     /* B001 already waiting */
	issue(st, "combined", 0);
	ck_assert_int_eq(store_queue_call_next(st, "WSQ", "combined", "W1", w1, &t, &err), 0);
	ck_assert_int_eq(store_queue_transfer(st, t.id, "W1", "bundle", "开餐馆一件事", w1, number, &err), 0);
	ck_assert_str_eq(number, "B002");
	ck_assert_int_eq(store_queue_waiting(st, "WSQ", "bundle", NULL, 1, rows, 8, &n, &err), 0);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(store_queue_waiting_count(st, "WSQ", "bundle", &waiting, &err), 0);
	ck_assert_int_eq(waiting, 2);
	ck_assert_str_eq(rows[0].number, "B002");   /* ahead of B001 */
	ck_assert_str_eq(rows[0].note, "开餐馆一件事");
	ck_assert_int_eq(store_queue_transfer(st, t.id, "W1", "bundle", "", w1, number, &err), -1);
	ck_assert_int_eq(err.code, YC_ECONFLICT);
	store_close(st);
}
END_TEST

/* Three window PCs calling from one queue at the same time, each its own
 * process and connection: every ticket is called exactly once. */
START_TEST(stations_calling_at_once_never_share_a_ticket)
{
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix-dotfile", 20000);
	int64_t w1 = window_clerk(path);
	int i, k, total = 45, status;
	char files[3][300];

	for (i = 0; i < total; i++)
		issue(st, "combined", i % 7 == 0);
	store_close(st);
	for (k = 0; k < 3; k++) {
		char name[16];

		snprintf(name, sizeof name, ".called-%d", k);
		file_beside_db(path, name, files[k], sizeof files[k]);
		if (fork() == 0) {
			struct yc_store *me = open_db(path, "unix-dotfile", 20000);
			FILE *f = fopen(files[k], "w");
			struct yc_ticket t;
			struct yc_err err;
			char station[8];
			int rc;

			snprintf(station, sizeof station, "W%d", k + 1);
			while ((rc = store_queue_call_next(me, "WSQ", "combined", station, w1, &t, &err)) == 0)
				fprintf(f, "%s\n", t.number);
			fclose(f);
			store_close(me);
			_exit(rc == 1 ? 0 : 1);
		}
	}
	for (k = 0; k < 3; k++) {
		wait(&status);
		ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	{
		char seen[100][16];
		int n = 0, a, b;

		for (k = 0; k < 3; k++) {
			FILE *f = fopen(files[k], "r");
			char line[32];

			while (f && fgets(line, sizeof line, f) && n < 100) {
				line[strcspn(line, "\n")] = '\0';
				strcpy(seen[n++], line);
			}
			if (f)
				fclose(f);
		}
		ck_assert_int_eq(n, total);
		for (a = 0; a < n; a++)
			for (b = a + 1; b < n; b++)
				ck_assert_str_ne(seen[a], seen[b]);
	}
}
END_TEST

START_TEST(questions_go_to_the_department_and_back)
{
	struct yc_store *st = open_db(make_db(1), "unix", 2000);
	struct yc_user guide, review;
	struct yc_question q[4];
	struct yc_consultation c = { 1, "escalated", 0, "个体户能否用住宅登记？", 0, NULL, "WSQ" };
	struct yc_err err;
	int n;

	ck_assert_int_eq(store_user_get(st, "guide", &guide, &err), 0);
	ck_assert_int_eq(store_user_get(st, "review", &review, &err), 0);
	c.department_id = review.department_id;
	ck_assert_int_eq(store_consultation_add(st, guide.id, &c, &err), 0);
	c.question = "";
	ck_assert_int_eq(store_consultation_add(st, guide.id, &c, &err), -1);   /* empty question */
	ck_assert_int_eq(store_questions(st, review.department_id, 0, q, 4, &n, &err), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(q[0].answered_at, "");
	/* a reviewer answers for their own department only, a guide not at all */
	ck_assert_int_eq(store_question_answer(st, q[0].id, review.department_id + 1, "x", review.id, &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	ck_assert_int_eq(store_question_answer(st, q[0].id, review.department_id, "x", guide.id, &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	/* and a pickup clerk does not consult */
	c.question = "x";
	ck_assert_int_eq(store_consultation_add(st, user(st, "pickup").id, &c, &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	ck_assert_int_eq(store_question_answer(st, q[0].id, review.department_id, "可以，需提交住所证明。",
					       review.id, &err), 0);
	ck_assert_int_eq(store_question_answer(st, q[0].id, review.department_id, "again", review.id, &err), -1);
	ck_assert_int_eq(store_questions(st, 0, guide.id, q, 4, &n, &err), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(q[0].answer, "可以，需提交住所证明。");
	ck_assert_str_eq(q[0].answered_by, review.full_name);
	store_close(st);
}
END_TEST

START_TEST(appointments_fill_up_and_check_in_first)
{
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix", 2000);
	int64_t w1 = window_clerk(path);
	const char *slots[] = { "10:30", "11:00" };   /* at 10:00, not begun */
	struct yc_appointment rows[4];
	struct yc_ticket t;
	struct yc_err err;
	int64_t a1, a2, a3;
	int counts[2], n, capacity;
	const char *today = "2026-11-27";   /* the pinned day (setup) */

	set_policy(st, "appointments.per_slot", "2");   /* the hall's */

	ck_assert_int_eq(store_appointment_book(st, "WSQ", today, "10:30", 1, "王海燕", "13904771234", 0, &a1, &err), 0);
	ck_assert_int_eq(store_appointment_book(st, "WSQ", today, "10:30", 2, "李俊峰", "13847712345", 0, &a2, &err), 0);
	ck_assert_int_eq(store_appointment_book(st, "WSQ", today, "10:30", 3, "张三", "13800000000", 0, &a3, &err), -1);
	ck_assert_int_eq(err.code, YC_ECONFLICT);
	ck_assert_int_eq(store_appointment_counts(st, "WSQ", today, slots, 2, counts, &capacity, &err), 0);
	ck_assert_int_eq(capacity, 2);
	ck_assert_int_eq(counts[0], 2);
	ck_assert_int_eq(counts[1], 0);
	ck_assert_int_eq(store_appointment_book(st, "WSQ", today, "11:00", 1, "", "", 0, &a3, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);   /* no name */
	/* a slot that has begun takes nobody, however empty */
	ck_assert_int_eq(store_appointment_book(st, "WSQ", today, "09:30", 1, "赵敏", "13900000001", 0, &a3, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);

	/* on the day: a walk-in took a ticket first, the appointment is called first */
	issue(st, "combined", 0);
	ck_assert_int_eq(store_appointments_open_page(st, "WSQ", today, NULL, 1, rows, 4, &n, &err), 0);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(store_appointment_check_in(st, "WSQ", a1, 0, num, &err), 0);
	ck_assert_int_eq(store_appointment_check_in(st, "WSQ", a1, 0, num, &err), -1);
	ck_assert_int_eq(err.code, YC_ECONFLICT);   /* not twice */
	ck_assert_int_eq(store_queue_call_next(st, "WSQ", "combined", "W1", w1, &t, &err), 0);
	ck_assert_int_eq(t.appointment, 1);
	ck_assert_int_eq(store_appointments_open_page(st, "WSQ", today, NULL, 1, rows, 4, &n, &err), 0);
	ck_assert_int_eq(n, 1);
	store_close(st);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("queue");
	TCase *t = tcase_create("queue");

	tcase_set_timeout(t, 60);
	tcase_add_checked_fixture(t, setup, NULL);
	tcase_add_test(t, green_channel_first_then_arrival_order);
	tcase_add_test(t, calling_next_finishes_the_current_one);
	tcase_add_test(t, recall_no_show_and_other_stations_tickets);
	tcase_add_test(t, transfer_keeps_the_place_and_the_note);
	tcase_add_test(t, a_ticket_on_hold_is_taken_up_again_and_a_picked_number_called);
	tcase_add_test(t, a_window_holds_a_few_tickets_at_most);
	tcase_add_test(t, the_board_estimates_the_wait_from_todays_service_times);
	tcase_add_test(t, stations_calling_at_once_never_share_a_ticket);
	tcase_add_test(t, questions_go_to_the_department_and_back);
	tcase_add_test(t, appointments_fill_up_and_check_in_first);
	tcase_add_test(t, appointments_are_moved_cancelled_and_reminded_the_day_before);
	suite_add_tcase(s, t);
	return run_suite(s);
}
