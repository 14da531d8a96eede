/* What `check` finds of a change made outside the program (store-audit.c):
 * an event edited and the chain recomputed with the program's own hash
 * function, a clerk's role raised by hand who then works as a supervisor,
 * a record put back to an earlier state; what a station without the key
 * does and how check says it; a hall's file of schema 12 upgraded with its
 * chain intact; `seal` taking the records as they are. The shell's
 * tamperings (a status, an ID number, a notice, the log's end, the
 * triggers) are tests/tamper.sh's. */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/store-internal.h"   /* store_event_fields_of_row, as check reads events */
#include "store-assess.h"
#include "store-backoffice.h"
#include "store-catalog.h"
#include "store-intake.h"
#include "store-pickup.h"
#include "store-queue.h"
#include "store-setup.h"
#include "store-slips.h"
#include "store-users.h"
#include "testdb.h"
#include "audit-report.h"
#include "validate.h"

/* The program's own hash functions, as anyone with its source has them. */
void store_hash_event(const char *prev, const char *const fields[], size_t n, char out[65]);
void store_hash_event_v2(const unsigned char *key, const char *prev, const char *const fields[8],
			 const char *key_id, const void *seals, size_t seals_len, char out[65]);

static void setup(void)
{
	pin_clock("2026-11-27 10:00");
}

static void without_key(void)
{
	struct yc_err err;
	char path[300];

	ck_assert_int_eq(store_key_load(scratch_path(path, sizeof path, "no-such.key"), &err), 0);
}

static int check(const char *path, struct report *r)
{
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_err err;
	int problems;

	r->text[0] = '\0';
	problems = store_check(st, collect, r, &err);
	store_close(st);
	ck_assert_msg(problems >= 0, "%s", err.msg);
	return problems;
}

/* An administrator's tool: not a station (store_seal refuses while
 * stations are present). */
static struct yc_store *open_tool(const char *path)
{
	struct store_opts o = { "unix", 2000, 60, "seal root@test", 1 };

	return open_db_with(path, &o);
}

static void clean(const char *path)
{
	struct report r;

	ck_assert_msg(check(path, &r) == 0, "check found problems:\n%s", r.text);
}

static char *render(void *ctx, const struct yc_notice_facts *f)
{
	(void)ctx;
	return strdup(f->notice_number);
}

static int64_t item_id(struct yc_store *st, const char *code)
{
	struct yc_item_row row;
	struct yc_err err;
	int n;

	ck_assert_int_eq(store_items_page(st, code, "", 1, &row, 1, &n, &err), 0);
	ck_assert_int_eq(n, 1);
	return row.id;
}

static void hand_over(struct yc_store *st, int64_t case_id, const char *direction, const struct yc_user *giver,
		      const struct yc_user *receiver)
{
	struct yc_slip_row rows[8];
	struct yc_err err;
	int n, i;

	ck_assert_int_eq(store_case_slips(st, case_id, rows, 8, &n, &err), 0);
	for (i = 0; i < n; i++)
		if (strcmp(rows[i].direction, direction) == 0 && !rows[i].handed_at[0]) {
			ck_assert_msg(store_slip_handover(st, giver, receiver, rows[i].id, rows[i].version, &err) == 0,
				      "%s", err.msg);
			return;
		}
	ck_abort_msg("no %s slip", direction);
}

/* A case from the ticket to its collection, as the windows do it. */
static int64_t a_case_lives(struct yc_store *st)
{
	struct yc_outcome_req req = { OUTCOME_ACCEPT, "WSQ", NULL, render, NULL, 0 };
	struct yc_decision approve = { CA_APPROVE, "XK-AUDIT", NULL, NULL, NULL };
	struct yc_user front = user(st, "intake"), review = user(st, "review"), pickup = user(st, "pickup");
	struct yc_outcome_result r;
	struct yc_collection self;
	struct yc_ticket t;
	struct intake in;
	struct yc_err err;
	char ticket[16];
	int64_t item = item_id(st, "SCJG-004");

	ck_assert_int_eq(store_ticket_issue(st, "WSQ", "combined", 0, item, 0, front.id, ticket, &err), 0);
	ck_assert_int_eq(store_queue_call_next(st, "WSQ", "combined", "1号窗口", front.id, &t, &err), 0);
	ck_assert_int_eq(store_intake_start(st, item, "2026-11-27", &in, &err), 0);
	strcpy(in.a.kind, "person");
	strcpy(in.a.name, "审计测试人");
	strcpy(in.a.id_number, "15062619800101001X");
	in.a.id_number[17] = yc_id_card_check_char(in.a.id_number);
	strcpy(in.a.phone, "13900000001");
	intake_all_conforming(&in, -1);
	ck_assert_msg(store_intake_commit(st, &front, &in, &req, &r, &err) == 0, "%s", err.msg);
	free(r.notice_text);
	hand_over(st, r.case_id, "to_department", &front, &review);
	ck_assert_msg(store_case_decide(st, &review, r.case_id, &approve, &err) == 0, "%s", err.msg);
	hand_over(st, r.case_id, "to_pickup", &review, &pickup);
	ck_assert_int_eq(store_pickup_notify(st, &pickup, r.case_id, "已办结", &err), 0);
	self.name = "本人";
	self.id_number = in.a.id_number;
	self.agent = 0;
	self.authorisation = NULL;
	ck_assert_msg(store_pickup_collect(st, &pickup, r.case_id, &self, &err) == 0, "%s", err.msg);
	return r.case_id;
}

START_TEST(what_the_program_does_checks_clean_with_the_key)
{
	const char *path;
	struct yc_store *st;
	struct yc_user u;
	struct yc_err err;
	struct report r;

	with_key();
	path = make_db(1);
	st = open_db(path, "unix", 2000);
	a_case_lives(st);
	ck_assert_int_eq(store_user_get(st, "guide", &u, &err), 0);
	ck_assert_int_eq(store_user_login_outcome(st, u.id, 0, 1, NULL, &err), 0);
	store_close(st);
	ck_assert_msg(check(path, &r) == 0, "%s", r.text);
	says(&r, "sealed with the key");
	says(&r, "records, each as the program left it");
	/* every event carries the key's id, every record its seal */
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM events WHERE key_id IS NULL"), 0);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM cases WHERE seal IS NULL"), 0);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM results WHERE seal IS NULL"), 0);
}
END_TEST

/* An event's text changed, then every hash after it made again with the
 * program's hash function, as the sqlite3 shell (psql) and the source
 * allow: without the key the recomputed events cannot carry it. */
static void recompute_chain(const char *path, int64_t from, int keep_key_ids)
{
	struct raw_db db = raw_open(path);
	db_stmt *s, *u;
	char prev[65] = "";

	raw_log_open(&db, 1);
	ck_assert_int_eq(raw_exec(&db, "BEGIN"), DB_OK);
	s = raw_prepare(&db, "SELECT id, at, coalesce(user_id, 0), station, entity, coalesce(entity_id, 0), action,"
			     " old_value, new_value, hash, key_id, row_seals FROM events ORDER BY id");
	u = raw_prepare(&db, "UPDATE events SET hash = ?2, key_id = ?3 WHERE id = ?1");
	while (db_step(s) == DB_ROW) {
		int64_t id = db_col_int64(s, 0);
		const char *fields[8];
		char uid[24], eid[24], hash[65], key_id[16] = "";
		const void *seals = db_col_blob(s, 11);
		size_t seals_len = (size_t)db_col_bytes(s, 11);

		if (id < from) {
			snprintf(prev, sizeof prev, "%s", db_col_text(s, 9));
			continue;
		}
		if (keep_key_ids && db_col_type(s, 10) != DB_NULL)
			snprintf(key_id, sizeof key_id, "%s", db_col_text(s, 10));
		store_event_fields_of_row(s, uid, eid, fields);
		if (!key_id[0] && !seals)
			store_hash_event(prev, fields, 8, hash);
		else
			store_hash_event_v2(NULL, prev, fields, key_id[0] ? key_id : NULL, seals, seals_len, hash);
		db_bind_int64(u, 1, id);
		db_bind_text_copy(u, 2, hash);
		if (key_id[0])
			db_bind_text_copy(u, 3, key_id);
		else
			db_bind_null(u, 3);
		ck_assert_int_eq(db_step(u), DB_DONE);
		db_reset(u);
		snprintf(prev, sizeof prev, "%s", hash);
	}
	db_finalize(s);
	db_finalize(u);
	ck_assert_int_eq(raw_exec(&db, "COMMIT"), DB_OK);
	/* and the trigger back as it was */
	raw_log_open(&db, 0);
	raw_close(&db);
}

START_TEST(an_event_edited_and_its_chain_recomputed_is_found)
{
	const char *path;
	struct yc_store *st;
	struct yc_err err;
	struct report r;
	char number[16], copy[300], sql[400];
	long ev;
	int i;

	with_key();
	path = make_db(1);
	st = open_db(path, "unix", 2000);
	for (i = 0; i < 5; i++)
		ck_assert_int_eq(store_ticket_issue(st, "WSQ", "combined", 0, 0, 0, 0, number, &err), 0);
	a_case_lives(st);
	store_close(st);
	clean(path);
	copy_db(path, copy, sizeof copy);
	ev = query_long(path, "SELECT min(id) FROM events WHERE action = 'issued'");
	ck_assert_int_gt(ev, 0);
	snprintf(sql, sizeof sql, "UPDATE events SET new_value = 'A999' WHERE id = %ld", ev);

	/* 1. the key ids dropped, as the editor has no key */
	exec_on_log(path, sql);
	recompute_chain(path, ev, 0);
	ck_assert_int_gt(check(path, &r), 0);
	says(&r, "without the key: what they say cannot be verified");
	snprintf(sql, sizeof sql, "(from %ld to ", ev);
	says(&r, sql);

	/* 2. the key ids kept: the hashes are not the key's (on the copy) */
	snprintf(sql, sizeof sql, "UPDATE events SET new_value = 'A999' WHERE id = %ld", ev);
	exec_on_log(copy, sql);
	recompute_chain(copy, ev, 1);
	ck_assert_int_gt(check(copy, &r), 0);
	snprintf(sql, sizeof sql, "event log: event %ld was changed", ev);
	says(&r, sql);
}
END_TEST

/* 孙晓梅 at the intake window made a supervisor with the sqlite3 shell;
 * she logs in and records a finding in the assessment (which the core
 * allows: her role says supervisor now). */
START_TEST(a_clerk_made_supervisor_by_hand_is_found)
{
	const char *path;
	struct yc_store *st;
	struct assess_rule rules[STORE_MAX_RULES];
	struct yc_user u;
	struct yc_err err;
	struct report r;
	int n, version;
	char words[200];
	long uid;

	with_key();
	path = make_db(1);
	uid = query_long(path, "SELECT id FROM users WHERE login = 'intake'");
	exec(path, "UPDATE users SET role = 'supervisor' WHERE login = 'intake'");
	/* even before she does anything */
	ck_assert_int_gt(check(path, &r), 0);
	snprintf(words, sizeof words, "user %ld (intake) is not as the program left it: changed outside the program", uid);
	says(&r, words);

	st = open_db(path, "unix", 2000);
	ck_assert_int_eq(store_user_get(st, "intake", &u, &err), 0);
	ck_assert_str_eq(u.role, "supervisor");
	ck_assert_int_eq(store_user_login_outcome(st, u.id, 1, 0, NULL, &err), 0);
	ck_assert_int_eq(store_criteria(st, "2026-11", rules, STORE_MAX_RULES, &n, &version, &err), 0);
	ck_assert_msg(store_finding_add(st, &u, "2026-11-26", "WSQ", "", "", rules[0].id, "x", &err) == 0, "%s",
		      err.msg);
	store_close(st);
	/* the login sealed her record again as it was then: the login's event
	 * says it found her changed, for ever */
	ck_assert_int_gt(check(path, &r), 0);
	snprintf(words, sizeof words,
		 "user %ld (intake) was changed outside the program, then the program changed it again (event ", uid);
	says(&r, words);
	says(&r, ": user login, ");
}
END_TEST

/* A record put back to how it was, seal and all, from a copy kept
 * before. */
START_TEST(a_record_put_back_to_an_earlier_state_is_found)
{
	const char *path;
	struct yc_store *st;
	struct yc_user u;
	struct yc_err err;
	struct report r;
	char words[200];

	with_key();
	path = make_db(1);
	exec(path, "CREATE TABLE guide_before AS SELECT * FROM users WHERE login = 'guide'");
	st = open_db(path, "unix", 2000);
	ck_assert_int_eq(store_user_get(st, "guide", &u, &err), 0);
	ck_assert_int_eq(store_user_login_outcome(st, u.id, 0, 4, NULL, &err), 0);
	store_close(st);
	clean(path);
	/* four failed logins forgotten: the record as the copy had it */
	exec(path, "UPDATE users SET (login, full_name, role, department_id, site_id, password_hash,"
		   " must_change_password, failed_logins, locked_until, active, created_at, station_id, seal) ="
		   " (SELECT login, full_name, role, department_id, site_id, password_hash, must_change_password,"
		   " failed_logins, locked_until, active, created_at, station_id, seal FROM guide_before b"
		   " WHERE b.id = users.id) WHERE login = 'guide'; DROP TABLE guide_before");
	ck_assert_int_eq(query_long(path, "SELECT failed_logins FROM users WHERE login = 'guide'"), 0);
	ck_assert_int_gt(check(path, &r), 0);
	snprintf(words, sizeof words, "user %lld (guide) is not as its last event left it (event ", (long long)u.id);
	says(&r, words);
	says(&r, "user login_failed");
	/* a seal taken away */
	exec(path, "UPDATE cases SET seal = NULL WHERE id = 1");
	ck_assert_int_gt(check(path, &r), 0);
	says(&r, "case 1 (");
	says(&r, "lost its seal outside the program");
}
END_TEST

/* A station without the key works, and what it saved is named as not
 * verifiable; `seal` takes the records as they are. */
START_TEST(a_station_without_the_key_works_and_check_says_so)
{
	const char *path;
	struct yc_store *st;
	struct yc_err err;
	struct report r;
	char number[16];
	int sealed;

	with_key();
	path = make_db(1);
	without_key();
	st = open_db(path, "unix", 2000);
	ck_assert_int_eq(store_log_keyed(st, &err), 1);
	ck_assert_int_eq(store_ticket_issue(st, "WSQ", "combined", 0, 0, 0, 0, number, &err), 0);
	a_case_lives(st);
	store_close(st);
	/* this PC without the key: cannot verify */
	ck_assert_int_gt(check(path, &r), 0);
	says(&r, "but this PC has no key");
	says(&r, "cannot be verified");
	/* with it: the events without it are named */
	with_key();
	ck_assert_int_gt(check(path, &r), 0);
	says(&r, "were written by test without the key");
	says(&r, "was last changed by a station without the key");
	/* the administrator takes them as they are */
	st = open_tool(path);
	r.text[0] = '\0';
	sealed = store_seal(st, collect, &r, &err);
	store_close(st);
	ck_assert_msg(sealed > 0, "%s %s", err.msg, r.text);
	ck_assert_msg(check(path, &r) == 0, "%s", r.text);
	says(&r, "the administrator took them as they were");
}
END_TEST

/* A hall's file of schema 12 (events hashed the old way, records without
 * seals) opened by this program: migrated, its chain intact, its records
 * counted as not sealed yet, sealed by `seal`; from then on a record
 * changed by hand is found. */
START_TEST(a_schema_12_file_keeps_its_chain)
{
	ONLY_ON_SQLITE("no database on a server is older than schema 27 (data/pg/schema.sql): the chain of schema 12 is the file's");
	const char *path = make_db(1);
	struct yc_store *st;
	struct yc_err err;
	struct report r;
	sqlite3 *db;
	sqlite3_stmt *s, *u;
	char prev[65] = "";
	long cases;

	/* a schema 12 file: the columns gone, every hash as schema 12 made it */
	undo_schema_to(path, 12);
	exec(path, "DROP TRIGGER events_no_update; PRAGMA user_version = 12;");
	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db,
		"SELECT id, at, coalesce(user_id, 0), station, entity, coalesce(entity_id, 0), action, old_value,"
		" new_value FROM events ORDER BY id", -1, &s, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "UPDATE events SET hash = ?2 WHERE id = ?1", -1, &u, NULL), SQLITE_OK);
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *fields[8];
		char uid[24], eid[24];

		store_event_fields_of_row((db_stmt *)s, uid, eid, fields);
		store_hash_event(prev, fields, 8, prev);
		sqlite3_bind_int64(u, 1, sqlite3_column_int64(s, 0));
		sqlite3_bind_text(u, 2, prev, -1, SQLITE_TRANSIENT);
		ck_assert_int_eq(sqlite3_step(u), SQLITE_DONE);
		sqlite3_reset(u);
	}
	sqlite3_finalize(s);
	sqlite3_finalize(u);
	sqlite3_close(db);
	exec(path, "CREATE TRIGGER events_no_update BEFORE UPDATE ON events\n"
		   "BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;");
	cases = query_long(path, "SELECT count(*) FROM cases");

	/* opened by a station with the key: migrated */
	with_key();
	st = open_db(path, "unix", 2000);
	store_close(st);
	ck_assert_int_eq(query_long(path, "PRAGMA user_version"), store_schema_version());
	ck_assert_msg(check(path, &r) == 0, "%s", r.text);
	says(&r, "chain intact");
	{
		char words[120];

		snprintf(words, sizeof words, "cases: %ld records, each as the program left it; %ld of them from before schema 13",
			 cases, cases);
		says(&r, words);
	}
	/* sealed as they are; then a change by hand shows */
	st = open_tool(path);
	r.text[0] = '\0';
	ck_assert_int_gt(store_seal(st, collect, &r, &err), 0);
	store_close(st);
	clean(path);
	exec(path, "UPDATE cases SET status = 'approved' WHERE id = 2");
	ck_assert_int_gt(check(path, &r), 0);
	says(&r, "case 2 (");
	says(&r, "is not as the program left it");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("audit");
	TCase *t = tcase_create("audit");

	tcase_add_checked_fixture(t, setup, NULL);
	tcase_set_timeout(t, 60);
	tcase_add_test(t, what_the_program_does_checks_clean_with_the_key);
	tcase_add_test(t, an_event_edited_and_its_chain_recomputed_is_found);
	tcase_add_test(t, a_clerk_made_supervisor_by_hand_is_found);
	tcase_add_test(t, a_record_put_back_to_an_earlier_state_is_found);
	tcase_add_test(t, a_station_without_the_key_works_and_check_says_so);
	tcase_add_test(t, a_schema_12_file_keeps_its_chain);
	suite_add_tcase(s, t);
	return run_suite(s);
}
