/* A case after acceptance: the moves allowed and refused (every action
 * from every state), who may make them, the clock and its suspensions, and
 * against a real database: slips handed over with confirmation (two
 * stations at once: one wins), decisions, suspension, withdrawal, fees. */
#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "case-flow.h"
#include "store-backoffice.h"
#include "store-intake.h"
#include "store-slips.h"
#include "store-users.h"
#include "store-waivers.h"
#include "testdb.h"

static const char *const states[] = {
	"reviewing", "awaiting_correction", "not_accepted", "accepted", "in_department", "suspended",
	"approved", "not_approved", "result_at_pickup", "notified", "mailed", "collected", "withdrawn",
};

/* The whole table, written out once more by hand: action, from, to. */
static const struct { enum case_action a; const char *from, *to; } allowed[] = {
	{ CA_HANDOVER, "accepted", "in_department" },
	{ CA_SUSPEND, "in_department", "suspended" },
	{ CA_RESUME, "suspended", "in_department" },
	{ CA_EXTEND, "in_department", "in_department" },
	{ CA_APPROVE, "in_department", "approved" },
	{ CA_REFUSE, "in_department", "not_approved" },
	{ CA_WITHDRAW, "in_department", "not_approved" },
	{ CA_WITHDRAW, "suspended", "not_approved" },
	{ CA_RESULT_HANDOVER, "approved", "result_at_pickup" },
	{ CA_RESULT_HANDOVER, "not_approved", "result_at_pickup" },
	{ CA_NOTIFY, "result_at_pickup", "notified" },
	{ CA_COLLECT, "result_at_pickup", "collected" },
	{ CA_COLLECT, "notified", "collected" },
	{ CA_MAIL, "result_at_pickup", "mailed" },
	{ CA_MAIL, "notified", "mailed" },
	{ CA_DELIVERED, "mailed", "collected" },
};

START_TEST(every_move_from_every_state)
{
	size_t s, k;
	int a;

	for (a = 0; a < CA_COUNT; a++)
		for (s = 0; s < sizeof states / sizeof states[0]; s++) {
			const struct case_move *m = case_move_find((enum case_action)a, states[s]);
			const char *want = NULL;

			for (k = 0; k < sizeof allowed / sizeof allowed[0]; k++)
				if ((int)allowed[k].a == a && strcmp(allowed[k].from, states[s]) == 0)
					want = allowed[k].to;
			if (want) {
				ck_assert_msg(m != NULL, "action %d from %s should be allowed", a, states[s]);
				ck_assert_str_eq(m->to, want);
			} else {
				ck_assert_msg(m == NULL, "action %d from %s should be refused", a, states[s]);
			}
		}
}
END_TEST

START_TEST(roles_and_departments_decide_who_moves)
{
	struct yc_err err;

	ck_assert_int_eq(case_may("intake", 0, CA_HANDOVER, "accepted", 7, &err), 0);
	ck_assert_int_eq(case_may("guide", 0, CA_HANDOVER, "accepted", 7, &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	ck_assert_int_eq(case_may("reviewer", 7, CA_APPROVE, "in_department", 7, &err), 0);
	ck_assert_int_eq(case_may("reviewer", 8, CA_APPROVE, "in_department", 7, &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	ck_assert_int_eq(case_may("intake", 0, CA_APPROVE, "in_department", 7, &err), -1);
	ck_assert_int_eq(case_may("reviewer", 7, CA_APPROVE, "suspended", 7, &err), -1);
	ck_assert_int_eq(err.code, YC_ECONFLICT);
	ck_assert_int_eq(case_may("pickup", 0, CA_COLLECT, "notified", 7, &err), 0);
	ck_assert_int_eq(case_may("admin", 0, CA_COLLECT, "notified", 7, &err), -1);
	ck_assert_int_eq(case_may("supervisor", 0, CA_SUSPEND, "in_department", 7, &err), -1);
}
END_TEST

static yc_date day(const char *s)
{
	yc_date d;

	ck_assert_int_eq(date_parse(s, &d), 0);
	return d;
}

static const char *fmt(yc_date d)
{
	static char out[11];

	date_format(d, out);
	return out;
}

START_TEST(suspension_moves_the_promise_by_the_working_days_lost)
{
	struct yc_calendar cal;

	cal_init(&cal);
	ck_assert_int_eq(cal_parse(&cal, yc_data_holidays_cn_txt, NULL, NULL), 0);
	/* suspended Monday 23 Nov, resumed Friday 27 Nov: 4 working days lost */
	ck_assert_str_eq(fmt(case_promise_after_suspension(&cal, day("2026-12-01"), day("2026-11-23"),
							   day("2026-11-27"))), "2026-12-07");
	/* the same day: nothing lost */
	ck_assert_str_eq(fmt(case_promise_after_suspension(&cal, day("2026-12-01"), day("2026-11-23"),
							   day("2026-11-23"))), "2026-12-01");
	/* over National Day only the working days count (30 Sep -> 9 Oct: 2) */
	ck_assert_str_eq(fmt(case_promise_after_suspension(&cal, day("2026-10-12"), day("2026-09-30"),
							   day("2026-10-09"))), "2026-10-14");
	/* the clock stands still while suspended */
	ck_assert_int_eq(case_remaining_workdays(&cal, day("2026-11-27"), day("2026-12-01"), 0, 0), 2);
	ck_assert_int_eq(case_remaining_workdays(&cal, day("2026-11-27"), day("2026-12-01"), 1, day("2026-11-23")), 6);
	ck_assert_int_eq(case_remaining_workdays(&cal, day("2026-12-03"), day("2026-12-01"), 0, 0), -2);
	cal_free(&cal);
}
END_TEST

/* Against the database ------------------------------------------------------------ */

/* Friday 27 November 2026, 10:00: the food licence case is accepted then
 * (promised 3 working days on: 2026-12-02), suspended the same day and
 * resumed on 2 December; the demo hall's "today". */
static void db_setup(void)
{
	pin_clock("2026-11-27 10:00");
}

static char *render(void *ctx, const struct yc_notice_facts *f)
{
	return strdup(f->notice_number);
}

/* A food licence case (旗市场监督管理局, 3 working days) accepted today,
 * 27 November. */
/* A record of the item with this code, started today for 刘志强, every
 * checkpoint still without a verdict. */
static void record_for(const char *path, struct yc_store *st, const char *code, struct intake *in)
{
	struct yc_err err;
	char sql[120];

	snprintf(sql, sizeof sql, "SELECT id FROM service_items WHERE code = '%s'", code);
	ck_assert_int_eq(store_intake_start(st, query_long(path, sql), "2026-11-27", in, &err), 0);
	strcpy(in->a.kind, "person");
	strcpy(in->a.name, "刘志强");
	strcpy(in->a.id_number, "150626199511301172");
	strcpy(in->a.phone, "17604775566");
}

static int64_t accepted_case(const char *path, struct yc_store *st)
{
	struct yc_user u = user(st, "intake");
	struct yc_outcome_req req = { OUTCOME_ACCEPT, "WSQ", NULL, render, NULL, 0 };
	struct yc_outcome_result r;
	struct intake in;
	struct yc_err err;

	record_for(path, st, "SCJG-004", &in);
	intake_all_conforming(&in, -1);
	ck_assert_msg(store_intake_commit(st, &u, &in, &req, &r, &err) == 0, "%s", err.msg);
	free(r.notice_text);
	return r.case_id;
}

static const char *status_of(const char *path, int64_t case_id)
{
	static char out[32];
	char sql[100];

	snprintf(sql, sizeof sql, "SELECT status FROM cases WHERE id = %lld", (long long)case_id);
	return query_text(path, sql, out, sizeof out);
}

/* A reviewer of another department, to try the boundary. */
static void add_other_reviewer(const char *path)
{
	exec(path, "INSERT INTO users(login, full_name, role, department_id, password_hash)"
		   " SELECT 'other', '外单位审批员', 'reviewer', max(id), 'x' FROM departments");
}

START_TEST(slip_handover_needs_the_right_receiver_and_happens_once)
{
	const char *path = make_db(1);
	struct yc_store *st;
	struct yc_user front, review, guide, other;
	struct yc_slip_row slip;
	struct yc_err err;
	int64_t id;

	add_other_reviewer(path);
	st = open_db(path, "unix", 2000);
	front = user(st, "intake");
	review = user(st, "review");
	guide = user(st, "guide");
	other = user(st, "other");
	id = accepted_case(path, st);
	slip = waiting_slip(st, "to_department", id);
	ck_assert_str_eq(slip.envelope, "promised");
	ck_assert_int_eq(store_slip_handover(st, &front, &guide, slip.id, slip.version, &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	ck_assert_int_eq(store_slip_handover(st, &front, &other, slip.id, slip.version, &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	ck_assert_int_eq(store_slip_handover(st, &guide, &review, slip.id, slip.version, &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	ck_assert_str_eq(status_of(path, id), "accepted");
	ck_assert_msg(store_slip_handover(st, &front, &review, slip.id, slip.version, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(status_of(path, id), "in_department");
	ck_assert_int_eq(store_slip_handover(st, &front, &review, slip.id, slip.version, &err), -1);
	ck_assert_int_eq(err.code, YC_ECONFLICT);
	ck_assert_ptr_nonnull(strstr(err.msg, review.full_name));
	store_close(st);
}
END_TEST

/* Two stations press "hand over" on the same slip at the same moment, in
 * two processes: exactly one wins, the other is told it was taken. */
START_TEST(two_stations_hand_over_one_slip_at_once)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 5000);
	struct yc_slip_row slip;
	int64_t id = accepted_case(path, st);
	int pipes[2][2], i, wins = 0, conflicts = 0;
	pid_t pids[2];

	slip = waiting_slip(st, "to_department", id);
	store_close(st);
	for (i = 0; i < 2; i++) {
		ck_assert_int_eq(pipe(pipes[i]), 0);
		pids[i] = fork();
		if (pids[i] == 0) {
			struct yc_store *mine = open_db(path, "unix", 5000);
			struct yc_user front = user(mine, "intake"), review = user(mine, "review");
			struct yc_err err;
			char result = 'w';

			if (store_slip_handover(mine, &front, &review, slip.id, slip.version, &err) < 0)
				result = err.code == YC_ECONFLICT ? 'c' : 'e';
			ck_assert_int_eq(write(pipes[i][1], &result, 1), 1);
			store_close(mine);
			_exit(0);
		}
	}
	for (i = 0; i < 2; i++) {
		char result = 0;

		ck_assert_int_eq(read(pipes[i][0], &result, 1), 1);
		waitpid(pids[i], NULL, 0);
		wins += result == 'w';
		conflicts += result == 'c';
	}
	ck_assert_int_eq(wins, 1);
	ck_assert_int_eq(conflicts, 1);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM events WHERE entity = 'slip' AND action = 'handover'"), 1);
}
END_TEST

static int64_t case_in_department(const char *path, struct yc_store *st)
{
	struct yc_user front = user(st, "intake"), review = user(st, "review");
	int64_t id = accepted_case(path, st);
	struct yc_slip_row slip = waiting_slip(st, "to_department", id);
	struct yc_err err;

	ck_assert_int_eq(store_slip_handover(st, &front, &review, slip.id, slip.version, &err), 0);
	return id;
}

START_TEST(decision_sends_the_result_to_pickup)
{
	const char *path = make_db(1);
	struct yc_store *st;
	struct yc_user review, pickup, other;
	/* a reason left over from a cancelled refusal rides along: an approval
	 * keeps none */
	struct yc_decision approve = { CA_APPROVE, "JY31506260012345", "2026-11-27", "2031-11-26", "材料不全" };
	struct yc_decision no_number = { CA_APPROVE, "", NULL, NULL, NULL };
	struct yc_slip_row slip;
	struct yc_err err;
	int64_t id;

	add_other_reviewer(path);
	st = open_db(path, "unix", 2000);
	review = user(st, "review");
	pickup = user(st, "pickup");
	other = user(st, "other");
	id = case_in_department(path, st);
	ck_assert_int_eq(store_case_decide(st, &review, id, &no_number, &err), -1);
	ck_assert_int_eq(store_case_decide(st, &other, id, &approve, &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	ck_assert_msg(store_case_decide(st, &review, id, &approve, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(status_of(path, id), "approved");
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM results WHERE outcome = 'approved'"
				    " AND document_number = 'JY31506260012345' AND reason = ''"), 1);
	/* one event for the decision: it seals the result as well as the case */
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM events WHERE action = 'also_changed'"), 0);
	ck_assert_int_eq(store_case_decide(st, &review, id, &approve, &err), -1);   /* decided once */
	ck_assert_int_eq(err.code, YC_ECONFLICT);
	slip = waiting_slip(st, "to_pickup", id);
	ck_assert_str_eq(slip.envelope, "result");
	ck_assert_int_eq(store_slip_handover(st, &review, &other, slip.id, slip.version, &err), -1);
	ck_assert_msg(store_slip_handover(st, &review, &pickup, slip.id, slip.version, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(status_of(path, id), "result_at_pickup");
	store_close(st);
}
END_TEST

/* 容缺受理 from acceptance to release: the food licence accepted on the
 * 27th without its training certificate (owed by 4 December, the hall's
 * default of 5 working days); the department works but cannot approve;
 * the reminder goes once, a working day before the day; past the day the
 * supervisor sees it; brought and found conforming at the window (its
 * verdicts naming the checkpoint versions), the result may go out. */
START_TEST(a_gap_case_is_worked_but_not_released_until_supplied)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user front = user(st, "intake"), review = user(st, "review");
	struct yc_outcome_req req = { OUTCOME_ACCEPT, "WSQ", NULL, render, NULL, 1 };
	struct yc_decision approve = { CA_APPROVE, "JY31506260012399", NULL, NULL, NULL };
	struct doc_hall hall = { "乌审旗政务服务中心", "" };
	struct yc_outcome_result r;
	struct yc_owed_row late[4];
	struct yc_slip_row slip;
	struct intake in;
	struct yc_err err;
	int queued, n, i;
	long total;

	record_for(path, st, "SCJG-004", &in);
	in.m[4].paper = in.m[4].electronic = 0;
	intake_all_conforming(&in, -1);
	ck_assert_msg(store_intake_commit(st, &front, &in, &req, &r, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(r.gap_due, "2026-12-04");
	free(r.notice_text);
	slip = waiting_slip(st, "to_department", r.case_id);
	ck_assert_int_eq(store_slip_handover(st, &front, &review, slip.id, slip.version, &err), 0);
	ck_assert_int_eq(store_case_may_release(st, r.case_id, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "due 2026-12-04"));
	/* the department works, but no result goes out */
	ck_assert_int_eq(store_case_decide(st, &review, r.case_id, &approve, &err), -1);
	ck_assert_int_eq(err.code, YC_ECONFLICT);
	ck_assert_ptr_nonnull(strstr(err.msg, "食品安全管理人员身份证明及培训合格证明"));
	ck_assert_str_eq(status_of(path, r.case_id), "in_department");
	/* reminded once, a working day before the day */
	ck_assert_int_eq(store_waivers_remind(st, NULL, &hall, &queued, &err), 0);
	ck_assert_int_eq(queued, 0);
	pin_clock("2026-12-03 09:00");
	ck_assert_int_eq(store_waivers_remind(st, NULL, &hall, &queued, &err), 0);
	ck_assert_int_eq(queued, 1);
	ck_assert_int_eq(store_waivers_remind(st, NULL, &hall, &queued, &err), 0);
	ck_assert_int_eq(queued, 0);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM notifications WHERE kind = 'waiver'"
				    " AND phone = '17604775566' AND message LIKE '%2026-12-04前补交%'"), 1);
	ck_assert_int_eq(store_waivers_late_count(st, "2026-12-04", &total, &err), 0);
	ck_assert_int_eq(total, 0);
	ck_assert_int_eq(store_waivers_owed_page(st, NULL, 1, late, 4, &n, &err), 0);
	ck_assert_int_eq(n, 1);
	/* past the day: a finding for the supervisor */
	ck_assert_int_eq(store_waivers_late_count(st, "2026-12-07", &total, &err), 0);
	ck_assert_int_eq(total, 1);
	ck_assert_int_eq(late[0].case_id, r.case_id);
	ck_assert_str_eq(late[0].due, "2026-12-04");
	/* brought: only it is reviewed, against the checkpoints in force */
	pin_clock("2026-12-07 09:00");
	ck_assert_msg(store_intake_owed(st, r.case_id, "2026-12-07", &in, &err) == 0, "%s", err.msg);
	for (i = 0; i < in.n_materials; i++)
		ck_assert_int_eq(intake_material_open(&in, i), i == 4);
	in.m[4].cp[0].verdict = VERDICT_OK;
	ck_assert_int_eq(store_intake_supply(st, &front, &in, &err), -1);   /* not all reviewed */
	intake_all_conforming(&in, -1);
	ck_assert_msg(store_intake_supply(st, &front, &in, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM case_waivers WHERE supplied_at IS NOT NULL"), 1);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM verdicts v JOIN case_materials cm ON cm.id = v.case_material_id"
				    " JOIN materials m ON m.id = cm.material_id JOIN checkpoints k ON k.id = v.checkpoint_id"
				    " WHERE m.seq = 5 AND v.round = 2 AND v.verdict = 'conforming'"), in.m[4].n_cp);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM events WHERE action = 'gap_supplied'"), 1);
	ck_assert_int_eq(store_intake_owed(st, r.case_id, "2026-12-07", &in, &err), -1);   /* nothing owed now */
	ck_assert_int_eq(store_waivers_owed_count(st, &total, &err), 0);
	ck_assert_int_eq(total, 0);
	ck_assert_int_eq(store_case_may_release(st, r.case_id, &err), 0);
	ck_assert_msg(store_case_decide(st, &review, r.case_id, &approve, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(status_of(path, r.case_id), "approved");
	store_close(st);
}
END_TEST

/* 告知承诺制: an item decided on a promise is accepted with the promise
 * and its conditions recorded; only its department verifies it; a
 * revocation needs its reason; a verified promise may still be revoked,
 * a revoked one stays revoked; each is an event, and the case's story
 * shows where it stands. */
static void story_line(void *ctx, const char *kind, const char *line)
{
	char *story = ctx;

	if (!line) {
		story[0] = '\0';
		return;
	}
	if (strlen(story) + strlen(line) + 2 < 8192) {
		strcat(story, line);
		strcat(story, "\n");
	}
}

START_TEST(a_promise_is_verified_or_revoked_by_its_department)
{
	const char *path = make_db(1);
	struct yc_store *st;
	struct yc_user front, review, other;
	struct yc_outcome_req req = { OUTCOME_ACCEPT, "WSQ", NULL, render, NULL, 0 };
	struct yc_outcome_result r;
	struct intake in;
	struct yc_err err;
	static char story[8192];

	add_other_reviewer(path);
	st = open_db(path, "unix", 2000);
	front = user(st, "intake");
	review = user(st, "review");
	other = user(st, "other");
	record_for(path, st, "SCJG-005", &in);
	ck_assert_ptr_nonnull(strstr(in.promise_conditions, "从业人员持有效健康证明"));
	intake_all_conforming(&in, -1);
	ck_assert_msg(store_intake_commit(st, &front, &in, &req, &r, &err) == 0, "%s", err.msg);
	free(r.notice_text);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM case_promises WHERE state = 'promised'"
				    " AND conditions LIKE '%从业人员持有效健康证明%'"), 1);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM events WHERE action = 'accepted_on_promise'"), 1);
	/* an ordinary case has no promise to verify */
	ck_assert_int_eq(store_case_promise_check(st, &review, accepted_case(path, st), 1, "", &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	/* not the intake clerk, not another department */
	ck_assert_int_eq(store_case_promise_check(st, &front, r.case_id, 1, "", &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	ck_assert_int_eq(store_case_promise_check(st, &other, r.case_id, 1, "", &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	/* a revocation says why */
	ck_assert_int_eq(store_case_promise_check(st, &review, r.case_id, 0, "  ", &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_msg(store_case_promise_check(st, &review, r.case_id, 1, "现场核查", &err) == 0, "%s", err.msg);
	ck_assert_int_eq(store_case_promise_check(st, &review, r.case_id, 1, "", &err), -1);   /* verified once */
	ck_assert_int_eq(err.code, YC_ECONFLICT);
	ck_assert_msg(store_case_promise_check(st, &review, r.case_id, 0, "群众举报：无健康证明", &err) == 0, "%s",
		      err.msg);
	ck_assert_int_eq(store_case_promise_check(st, &review, r.case_id, 1, "", &err), -1);   /* revoked stays */
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM case_promises WHERE state = 'revoked'"
				    " AND note = '群众举报：无健康证明' AND checked_by IS NOT NULL"), 1);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM events WHERE action = 'promise_verified'"), 1);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM events WHERE action = 'promise_revoked'"
				    " AND old_value = 'verified'"), 1);
	ck_assert_int_eq(store_case_may_release(st, r.case_id, &err), -1);   /* never approved now */
	ck_assert_ptr_nonnull(strstr(err.msg, "revoked"));
	ck_assert_int_eq(store_case_history(st, r.case_id, story_line, story, &err), 0);
	ck_assert_ptr_nonnull(strstr(story, "the promise was false. 群众举报：无健康证明"));
	store_close(st);
}
END_TEST

START_TEST(suspension_stops_the_clock_and_tells_the_applicant)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user review = user(st, "review");
	struct yc_decision approve = { CA_APPROVE, "JY1", NULL, NULL, NULL };
	struct yc_calendar cal;
	struct yc_err err;
	char new_date[11], sql[200];
	int64_t id = case_in_department(path, st);

	cal_init(&cal);
	ck_assert_int_eq(cal_parse(&cal, yc_data_holidays_cn_txt, NULL, NULL), 0);
	ck_assert_int_eq(store_case_suspend(st, &review, id, SUSPEND_SITE_SURVEY, "", "2026-11-27", &err), -1);
	ck_assert_msg(store_case_suspend(st, &review, id, SUSPEND_SITE_SURVEY, "经营场所现场踏勘", "2026-11-27",
				       &err) == 0, "%s", err.msg);
	ck_assert_str_eq(status_of(path, id), "suspended");
	ck_assert_int_eq(store_case_decide(st, &review, id, &approve, &err), -1);   /* not while suspended */
	/* resumed the next Wednesday: Mon, Tue, Wed lost (3 working days) */
	ck_assert_msg(store_case_resume(st, &review, id, "2026-12-02", new_date, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(new_date, "2026-12-07");
	snprintf(sql, sizeof sql, "SELECT count(*) FROM cases WHERE id = %lld AND promised_date = '2026-12-07'"
		 " AND status = 'in_department'", (long long)id);
	ck_assert_int_eq(query_long(path, sql), 1);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM notifications WHERE case_id = %lld AND status = 'queued'"
		 " AND phone = '17604775566'", (long long)id);
	ck_assert_int_eq(query_long(path, sql), 2);
	/* an extension needs the applicant's consent */
	ck_assert_int_eq(store_case_extend(st, &review, id, 5, "需补充检验报告", 0, "2026-12-02", new_date, &err), -1);
	ck_assert_int_eq(store_case_extend(st, &review, id, 5, "需补充检验报告", 1, "2026-12-02", new_date, &err), 0);
	ck_assert_str_eq(new_date, "2026-12-14");
	cal_free(&cal);
	store_close(st);
}
END_TEST

START_TEST(withdrawal_is_not_approved_withdrawn_by_the_applicant)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user review = user(st, "review"), front = user(st, "intake");
	struct yc_decision withdraw = { CA_WITHDRAW, NULL, NULL, NULL, NULL };
	struct yc_err err;
	char sql[200];
	int64_t id = case_in_department(path, st);

	ck_assert_int_eq(store_case_decide(st, &review, id, &withdraw, &err), -1);
	ck_assert_int_eq(store_case_request_withdrawal(st, &front, id, "不再经营", &err), 0);
	ck_assert_msg(store_case_decide(st, &review, id, &withdraw, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(status_of(path, id), "not_approved");
	snprintf(sql, sizeof sql, "SELECT count(*) FROM results WHERE case_id = %lld AND outcome = 'withdrawn'",
		 (long long)id);
	ck_assert_int_eq(query_long(path, sql), 1);
	store_close(st);
}
END_TEST

START_TEST(fees_are_set_by_the_department_only)
{
	const char *path = make_db(1);
	struct yc_store *st;
	struct yc_user review, front;
	struct yc_err err;
	char sql[200];
	int64_t id;

	st = open_db(path, "unix", 2000);
	review = user(st, "review");
	front = user(st, "intake");
	id = case_in_department(path, st);
	ck_assert_int_eq(store_case_fee(st, &front, id, 5000, NULL, &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	ck_assert_int_eq(store_case_fee(st, &review, id, 5000, NULL, &err), 0);
	ck_assert_int_eq(store_case_fee(st, &review, id, 5000, "NO.0012345", &err), 0);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM fees WHERE case_id = %lld AND paid = 1"
		 " AND receipt_number = 'NO.0012345' AND amount_fen = 5000", (long long)id);
	ck_assert_int_eq(query_long(path, sql), 1);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM fees"), 1);
	store_close(st);
}
END_TEST

/* 350 cases in the department besides the demo's three, all promised
 * on Friday 27 November: the list pages whole by keyset (their ids break
 * the tie), to its last row and back, and the store counts them all. The
 * screen once stopped at 300. Overdue counts as the list shows it: a
 * working day past the promise, so not yet on the weekend after it. */
START_TEST(the_departments_long_list_pages_to_its_last_row)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user review = user(st, "review");
	struct yc_dept_case rows[100], last, back[10];
	const struct yc_dept_case *from = NULL;
	struct yc_dept_counts counts;
	struct yc_err err;
	long seen = 0;
	int n, i;

	exec(path, "WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 350)"
	     " INSERT INTO cases(id, case_number, item_id, site_id, applicant_id, status, kind, responder_id,"
	     " created_at, promised_date) SELECT 200000 + n, printf('DEPT%04d', n), item_id, site_id, applicant_id,"
	     " 'in_department', kind, responder_id, created_at, '2026-11-27'"
	     " FROM k, cases WHERE cases.id = (SELECT min(id) FROM cases WHERE status = 'in_department')");
	ck_assert_msg(store_dept_cases_count(st, review.department_id, "2026-11-27", &counts, &err) == 0, "%s",
		      err.msg);
	ck_assert_int_eq(counts.cases, 353);
	ck_assert_int_eq(counts.overdue, 1);
	ck_assert_int_eq(counts.stopped, 1);
	do {
		ck_assert_msg(store_dept_cases_page(st, review.department_id, from, 1, rows, 100, &n, &err) == 0, "%s",
			      err.msg);
		for (i = 0; i < n; i++, seen++)
			if (seen >= 1 && seen <= 350)
				ck_assert_int_eq(rows[i].id, 200000 + seen);
		if (n > 0) {
			last = rows[n - 1];
			from = &last;
		}
	} while (n == 100);
	ck_assert_int_eq(seen, 353);
	/* from the end: the last ten in display order; before a row: the ten above it */
	ck_assert_int_eq(store_dept_cases_page(st, review.department_id, NULL, 0, back, 10, &n, &err), 0);
	ck_assert_int_eq(n, 10);
	ck_assert_int_eq(back[9].id, last.id);
	ck_assert_int_eq(back[0].id, 200343);
	ck_assert_int_eq(store_dept_cases_page(st, review.department_id, &back[0], 0, back, 10, &n, &err), 0);
	ck_assert_int_eq(n, 10);
	ck_assert_int_eq(back[0].id, 200333);
	ck_assert_int_eq(back[9].id, 200342);
	/* Sunday: no working day since Friday's promise; Monday: overdue */
	ck_assert_int_eq(store_dept_cases_count(st, review.department_id, "2026-11-29", &counts, &err), 0);
	ck_assert_int_eq(counts.overdue, 1);
	ck_assert_int_eq(store_dept_cases_count(st, review.department_id, "2026-11-30", &counts, &err), 0);
	ck_assert_int_eq(counts.overdue, 351);
	store_close(st);
}
END_TEST

/* 250 slips to the departments besides the demo's one, 120 of them left
 * over from yesterday: the list pages whole, those first, to its last
 * row; back from the end page by page it is the same list; the store
 * counts them all and the late; the search is part of the query. The
 * screen once stopped at 200. */
START_TEST(a_long_slip_list_pages_to_its_last_row)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	static int64_t ids[300];
	struct yc_slip_row rows[100], edge;
	const struct yc_slip_row *from = NULL;
	struct yc_err err;
	long all, late;
	int n, i, seen = 0;

	exec(path, "WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 250)"
	     " INSERT INTO transfer_slips(id, case_id, number, department_id, envelope, direction, created_at)"
	     " SELECT 300000 + n, case_id, printf('SLIP%04d', n), department_id, envelope, direction,"
	     " CASE WHEN n <= 120 THEN '2026-11-26 09:00:00' ELSE '2026-11-27 00:00:01' END"
	     " FROM k, transfer_slips WHERE transfer_slips.id = (SELECT min(id) FROM transfer_slips"
	     " WHERE direction = 'to_department' AND handed_at IS NULL)");
	ck_assert_int_eq(store_slips_waiting_count(st, "WSQ", "to_department", 0, "2026-11-27", "", &all, &late, &err), 0);
	ck_assert_int_eq(all, 251);
	ck_assert_int_eq(late, 120);
	do {
		ck_assert_msg(store_slips_waiting_page(st, "WSQ", "to_department", 0, "2026-11-27", "", from, 1, rows, 100, &n,
						       &err) == 0, "%s", err.msg);
		for (i = 0; i < n && seen < 300; i++)
			ids[seen++] = rows[i].id;
		if (n > 0) {
			edge = rows[n - 1];
			from = &edge;
		}
	} while (n == 100);
	ck_assert_int_eq(seen, 251);
	for (i = 0; i < 120; i++)   /* yesterday's first */
		ck_assert_int_eq(ids[i], 300001 + i);
	for (from = NULL; seen > 0;) {
		ck_assert_int_eq(store_slips_waiting_page(st, "WSQ", "to_department", 0, "2026-11-27", "", from, 0, rows, 100, &n,
							  &err), 0);
		ck_assert_int_gt(n, 0);
		for (i = n - 1; i >= 0; i--)
			ck_assert_int_eq(rows[i].id, ids[--seen]);
		edge = rows[0];
		from = &edge;
	}
	ck_assert_int_eq(store_slips_waiting_page(st, "WSQ", "to_department", 0, "2026-11-27", "slip0250", NULL, 1, rows, 100,
						  &n, &err), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(rows[0].id, 300250);
	ck_assert_int_eq(store_slips_waiting_count(st, "WSQ", "to_department", 0, "2026-11-27", "SLIP00", &all, &late, &err), 0);
	ck_assert_int_eq(all, 99);
	ck_assert_int_eq(late, 99);
	store_close(st);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("flow");
	TCase *rules = tcase_create("rules"), *db = tcase_create("database");

	tcase_add_test(rules, every_move_from_every_state);
	tcase_add_test(rules, roles_and_departments_decide_who_moves);
	tcase_add_test(rules, suspension_moves_the_promise_by_the_working_days_lost);
	tcase_set_timeout(db, 60);
	tcase_add_checked_fixture(db, db_setup, NULL);
	tcase_add_test(db, slip_handover_needs_the_right_receiver_and_happens_once);
	tcase_add_test(db, two_stations_hand_over_one_slip_at_once);
	tcase_add_test(db, decision_sends_the_result_to_pickup);
	tcase_add_test(db, suspension_stops_the_clock_and_tells_the_applicant);
	tcase_add_test(db, withdrawal_is_not_approved_withdrawn_by_the_applicant);
	tcase_add_test(db, fees_are_set_by_the_department_only);
	tcase_add_test(db, the_departments_long_list_pages_to_its_last_row);
	tcase_add_test(db, a_long_slip_list_pages_to_its_last_row);
	tcase_add_test(db, a_gap_case_is_worked_but_not_released_until_supplied);
	tcase_add_test(db, a_promise_is_verified_or_revoked_by_its_department);
	suite_add_tcase(s, rules);
	suite_add_tcase(s, db);
	return run_suite(s);
}
