/* The sealed-record audit on both backends (issue #24; store-audit.c,
 * store-audit-pg.c, data/pg/audit.sql): a change the program makes to a
 * sealed record is sealed in its event; a change made outside it (plain
 * SQL, bypassing the store) is found by check; an edited event breaks the
 * chain and check names it; the triggers check compares on the server; and
 * the same records have the same seals on SQLite and on PostgreSQL. Each
 * test runs on SQLite (a file store_create made) and on a throw-away
 * PostgreSQL cluster (tests/pg-cluster.sh; skipped without PostgreSQL),
 * each test there in a database of its own, made from data/pg/schema.sql
 * and data/pg/audit.sql. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/db-pg.h"
#include "../src/store-internal.h"
#include "store-migrate-pg.h"
#include "testdb.h"
#include "audit-report.h"

static const char *conninfo = "";   /* the cluster's; "" when PostgreSQL is not installed */

/* A store of either backend, and how to reach its database from outside. */
struct db {
	int pg;
	char where[PATH_MAX + 128];   /* SQLite: the file; PostgreSQL: the connection string */
	struct yc_store *st;
};

/* SQL run outside the program: the sqlite3 shell's or psql's. */
static void outside(const struct db *d, const char *sql)
{
	char why[300];
	struct db_pg *c;

	if (!d->pg) {
		exec(d->where, sql);
		return;
	}
	c = db_pg_connect(d->where, NULL, why, sizeof why);
	ck_assert_msg(c != NULL, "%s", why);
	ck_assert_msg(db_pg_exec(c, sql) == DB_OK, "%s: %s", sql, db_pg_errmsg(c));
	db_pg_close(c);
}

/* A number SQL gives, read outside the program (testdb.h's readers). */
static long count_outside(const struct db *d, const char *sql)
{
	return d->pg ? query_long_pg(d->where, sql) : query_long(d->where, sql);
}

/* A new database of the backend: SQLite's by store_create; a server's
 * from the PostgreSQL schema and the audit's triggers. */
static void open_new(struct db *d, int pg)
{
	struct store_opts o = { "unix", 5000, 60, "test", 1 };
	static int made;
	char why[300], sql[100];
	struct db_pg *admin;
	struct yc_err err;

	memset(d, 0, sizeof *d);
	d->pg = pg;
	with_key();
	if (!pg) {
		snprintf(d->where, sizeof d->where, "%s", make_db(0));
		d->st = open_db(d->where, "unix", 5000);
		return;
	}
	admin = db_pg_connect(conninfo, NULL, why, sizeof why);
	ck_assert_msg(admin != NULL, "%s", why);
	snprintf(sql, sizeof sql, "CREATE DATABASE audit_%d_%d", (int)getpid(), ++made);
	ck_assert_msg(db_pg_exec(admin, sql) == DB_OK, "%s", db_pg_errmsg(admin));
	db_pg_close(admin);
	snprintf(d->where, sizeof d->where, "%s dbname=audit_%d_%d", conninfo, (int)getpid(), made);
	admin = db_pg_connect(d->where, NULL, why, sizeof why);
	ck_assert_msg(admin != NULL, "%s", why);
	ck_assert_msg(db_pg_exec(admin, yc_data_pg_schema_sql) == DB_OK, "schema: %s", db_pg_errmsg(admin));
	ck_assert_msg(db_pg_exec(admin, yc_data_pg_audit_sql) == DB_OK, "audit: %s", db_pg_errmsg(admin));
	db_pg_close(admin);
	yc_err_clear(&err);
	ck_assert_msg(store_open_server(&d->st, d->where, NULL, &o, &err) == 0, "%s", err.msg);
}

static int skip_pg(int pg)
{
	if (pg && !conninfo[0]) {
		fprintf(stderr, "no PostgreSQL: skipped\n");
		return 1;
	}
	return 0;
}

/* A save the way the store's own make them: records written, then their event. */
struct save {
	const char *sql;     /* ?1 the id, ?2 a text */
	int64_t id;
	const char *text;
	const char *entity, *action;   /* NULL: no event (store_run's also_changed) */
};

static int save_body(struct yc_store *st, void *vctx, struct yc_err *err)
{
	const struct save *s = vctx;
	db_stmt *q = store_prep(st, s->sql);
	int rc;

	(void)err;
	if (!q)
		return st->rc;
	db_bind_int64(q, 1, s->id);
	db_bind_text(q, 2, s->text);
	rc = db_step(q);
	db_reset(q);
	if (rc != DB_DONE)
		return rc;
	return s->entity ? store_event(st, 0, s->entity, s->id, s->action, NULL, s->text) : SQLITE_OK;
}

static void save(struct db *d, const char *sql, int64_t id, const char *text, const char *entity, const char *action)
{
	struct save s = { sql, id, text, entity, action };
	struct yc_err err;

	yc_err_clear(&err);
	ck_assert_msg(store_run(d->st, 1, save_body, &s, &err) == 0, "%s (%s)", err.msg, store_errmsg(d->st));
}

static const char SQL_ADD_APPLICANT[] =
	"INSERT INTO applicants(id, kind, name, id_number, phone, legal_rep, address)"
	" VALUES (?1, 'person', ?2, '150626199001011234', '13800000000', '', '乌审旗嘎鲁图镇')";
static const char SQL_RENAME_APPLICANT[] = "UPDATE applicants SET name = ?2 WHERE id = ?1";
static const char SQL_ADD_USER[] =
	"INSERT INTO users(id, login, full_name, role, password_hash, must_change_password, failed_logins,"
	" active, created_at) VALUES (?1, ?2, '王芳', 'intake', 'x', 0, 0, 1, '2026-11-27 09:00:00')";

/* Reading back through the store: a record's seal, the last event's mentions. */
struct blob {
	const char *sql;
	int64_t id;
	unsigned char data[4096];
	int len;            /* -1: NULL */
	char text[64];
};

static int read_blob(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct blob *b = vctx;
	db_stmt *q = store_prep(st, b->sql);
	int rc;

	(void)err;
	if (!q)
		return st->rc;
	db_bind_int64(q, 1, b->id);
	rc = db_step(q);
	b->len = -1;
	if (rc == DB_ROW) {
		if (db_col_type(q, 0) != DB_NULL) {
			b->len = db_col_bytes(q, 0);
			ck_assert_int_le(b->len, (int)sizeof b->data);
			memcpy(b->data, db_col_blob(q, 0), (size_t)b->len);
		}
		store_col_text(q, 1, b->text, sizeof b->text);
		rc = DB_DONE;
	}
	db_reset(q);
	return rc == DB_DONE ? SQLITE_OK : rc;
}

static struct blob read_one(struct db *d, const char *sql, int64_t id)
{
	struct blob b;
	struct yc_err err;

	memset(&b, 0, sizeof b);
	b.sql = sql;
	b.id = id;
	ck_assert_msg(store_run(d->st, 0, read_blob, &b, &err) == 0, "%s", err.msg);
	return b;
}

static const char SQL_APPLICANT_SEAL[] = "SELECT seal, name FROM applicants WHERE id = ?1";
static const char SQL_USER_SEAL[] = "SELECT seal, login FROM users WHERE id = ?1";
static const char SQL_LAST_EVENT[] = "SELECT row_seals, action FROM events WHERE id >= ?1 ORDER BY id DESC LIMIT 1";

/* The mention of record id of sealed table t (0-based) in an event's
 * row_seals: its delta and flags (store-audit.c MENTION_LEN). */
static const unsigned char *mention_of(const struct blob *ev, int t, int64_t id)
{
	int i, k;

	for (i = 0; i + 27 <= ev->len; i += 27) {
		int64_t rid = 0;

		for (k = 7; k >= 0; k--)
			rid = rid << 8 | ev->data[i + 1 + k];
		if (ev->data[i] == t + 1 && rid == id)
			return ev->data + i;
	}
	return NULL;
}

/* check's audit: store_check on SQLite; on the server its audit parts
 * alone, as store_check runs them (the rest of check needs the dialect at
 * prepare, the PostgreSQL store's branch). */
struct audit_run {
	struct report *r;
	int problems;
};

static int audit_body(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct audit_run *a = vctx;

	(void)err;
	return store_audit_check(st, collect, a->r, &a->problems);
}

static int check(struct db *d, struct report *r)
{
	struct audit_run a = { r, 0 };
	struct yc_err err;
	int problems;

	r->text[0] = '\0';
	yc_err_clear(&err);
	if (d->pg) {
		store_audit_check_pg_triggers(d->st, collect, r, &a.problems);
		problems = store_run(d->st, 0, audit_body, &a, &err) < 0 ? -1 : a.problems;
	} else {
		problems = store_check(d->st, collect, r, &err);
	}
	ck_assert_msg(problems >= 0, "%s (%s)\n%s", err.msg, store_errmsg(d->st), r->text);
	return problems;
}

static void clean(struct db *d)
{
	struct report r;

	ck_assert_msg(check(d, &r) == 0, "check found problems:\n%s", r.text);
}

/* A record the program adds and changes is sealed, and each event lists
 * it: first its seal, then the old seal XOR the new; a change with no
 * event after it gets one of its own (also_changed). */
START_TEST(a_change_to_a_sealed_record_is_sealed_in_its_event)
{
	struct db d;
	struct blob first, second, ev, last;
	const unsigned char *m;
	int i;

	if (skip_pg(_i))
		return;
	open_new(&d, _i);
	save(&d, SQL_ADD_APPLICANT, 9001, "张三", "applicant", "add");
	first = read_one(&d, SQL_APPLICANT_SEAL, 9001);
	ck_assert_int_eq(first.len, 17);
	ev = read_one(&d, SQL_LAST_EVENT, 0);
	ck_assert_str_eq(ev.text, "add");
	m = mention_of(&ev, 1, 9001);
	ck_assert_msg(m != NULL, "the event does not list the applicant it added");
	ck_assert_int_eq(memcmp(m + 9, first.data, 17), 0);    /* nothing before: the delta is the seal */
	ck_assert_int_eq(m[26], 0);

	save(&d, SQL_RENAME_APPLICANT, 9001, "张三丰", "applicant", "rename");
	second = read_one(&d, SQL_APPLICANT_SEAL, 9001);
	ck_assert_int_eq(second.len, 17);
	ck_assert_int_ne(memcmp(first.data, second.data, 17), 0);
	ev = read_one(&d, SQL_LAST_EVENT, 0);
	m = mention_of(&ev, 1, 9001);
	ck_assert_msg(m != NULL, "the event does not list the applicant it renamed");
	for (i = 0; i < 17; i++)
		ck_assert_int_eq(m[9 + i], first.data[i] ^ second.data[i]);
	ck_assert_int_eq(m[26], 0);   /* found as the program left it */

	save(&d, SQL_RENAME_APPLICANT, 9001, "张三", NULL, NULL);
	last = read_one(&d, SQL_LAST_EVENT, 0);
	ck_assert_str_eq(last.text, "also_changed");
	ck_assert_msg(mention_of(&last, 1, 9001) != NULL, "also_changed does not list the applicant");
	clean(&d);
	store_close(d.st);
}
END_TEST

/* Plain SQL bypassing the store changes a sealed record: check finds it;
 * when the program changes it again, its event says it found it altered,
 * for ever. */
START_TEST(a_change_made_outside_the_program_is_found_by_check)
{
	struct report r;
	struct db d;
	struct blob ev;
	const unsigned char *m;

	if (skip_pg(_i))
		return;
	open_new(&d, _i);
	save(&d, SQL_ADD_APPLICANT, 9001, "张三", "applicant", "add");
	save(&d, SQL_ADD_APPLICANT, 9002, "李四", "applicant", "add");
	clean(&d);
	outside(&d, "UPDATE applicants SET id_number = '150626199001019999' WHERE id = 9002");
	ck_assert_int_gt(check(&d, &r), 0);
	says(&r, "9002 (李四) is not as the program left it");
	ck_assert_ptr_null(strstr(r.text, "9001 (张三) is not"));

	save(&d, SQL_RENAME_APPLICANT, 9002, "李四光", "applicant", "rename");
	ev = read_one(&d, SQL_LAST_EVENT, 0);
	m = mention_of(&ev, 1, 9002);
	ck_assert_msg(m != NULL, "the event does not list the applicant");
	ck_assert_int_eq(m[26] & 0x01, 0x01);   /* F_ALTERED */
	ck_assert_int_gt(check(&d, &r), 0);
	says(&r, "was changed outside the program, then the program changed it again");

	/* the program writing a record as it is (a login resetting a count
	 * already 0) is a change too: found altered at that moment */
	outside(&d, "UPDATE applicants SET phone = '13900000000' WHERE id = 9001");
	save(&d, SQL_RENAME_APPLICANT, 9001, "张三", "applicant", "touch");
	ev = read_one(&d, SQL_LAST_EVENT, 0);
	m = mention_of(&ev, 1, 9001);
	ck_assert_msg(m != NULL, "the event does not list the applicant written as it was");
	ck_assert_int_eq(m[26] & 0x01, 0x01);

	/* a record deleted outside: missing from the table, not from the log */
	outside(&d, "DELETE FROM applicants WHERE id = 9001");
	ck_assert_int_gt(check(&d, &r), 0);
	says(&r, "9001 is missing");
	store_close(d.st);
}
END_TEST

/* check reads the log and the records a page at a time (a server sends
 * all of a statement's rows at once): a history longer than a page is
 * read whole, and a change on its last page is found. */
struct many {
	int n;
};

static int add_many(struct yc_store *st, void *vctx, struct yc_err *err)
{
	const struct many *m = vctx;
	int i, rc = SQLITE_OK;

	for (i = 0; i < m->n && rc == SQLITE_OK; i++) {
		struct save s = { SQL_ADD_APPLICANT, 20000 + i, "王五", "applicant", "add" };

		rc = save_body(st, &s, err);
	}
	return rc;
}

START_TEST(check_reads_a_history_longer_than_a_page)
{
	struct many m = { 12000 };   /* more than two of store-audit.c's pages */
	struct report r;
	struct yc_err err;
	struct db d;
	char said[80];
	long events;

	if (skip_pg(_i))
		return;
	open_new(&d, _i);
	yc_err_clear(&err);
	ck_assert_msg(store_run(d.st, 1, add_many, &m, &err) == 0, "%s", err.msg);
	ck_assert_msg(check(&d, &r) == 0, "check found problems:\n%s", r.text);
	events = count_outside(&d, "SELECT count(*) FROM events");
	ck_assert_int_gt(events, 12000);
	snprintf(said, sizeof said, "event log: %ld events, chain intact", events);
	says(&r, said);
	snprintf(said, sizeof said, "applicants: %ld records, each as the program left it",
		 count_outside(&d, "SELECT count(*) FROM applicants"));
	says(&r, said);
	outside(&d, "UPDATE applicants SET phone = '13900000000' WHERE id = 31999");
	ck_assert_int_gt(check(&d, &r), 0);
	says(&r, "31999 (王五) is not as the program left it");
	/* a record gone from the last page: the records are localised page
	 * by page, and no other is taken as missing */
	outside(&d, "DELETE FROM applicants WHERE id = 31998");
	ck_assert_int_gt(check(&d, &r), 0);
	says(&r, "31998 is missing");
	ck_assert_msg(!strstr(r.text, "31997 is missing") && !strstr(r.text, "20001 is missing"), "%s", r.text);
	/* a row put in outside the program below every id it gives */
	outside(&d, "INSERT INTO applicants(id, kind, name, id_number, phone, legal_rep, address)"
		    " VALUES (-1, 'person', '赵六', '150626199001010000', '13800000001', '', '')");
	ck_assert_int_gt(check(&d, &r), 0);
	says(&r, "-1 (赵六) has no seal: it was added outside the program");
	/* sealed as they are, 300 more changed: the seal's event lists more
	 * records than a page carries in place (SEALS_IN_PAGE), and check
	 * reads it alone */
	outside(&d, "UPDATE applicants SET phone = '13700000000' WHERE id BETWEEN 20000 AND 20299");
	ck_assert_int_gt(store_audit_seal(d.st, collect, &r, &err), 300);
	ck_assert_msg(check(&d, &r) == 0, "check found problems after seal:\n%s", r.text);
	store_close(d.st);
}
END_TEST

/* The head this station writes after each save (its own disk) names the
 * last event it saved; the log's last events removed outside show in
 * check even with the chain before them intact. */
START_TEST(the_heads_show_events_removed_from_the_end)
{
	char heads[300], sql[300];
	struct report r;
	struct db d;
	long last;

	if (skip_pg(_i))
		return;
	scratch_path(heads, sizeof heads, "heads");
	store_heads_dir(heads);
	open_new(&d, _i);
	save(&d, SQL_ADD_APPLICANT, 9001, "张三", "applicant", "add");
	save(&d, SQL_ADD_APPLICANT, 9002, "李四", "applicant", "add");
	ck_assert_int_eq(check(&d, &r), 0);
	says(&r, "station test of this PC last saved event ");
	says(&r, ": it is there");
	if (!_i) {
		last = query_long(d.where, "SELECT max(id) FROM events");
		snprintf(sql, sizeof sql, "DROP TRIGGER events_no_delete; DELETE FROM events WHERE id = %ld", last);
	} else {
		struct blob b = read_one(&d, "SELECT NULL, CAST(max(id) AS text) FROM events WHERE id > ?1", 0);

		last = atol(b.text);
		snprintf(sql, sizeof sql,
			 "ALTER TABLE events DISABLE TRIGGER events_no_delete; DELETE FROM events WHERE id = %ld;"
			 " ALTER TABLE events ENABLE TRIGGER events_no_delete",
			 last);
	}
	outside(&d, sql);
	ck_assert_int_gt(check(&d, &r), 0);
	says(&r, "station test of this PC was saving event ");
	says(&r, ", which the log does not have");
	store_close(d.st);
	store_heads_dir("");
}
END_TEST

/* `yichuang seal` takes the records as they are: what check named is
 * sealed, listed in its event, and check is clean again; a second seal
 * finds nothing to do. */
START_TEST(seal_takes_the_records_as_they_are)
{
	struct report r;
	struct yc_err err;
	struct db d;
	int sealed;

	if (skip_pg(_i))
		return;
	open_new(&d, _i);
	save(&d, SQL_ADD_APPLICANT, 9001, "张三", "applicant", "add");
	save(&d, SQL_ADD_APPLICANT, 9002, "李四", "applicant", "add");
	outside(&d, "UPDATE applicants SET address = '鄂托克旗' WHERE id = 9002");
	ck_assert_int_gt(check(&d, &r), 0);
	r.text[0] = '\0';
	sealed = store_audit_seal(d.st, collect, &r, &err);
	ck_assert_msg(sealed == 1, "sealed %d: %s\n%s", sealed, err.msg, r.text);
	says(&r, "9002 (李四) was changed outside the program: sealed as it is now");
	clean(&d);
	r.text[0] = '\0';
	ck_assert_int_eq(store_audit_seal(d.st, collect, &r, &err), 0);
	says(&r, "applicants: every record is as the program left it");
	store_close(d.st);
}
END_TEST

/* An event edited (its append-only trigger switched off for it, or
 * dropped): the chain no longer verifies from that event, and check says
 * which. */
START_TEST(an_edited_event_breaks_the_chain_and_check_says_where)
{
	struct report r;
	struct db d;
	char sql[300];
	int64_t edited;

	if (skip_pg(_i))
		return;
	open_new(&d, _i);
	save(&d, SQL_ADD_APPLICANT, 9001, "张三", "applicant", "add");
	save(&d, SQL_ADD_APPLICANT, 9002, "李四", "applicant", "add");
	save(&d, SQL_ADD_APPLICANT, 9003, "王五", "applicant", "add");
	clean(&d);
	edited = _i ? 2 : 0;
	if (!_i) {
		edited = query_long(d.where, "SELECT id FROM events WHERE new_value = '李四'");
		snprintf(sql, sizeof sql,
			 "DROP TRIGGER events_no_update; UPDATE events SET new_value = '赵六' WHERE id = %lld",
			 (long long)edited);
	} else {
		struct blob b = read_one(&d, "SELECT NULL, CAST(id AS text) FROM events WHERE new_value = '李四' AND id > ?1", 0);

		edited = atoll(b.text);
		snprintf(sql, sizeof sql,
			 "ALTER TABLE events DISABLE TRIGGER events_no_update;"
			 " UPDATE events SET new_value = '赵六' WHERE id = %lld;"
			 " ALTER TABLE events ENABLE TRIGGER events_no_update",
			 (long long)edited);
	}
	outside(&d, sql);
	ck_assert_int_gt(check(&d, &r), 0);
	snprintf(sql, sizeof sql, "event %lld was changed", (long long)edited);
	says(&r, sql);
	snprintf(sql, sizeof sql, "event %lld was changed", (long long)edited + 1);
	ck_assert_msg(strstr(r.text, sql) == NULL, "check blames the next event too:\n%s", r.text);
	if (!_i)
		says(&r, "trigger events_no_update on events is missing");
	else
		says(&r, "triggers: the ");   /* switched on again: as made */
	store_close(d.st);
}
END_TEST

/* On the server: a trigger switched off, its function replaced, one
 * added, the audit's own dropped: each is a difference check names. */
START_TEST(the_servers_triggers_are_compared_with_the_programs)
{
	struct report r;
	struct db d;

	if (skip_pg(1))
		return;
	open_new(&d, 1);
	save(&d, SQL_ADD_APPLICANT, 9001, "张三", "applicant", "add");
	clean(&d);
	outside(&d, "ALTER TABLE events DISABLE TRIGGER events_no_delete");
	ck_assert_int_gt(check(&d, &r), 0);
	says(&r, "trigger events_no_delete on events is not as yichuang made it");
	outside(&d, "ALTER TABLE events ENABLE TRIGGER events_no_delete;"
		    "CREATE OR REPLACE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$"
		    " BEGIN RETURN OLD; END $$");
	ck_assert_int_gt(check(&d, &r), 0);
	says(&r, "trigger events_no_update on events is not as yichuang made it");
	outside(&d, "DROP TRIGGER applicants_audit ON applicants;"
		    "CREATE TRIGGER quiet AFTER UPDATE ON cases FOR EACH ROW EXECUTE FUNCTION audit_note_change()");
	ck_assert_int_gt(check(&d, &r), 0);
	says(&r, "trigger applicants_audit on applicants is missing");
	says(&r, "trigger quiet on cases was not made by yichuang");
	store_close(d.st);
}
END_TEST

/* The same records, saved by the same key, carry the same seals on both
 * backends: one serialization of a record whichever database gave it. */
START_TEST(the_same_records_have_the_same_seals_on_both_backends)
{
	struct db lite, pg;
	struct blob a, b;

	if (skip_pg(1))
		return;
	open_new(&lite, 0);
	open_new(&pg, 1);
	save(&lite, SQL_ADD_APPLICANT, 9001, "张三", "applicant", "add");
	save(&pg, SQL_ADD_APPLICANT, 9001, "张三", "applicant", "add");
	save(&lite, SQL_ADD_USER, 9002, "wangfang", "user", "add");
	save(&pg, SQL_ADD_USER, 9002, "wangfang", "user", "add");
	a = read_one(&lite, SQL_APPLICANT_SEAL, 9001);
	b = read_one(&pg, SQL_APPLICANT_SEAL, 9001);
	ck_assert_int_eq(a.len, 17);
	ck_assert_int_eq(b.len, 17);
	ck_assert_msg(memcmp(a.data, b.data, 17) == 0, "an applicant's seal differs between the backends");
	a = read_one(&lite, SQL_USER_SEAL, 9002);
	b = read_one(&pg, SQL_USER_SEAL, 9002);
	ck_assert_int_eq(a.len, 17);
	ck_assert_msg(b.len == 17 && memcmp(a.data, b.data, 17) == 0, "a user's seal differs between the backends");
	/* and changed the same way, the same again */
	save(&lite, SQL_RENAME_APPLICANT, 9001, "张三丰", "applicant", "rename");
	save(&pg, SQL_RENAME_APPLICANT, 9001, "张三丰", "applicant", "rename");
	a = read_one(&lite, SQL_APPLICANT_SEAL, 9001);
	b = read_one(&pg, SQL_APPLICANT_SEAL, 9001);
	ck_assert_msg(memcmp(a.data, b.data, 17) == 0, "a renamed applicant's seal differs between the backends");
	store_close(lite.st);
	store_close(pg.st);
}
END_TEST

/* `yichuang migrate-to-postgresql` runs check's audit on the file and on
 * the copy before it commits: a history check finds changed outside the
 * program is refused whole, though every table's rows and the event
 * log's last hash would be equal on both sides. */
static char *migrated_hall(char *path, size_t n)
{
	struct store_site site = { "WSQ", "乌审旗政务服务中心", "banner" };
	char dir[240];
	struct yc_err err;

	with_key();
	scratch_mkdtemp(dir, sizeof dir, "hall");
	snprintf(path, n, "%s/hall.db", dir);
	yc_err_clear(&err);
	ck_assert_msg(store_create(path, &site, 1, "first-pass", yc_data_holidays_cn_txt, &err) == 0, "%s", err.msg);
	return path;
}

static void on_the_file(const char *path, const char *sql)
{
	sqlite3 *db;

	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_msg(sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK, "%s", sqlite3_errmsg(db));
	sqlite3_close(db);
}

START_TEST(a_migration_is_checked_on_both_sides_before_it_commits)
{
	static struct migrate_result res;
	volatile sig_atomic_t stop = 0;
	char file[300], target[PATH_MAX + 64];
	struct yc_err err;
	int t;

	if (skip_pg(1))
		return;
	/* as the program left it: moved, and check says the same of both */
	migrated_hall(file, sizeof file);
	pg_new_database(conninfo, target, sizeof target);
	yc_err_clear(&err);
	ck_assert_msg(store_migrate_to_pg(file, target, NULL, NULL, NULL, &stop, &res, &err) == 0, "%s", err.msg);
	ck_assert(res.audit_from.ran && res.audit_to.ran);
	ck_assert_int_eq(res.audit_from.problems, 0);
	ck_assert_int_eq(res.audit_to.problems, 0);
	ck_assert_int_gt(res.audit_from.events, 0);
	ck_assert_int_eq(res.audit_to.events, res.audit_from.events);
	ck_assert_str_eq(res.audit_to.last_hash, res.audit_from.last_hash);
	ck_assert_int_eq(res.audit_from.n_tables, 5);
	for (t = 0; t < res.audit_from.n_tables; t++)
		ck_assert_int_eq(res.audit_to.tables[t].records, res.audit_from.tables[t].records);
	ck_assert_int_gt(query_long_pg(target, "SELECT count(*) FROM cases"), 0);

	/* a clerk made supervisor with the sqlite3 shell: refused, nothing kept */
	migrated_hall(file, sizeof file);
	on_the_file(file, "UPDATE users SET role = 'supervisor' WHERE login = 'intake'");
	pg_new_database(conninfo, target, sizeof target);
	yc_err_clear(&err);
	ck_assert_int_eq(store_migrate_to_pg(file, target, NULL, NULL, NULL, &stop, &res, &err), -1);
	ck_assert_int_eq(err.code, YC_ECORRUPT);
	ck_assert_msg(strstr(err.msg, "check finds 1 problems in") != NULL, "%s", err.msg);
	ck_assert_int_eq(res.audit_from.problems, 1);
	ck_assert_msg(res.audit_from.n_said == 1 && strstr(res.audit_from.said[0], "(intake) is not as the program left it"),
		      "%s", res.audit_from.said[0]);
	ck_assert_int_eq(res.n_counts > 0, 1);   /* the counts were equal: check alone refused it */
	for (t = 0; t < res.n_counts; t++)
		ck_assert_int_eq(res.counts[t].to, res.counts[t].from);
	ck_assert_int_eq(query_long_pg(target, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), 0);
}
END_TEST

/* The session's notes are made before its first write, not when it
 * opens: a station that only reads never pays for them (bench/README).
 * And a write whose notes cannot be made is refused, nothing saved: saved
 * unnoted, its sealed records would look tampered with in check. A
 * clerk's role without the right to make temporary tables is such a
 * session. */
static const char SQL_NOTES_MADE[] =
	"SELECT count(*) FROM pg_class WHERE relname = 'yc_audit_changed' AND relpersistence = 't'";

START_TEST(the_audit_notes_wait_for_the_first_write_and_a_write_without_them_is_refused)
{
	struct store_opts o = { "unix", 5000, 60, "test", 1 };
	char clerk[PATH_MAX + 160], sql[200];
	struct yc_store *st;
	struct yc_err err;
	struct blob b;
	struct db d;
	struct save sv = { SQL_ADD_APPLICANT, 9003, "李四", "applicant", "add" };

	if (skip_pg(1))
		return;
	open_new(&d, 1);
	save(&d, SQL_ADD_APPLICANT, 9002, "张三", "applicant", "add");
	ck_assert_int_eq(count_outside(&d, SQL_NOTES_MADE), 1);   /* d.st's */
	yc_err_clear(&err);
	ck_assert_msg(store_open_server(&st, d.where, NULL, &o, &err) == 0, "%s", err.msg);
	memset(&b, 0, sizeof b);
	b.sql = SQL_LAST_EVENT;
	ck_assert_msg(store_run(st, 0, read_blob, &b, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(count_outside(&d, SQL_NOTES_MADE), 1);   /* a reading station made none */
	sv.id = 9004;
	ck_assert_msg(store_run(st, 1, save_body, &sv, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(count_outside(&d, SQL_NOTES_MADE), 2);   /* its first write did */
	store_close(st);
	sv.id = 9003;
	clean(&d);

	snprintf(sql, sizeof sql, "DROP ROLE IF EXISTS yc_clerk_%d; CREATE ROLE yc_clerk_%d LOGIN", (int)getpid(), (int)getpid());
	outside(&d, sql);
	snprintf(sql, sizeof sql, "GRANT ALL ON ALL TABLES IN SCHEMA public TO yc_clerk_%d;"
		 " GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO yc_clerk_%d", (int)getpid(), (int)getpid());
	outside(&d, sql);
	outside(&d, "DO $$ BEGIN EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database()); END $$");
	snprintf(clerk, sizeof clerk, "%s user=yc_clerk_%d", d.where, (int)getpid());
	yc_err_clear(&err);
	ck_assert_msg(store_open_server(&st, clerk, NULL, &o, &err) == 0, "%s", err.msg);
	memset(&b, 0, sizeof b);
	b.sql = SQL_LAST_EVENT;
	ck_assert_msg(store_run(st, 0, read_blob, &b, &err) == 0, "a read needs no notes: %s", err.msg);
	yc_err_clear(&err);
	ck_assert_msg(store_run(st, 1, save_body, &sv, &err) != 0, "a write without its notes was saved");
	ck_assert_msg(strstr(err.msg, "GRANT TEMPORARY") && strstr(err.msg, "Nothing was saved"),
		      "the refusal does not say what to do: %s", err.msg);
	ck_assert_int_eq(count_outside(&d, "SELECT count(*) FROM applicants WHERE id = 9003"), 0);
	/* granted, the same station's next write makes its notes and saves */
	outside(&d, "DO $$ BEGIN EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO PUBLIC', current_database()); END $$");
	yc_err_clear(&err);
	ck_assert_msg(store_run(st, 1, save_body, &sv, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(count_outside(&d, "SELECT count(*) FROM applicants WHERE id = 9003"), 1);
	store_close(st);
	clean(&d);
	store_close(d.st);
	snprintf(sql, sizeof sql, "DROP OWNED BY yc_clerk_%d; DROP ROLE yc_clerk_%d", (int)getpid(), (int)getpid());
	outside(&d, sql);
}
END_TEST

static void setup(void)
{
	pin_clock("2026-11-27 10:00");
}

int main(void)
{
	Suite *s = suite_create("audit on both backends");
	TCase *tc = tcase_create("audit");
	int failed;

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, a_change_to_a_sealed_record_is_sealed_in_its_event, 0, 2);
	tcase_add_loop_test(tc, a_change_made_outside_the_program_is_found_by_check, 0, 2);
	tcase_add_loop_test(tc, an_edited_event_breaks_the_chain_and_check_says_where, 0, 2);
	tcase_add_loop_test(tc, seal_takes_the_records_as_they_are, 0, 2);
	tcase_add_loop_test(tc, the_heads_show_events_removed_from_the_end, 0, 2);
	tcase_add_loop_test(tc, check_reads_a_history_longer_than_a_page, 0, 2);
	tcase_add_test(tc, the_servers_triggers_are_compared_with_the_programs);
	tcase_add_test(tc, the_same_records_have_the_same_seals_on_both_backends);
	tcase_add_test(tc, a_migration_is_checked_on_both_sides_before_it_commits);
	tcase_add_test(tc, the_audit_notes_wait_for_the_first_write_and_a_write_without_them_is_refused);
	suite_add_tcase(s, tc);
	/* the PostgreSQL half runs on the program's one cluster */
	if (testdb_cluster_start() == 0)
		conninfo = testdb_cluster()->conninfo;
	else
		fprintf(stderr, "%s: no PostgreSQL cluster: its half is skipped\n", program_invocation_short_name);
	failed = run_suite(s);
	testdb_cluster_stop();
	return failed;
}
