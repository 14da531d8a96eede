/* testdb.h - a fresh database file in a fresh folder, made by the real
 * store_create, for tests that need one. The folder is in the test's
 * scratch folder (unit.h), removed when the test ends. With demo = 1 the
 * demo cases are dated back from yc_today(): a test relying on their dates
 * pins the clock first (pin_clock). */
#ifndef YC_TEST_DB_H
#define YC_TEST_DB_H

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "db-pg.h"
#include "dialect.h"
#include "embedded.h"
#include "store-setup.h"
#include "store-intake.h"
#include "store-slips.h"
#include "store-special.h"
#include "store-users.h"
#include "store.h"
#include "unit.h"

/* PostgreSQL ---------------------------------------------------------------------
 * A new database on the cluster whose connection string is base
 * (tests/pg-cluster.sh's), as `createdb` would make a hall's: UTF-8, text
 * ordered by code point; empty, or a copy of the database named
 * template. Its connection string into out. */
static inline void pg_new_database_from(const char *base, const char *template, char *out, size_t n)
{
	static int made;
	char why[512], sql[256], name[64];
	struct db_pg *db = db_pg_connect(base, NULL, why, sizeof why);

	ck_assert_msg(db != NULL, "connect %s: %s", base, why);
	snprintf(name, sizeof name, "t%ld_%d", (long)getpid(), ++made);
	snprintf(sql, sizeof sql, "CREATE DATABASE %s TEMPLATE %s ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'", name,
		 template ? template : "template0");
	ck_assert_msg(db_pg_exec(db, sql) == DB_OK, "%s: %s", sql, db_pg_errmsg(db));
	db_pg_close(db);
	ck_assert_int_lt(snprintf(out, n, "%s dbname=%s", base, name), (int)n);
}

static inline void pg_new_database(const char *base, char *out, size_t n)
{
	pg_new_database_from(base, NULL, out, n);
}

/* The backend under test: YC_TEST_BACKEND=postgresql runs the tests that
 * use make_db on a throw-away cluster (tests/pg-cluster.sh), one for the
 * program, started before its tests and stopped after (unit.h's
 * run_suite), a database per make_db; the "path" the tests pass around is
 * then that database's connection string. */
static inline int testdb_on_pg(void)
{
	const char *b = getenv("YC_TEST_BACKEND");

	return b && !strcmp(b, "postgresql");
}

struct testdb_cluster {
	char dir[PATH_MAX];
	char conninfo[PATH_MAX + 64];
};

static inline struct testdb_cluster *testdb_cluster(void)
{
	static struct testdb_cluster c;

	return &c;
}

static inline int testdb_cluster_run(const char *what)
{
	char cmd[PATH_MAX * 2 + 64];
	const char *src = getenv("YC_SRCDIR");

	if (snprintf(cmd, sizeof cmd, "sh '%s/tests/pg-cluster.sh' %s '%s'", src ? src : ".", what,
		     testdb_cluster()->dir) >= (int)sizeof cmd)
		return -1;
	return system(cmd);
}

/* The program's throw-away cluster (tests/pg-cluster.sh), started once
 * (initdb takes seconds): 0 with its conninfo, -1 when none could be
 * started (PostgreSQL not installed). */
static inline int testdb_cluster_start(void)
{
	struct testdb_cluster *c = testdb_cluster();
	char cmd[PATH_MAX * 2 + 64];
	const char *src = getenv("YC_SRCDIR");
	FILE *p;
	size_t n;

	if (*c->conninfo)
		return 0;
	if (snprintf(c->dir, sizeof c->dir, "%s/%s-pg-%ld", unit_tmp_base(), program_invocation_short_name,
		     (long)getpid()) >= (int)sizeof c->dir ||
	    snprintf(cmd, sizeof cmd, "sh '%s/tests/pg-cluster.sh' start '%s'", src ? src : ".", c->dir) >= (int)sizeof cmd)
		return -1;
	p = popen(cmd, "r");
	if (!p || !fgets(c->conninfo, sizeof c->conninfo, p))
		c->conninfo[0] = '\0';
	if (p && pclose(p) != 0)
		c->conninfo[0] = '\0';
	n = strlen(c->conninfo);
	if (n && c->conninfo[n - 1] == '\n')
		c->conninfo[n - 1] = '\0';
	return *c->conninfo ? 0 : -1;
}

/* ... and stopped, its folder removed. */
static inline void testdb_cluster_stop(void)
{
	struct testdb_cluster *c = testdb_cluster();

	if (!*c->conninfo)
		return;
	if (testdb_cluster_run("stop") != 0)
		fprintf(stderr, "%s: could not stop the cluster in %s\n", program_invocation_short_name, c->dir);
	c->conninfo[0] = '\0';
}

static int testdb_around_suite(int start)
{
	struct testdb_cluster *c = testdb_cluster();

	if (!testdb_on_pg())
		return 0;
	if (!start) {
		/* the server's words, kept with the failed tests' files */
		char from[PATH_MAX + 16], to[PATH_MAX + 16];

		/* (a path too long to say is left where it is) */
		if (snprintf(from, sizeof from, "%.*s/server.log", PATH_MAX, c->dir) < (int)sizeof from &&
		    snprintf(to, sizeof to, "%.*s/server.log", PATH_MAX, unit_scratch_state()->run) < (int)sizeof to)
			rename(from, to);
		testdb_cluster_stop();
		return 0;
	}
	if (testdb_cluster_start() < 0) {
		/* YC_TEST_REQUIRE_PG (CI): a run that cannot start its server
		 * fails rather than skips, or nothing would have been tested */
		fprintf(stderr, "%s: YC_TEST_BACKEND=postgresql but no cluster could be started: %s\n",
			program_invocation_short_name, getenv("YC_TEST_REQUIRE_PG") ? "failed" : "skipped");
		return getenv("YC_TEST_REQUIRE_PG") ? 99 : 77;
	}
	return 0;
}

/* At the start of a test that cannot run on a server, saying why (its
 * arrangement in SQLite's own words, the file or the share itself): on
 * PostgreSQL it passes without running, and says so on standard error. */
#define ONLY_ON_SQLITE(why) \
	do { \
		if (testdb_on_pg()) { \
			fprintf(stderr, "%s: SQLite only: %s\n", __func__, why); \
			return; \
		} \
	} while (0)

__attribute__((constructor)) static void testdb_register(void)
{
	unit_around_suite = testdb_around_suite;
}

/* A hall's database made where path says, on the backend under test: 0,
 * or -1 with the store's refusal. */
static inline int try_create_db(const char *path, const struct store_site *site, int demo, struct yc_err *err)
{
	yc_err_clear(err);
	return testdb_on_pg() ? store_create_server(path, NULL, site, demo, "first-pass", yc_data_holidays_cn_txt, err)
			      : store_create(path, site, demo, "first-pass", yc_data_holidays_cn_txt, err);
}

static inline const char *make_db(int demo)
{
	static char path[256];
	char dir[240];
	struct store_site site = { "WSQ", "乌审旗政务服务中心", "banner" };
	struct yc_err err;

	ck_assert_int_eq(auth_init(), 0);
	if (testdb_on_pg()) {
		pg_new_database(testdb_cluster()->conninfo, path, sizeof path);
	} else {
		scratch_mkdtemp(dir, sizeof dir, "hall");
		snprintf(path, sizeof path, "%s/hall.db", dir);
	}
	ck_assert_msg(try_create_db(path, &site, demo, &err) == 0, "%s", err.msg);
	return path;
}

/* The database as a station opens it, on either backend: 0, or -1 with
 * the store's error in err (for the tests of a refused open). */
static inline int try_open_db(struct yc_store **st, const char *path, const struct store_opts *o, struct yc_err *err)
{
	yc_err_clear(err);
	return testdb_on_pg() ? store_open_server(st, path, NULL, o, err) : store_open(st, path, o, err);
}

/* ... with these options, which must open it. */
static inline struct yc_store *open_db_with(const char *path, const struct store_opts *o)
{
	struct yc_store *st = NULL;
	struct yc_err err;

	ck_assert_msg(try_open_db(&st, path, o, &err) == 0, "%s", err.msg);
	return st;
}

static inline struct yc_store *open_db(const char *path, const char *locking, int timeout_ms)
{
	struct store_opts o = { locking, timeout_ms, 60, "test", 0 };

	return open_db_with(path, &o);
}

/* What each migration from 12 on added, taken off again, so that a test
 * can make a hall's file of an older version from a new one. A new
 * migration adds its line here. */
static const char *const schema_undo[] = {
	[12] = "DROP TABLE calendar_years; DROP TABLE contracts; ALTER TABLE sites DROP COLUMN active;"
	       "DROP TRIGGER station_categories_on_insert; DROP TABLE station_categories;"
	       "ALTER TABLE stations DROP COLUMN open; ALTER TABLE users DROP COLUMN station_id;",
	[13] = "ALTER TABLE events DROP COLUMN key_id; ALTER TABLE events DROP COLUMN row_seals;"
	       "ALTER TABLE cases DROP COLUMN seal; ALTER TABLE applicants DROP COLUMN seal;"
	       "ALTER TABLE users DROP COLUMN seal; ALTER TABLE notices DROP COLUMN seal;"
	       "ALTER TABLE results DROP COLUMN seal;",
	[14] = "DROP INDEX cases_record_uid; ALTER TABLE cases DROP COLUMN record_uid;",
	[15] = "DROP INDEX cases_missed_promise; ALTER TABLE cases DROP COLUMN missed_promise;",
	[16] = "DROP TRIGGER item_search_insert; DROP TRIGGER item_search_update; DROP TRIGGER item_search_delete;"
	       "DROP TRIGGER item_search_material_insert; DROP TRIGGER item_search_material_update;"
	       "DROP TRIGGER item_search_material_delete;"
	       "DROP TABLE item_names; DROP TABLE item_texts; ALTER TABLE service_items DROP COLUMN keywords;"
	       "ALTER TABLE service_items DROP COLUMN pinyin_full; ALTER TABLE service_items DROP COLUMN pinyin_name;",
	[17] = "DROP INDEX queue_tickets_held; ALTER TABLE queue_tickets DROP COLUMN held_at;",
	[18] = "DROP TABLE hall_policy;",
	[19] = "ALTER TABLE appointments DROP COLUMN reminded_at; ALTER TABLE appointments DROP COLUMN moved_from;",
	[20] = "DROP TABLE scenario_items; DROP TABLE scenario_questions; DROP TABLE scenarios;",
	[21] = "DROP INDEX project_approvals_case; DROP INDEX remote_requests_case;"
	       "ALTER TABLE project_approvals DROP COLUMN case_id;",
	[22] = "DROP TABLE case_query_guards; ALTER TABLE fees DROP COLUMN paid_at; ALTER TABLE fees DROP COLUMN paid_by;"
	       "ALTER TABLE fees DROP COLUMN notified_at;",
	[23] = "UPDATE assessment_criteria SET category = '八便民' WHERE category = '加分项';"
	       "DELETE FROM assessment_criteria WHERE id = 21;"
	       "DROP TABLE weekly_inspections; ALTER TABLE objections DROP COLUMN decision; ALTER TABLE objections DROP COLUMN attachments;"
	       "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = replace(sql,"
	       " '''supervisor'',''admin'',''contractor'')', '''supervisor'',''admin'')')"
	       " WHERE type = 'table' AND name = 'users'; PRAGMA writable_schema = RESET;",
	[24] = "DROP INDEX rating_requests_code; DROP INDEX rating_requests_waiting; DROP TABLE rating_requests;"
	       "ALTER TABLE ratings DROP COLUMN reasons; ALTER TABLE ratings DROP COLUMN due;"
	       "ALTER TABLE ratings DROP COLUMN checked; ALTER TABLE ratings DROP COLUMN rectified;"
	       "ALTER TABLE ratings DROP COLUMN called_back;",
	[25] = "DROP TABLE case_promises; DROP TABLE case_waivers; ALTER TABLE service_items DROP COLUMN promise_conditions;"
	       "ALTER TABLE materials DROP COLUMN waivable;",
	[26] = "ALTER TABLE remote_requests DROP COLUMN direction;",
	[27] = "DROP TABLE bundle_confirmations;",
	[28] = "ALTER TABLE consultations DROP COLUMN site_id; ALTER TABLE remote_requests DROP COLUMN site_id;"
	       "ALTER TABLE projects DROP COLUMN site_id; ALTER TABLE assist_requests DROP COLUMN site_id;",
};

static inline void exec(const char *path, const char *sql);

/* The version the database says its schema is: SQLite's user_version, a
 * server's schema_meta. */
static inline void set_schema_version(const char *path, int v)
{
	char sql[80];

	snprintf(sql, sizeof sql, testdb_on_pg() ? "UPDATE schema_meta SET user_version = %d" : "PRAGMA user_version = %d",
		 v);
	exec(path, sql);
}

/* The oldest schema a hall's database can be at: a server's database is
 * made at 27 (data/pg/schema.sql), and only the later migrations have
 * PostgreSQL twins (data/pg/migrate-N.sql). */
static inline int oldest_schema(void)
{
	return testdb_on_pg() ? 27 : 11;
}

/* The file as a hall's of schema version v is (v >= oldest_schema()),
 * back from the newest this program writes; the version itself is set
 * apart (set_schema_version). The steps from 28 on are portable. */
static inline void undo_schema_to(const char *path, int v)
{
	int i;

	ck_assert_msg(v >= oldest_schema(), "no hall's database on this backend is of schema %d", v);
	for (i = store_schema_version(); i > v; i--) {
		ck_assert_msg(i < (int)(sizeof schema_undo / sizeof *schema_undo) && schema_undo[i],
			      "tests/testdb.h does not know how to take schema %d off", i);
		exec(path, schema_undo[i]);
	}
}

/* The hall's policy name (policy.h) set to value, as the command line
 * sets it. */
static inline void set_policy(struct yc_store *st, const char *name, const char *value)
{
	struct yc_err err;

	yc_err_clear(&err);
	ck_assert_msg(store_policy_set(st, 0, name, value, &err) == 0, "%s", err.msg);
}

/* A demo user, by login. */
static inline struct yc_user user(struct yc_store *st, const char *login)
{
	struct yc_user u;
	struct yc_err err;

	ck_assert_int_eq(store_user_get(st, login, &u, &err), 0);
	return u;
}

/* The end of the SQL expression at p: the next ',' or ')' outside
 * parentheses and quotes. */
static inline const char *testdb_arg_end(const char *p)
{
	int depth = 0;

	for (; *p; p++) {
		if (*p == '\'') {
			while (*++p && (*p != '\'' || p[1] == '\''))
				p += *p == '\'';
			if (!*p)
				break;
		} else if (*p == '(') {
			depth++;
		} else if (*p == ')' || *p == ',') {
			if (depth == 0)
				return p;
			depth -= *p == ')';
		}
	}
	return p;
}

/* The tests' arrangements number their rows with SQLite's printf('X%04d',
 * n); on a server that is the text and the number padded with lpad:
 * ('X' || lpad(CAST((n) AS text), 4, '0')). %d, %0Nd, %s and %% are
 * known, the format a plain '..' literal. Malloc'd. */
static inline char *testdb_printf_for_pg(const char *sql)
{
	size_t cap = strlen(sql) * 8 + 256, o = 0;
	char *out = malloc(cap);
	const char *p = sql, *hit;

	ck_assert_ptr_nonnull(out);
	while ((hit = strstr(p, "printf('")) != NULL) {
		const char *f = hit + 8, *fmt_end = strchr(f, '\''), *arg;

		memcpy(out + o, p, (size_t)(hit - p));
		o += (size_t)(hit - p);
		ck_assert_msg(fmt_end != NULL, "printf without its format's end: %s", hit);
		arg = fmt_end + 1;   /* past the format: ", " then the arguments */
		o += (size_t)sprintf(out + o, "('");
		for (; f < fmt_end; f++) {
			int width = 0;

			if (*f != '%') {
				out[o++] = *f;
				continue;
			}
			if (f[1] == '%') {
				out[o++] = *++f;
				continue;
			}
			for (f++; *f >= '0' && *f <= '9'; f++)
				width = width * 10 + (*f - '0');
			ck_assert_msg(*f == 'd' || *f == 's', "printf format not known here: %s", hit);
			ck_assert_msg(*arg == ',', "printf with fewer arguments than its format: %s", hit);
			{
				const char *end = testdb_arg_end(arg + 1);
				int n = (int)(end - arg - 1);

				if (width)
					o += (size_t)sprintf(out + o, "' || lpad(CAST((%.*s) AS text), %d, '0') || '", n, arg + 1,
							     width);
				else
					o += (size_t)sprintf(out + o, "' || CAST((%.*s) AS text) || '", n, arg + 1);
				arg = end;
			}
		}
		ck_assert_msg(*arg == ')', "printf with more arguments than its format: %s", hit);
		o += (size_t)sprintf(out + o, "')");
		p = arg + 1;
	}
	strcpy(out + o, p);
	return out;
}

static inline void exec_pg(const char *conninfo, const char *sql)
{
	char why[512], *plain = testdb_printf_for_pg(sql), *words = dialect_sql(&dialect_postgresql, plain);
	struct db_pg *db = db_pg_connect(conninfo, NULL, why, sizeof why);

	ck_assert_msg(db != NULL, "connect: %s", why);
	ck_assert_msg(words && db_pg_exec(db, words) == DB_OK, "%s: %s", words ? words : sql, db_pg_errmsg(db));
	free(words);
	free(plain);
	db_pg_close(db);
}

static inline long query_long_pg(const char *conninfo, const char *sql)
{
	char why[512];
	struct db_pg *db = db_pg_connect(conninfo, NULL, why, sizeof why);
	db_stmt *s = NULL;
	long v = -1;
	int rc;

	ck_assert_msg(db != NULL, "connect: %s", why);
	ck_assert_int_eq(db_pg_prepare(db, sql, &s), DB_OK);
	rc = db_step(s);
	ck_assert_msg(rc == DB_ROW || rc == DB_DONE, "%s: %s", sql, db_pg_errmsg(db));
	if (rc == DB_ROW)
		v = (long)db_col_int64(s, 0);
	db_finalize(s);
	db_pg_close(db);
	return v;
}

/* Tests look at and arrange the database beside the store: the file with
 * plain SQLite, a server's database through its own connection (the SQL
 * through the dialect, as the store's). */
static inline void exec(const char *path, const char *sql)
{
	sqlite3 *db;

	if (testdb_on_pg()) {
		exec_pg(path, sql);
		return;
	}

	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_msg(sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK, "%s", sqlite3_errmsg(db));
	sqlite3_close(db);
}

static inline long query_long(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	long v = -1;

	if (testdb_on_pg())
		return query_long_pg(path, sql);

	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK, "%s", sqlite3_errmsg(db));
	if (sqlite3_step(s) == SQLITE_ROW)
		v = (long)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

/* The first column of sql's first row as text into out ("" when none or
 * NULL), on either backend. */
static inline const char *query_text(const char *path, const char *sql, char *out, size_t n)
{
	out[0] = '\0';
	if (testdb_on_pg()) {
		char why[512];
		struct db_pg *db = db_pg_connect(path, NULL, why, sizeof why);
		db_stmt *s = NULL;

		ck_assert_msg(db != NULL, "connect: %s", why);
		int rc;

		ck_assert_int_eq(db_pg_prepare(db, sql, &s), DB_OK);
		rc = db_step(s);
		ck_assert_msg(rc == DB_ROW || rc == DB_DONE, "%s: %s", sql, db_pg_errmsg(db));
		if (rc == DB_ROW && db_col_text(s, 0))
			snprintf(out, n, "%s", db_col_text(s, 0));
		db_finalize(s);
		db_pg_close(db);
	} else {
		sqlite3 *db;
		sqlite3_stmt *s;

		ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
		ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK, "%s", sqlite3_errmsg(db));
		if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
			snprintf(out, n, "%s", (const char *)sqlite3_column_text(s, 0));
		sqlite3_finalize(s);
		sqlite3_close(db);
	}
	return out;
}

/* A connection of the test's own to the database, beside the store's
 * (what the sqlite3 shell or psql would be): the sqlite3 library's on a
 * file, libpq's on a server; its statements through db.h's names, the
 * SQL through the dialect on a server as the store's. */
struct raw_db {
	sqlite3 *lite;
	struct db_pg *pg;
	char trigger[400];   /* the log's append-only trigger while dropped (SQLite) */
};

static inline struct raw_db raw_open(const char *path)
{
	struct raw_db d;
	char why[512];

	memset(&d, 0, sizeof d);
	if (testdb_on_pg()) {
		d.pg = db_pg_connect(path, NULL, why, sizeof why);
		ck_assert_msg(d.pg != NULL, "connect: %s", why);
	} else {
		ck_assert_int_eq(sqlite3_open(path, &d.lite), SQLITE_OK);
	}
	return d;
}

static inline db_stmt *raw_prepare(struct raw_db *d, const char *sql)
{
	db_stmt *s = NULL;

	if (d->pg)
		ck_assert_msg(db_pg_prepare(d->pg, sql, &s) == DB_OK, "%s: %s", sql, db_pg_errmsg(d->pg));
	else
		ck_assert_msg(db_lite_prepare(d->lite, sql, &s) == SQLITE_OK, "%s: %s", sql, sqlite3_errmsg(d->lite));
	return s;
}

/* sql run: DB_OK, or the error (a refusal the test expects) */
static inline int raw_exec(struct raw_db *d, const char *sql)
{
	char *words;
	int rc;

	if (!d->pg)
		return sqlite3_exec(d->lite, sql, NULL, NULL, NULL);
	words = dialect_sql(&dialect_postgresql, sql);
	ck_assert_ptr_nonnull(words);
	rc = db_pg_exec(d->pg, words);
	free(words);
	return rc;
}

static inline void raw_close(struct raw_db *d)
{
	if (d->pg)
		db_pg_close(d->pg);
	else
		sqlite3_close(d->lite);
	memset(d, 0, sizeof *d);
}

/* The writers' lock taken and held, as another station's save holds it
 * (ROLLBACK gives it back): the file's, or on a server the store's
 * advisory lock (STORE_WRITERS_KEY, src/store-server.c). */
static inline void raw_hold_writers_lock(struct raw_db *d)
{
	ck_assert_int_eq(raw_exec(d, d->pg ? "BEGIN; SELECT pg_advisory_xact_lock(8748352722035437159)"
					   : "BEGIN EXCLUSIVE"),
			 DB_OK);
}

/* The event log's append-only trigger off (open = 1) while the test edits
 * the log as someone with the database's rights can, and on again as it
 * was: dropped and made again word for word on a file, disabled and
 * enabled on a server. */
static inline void raw_log_open(struct raw_db *d, int open)
{
	if (d->pg) {
		ck_assert_int_eq(db_pg_exec(d->pg, open ? "ALTER TABLE events DISABLE TRIGGER events_no_update"
							: "ALTER TABLE events ENABLE TRIGGER events_no_update"),
				 DB_OK);
		return;
	}
	if (open) {
		db_stmt *s = raw_prepare(d, "SELECT sql FROM sqlite_master WHERE name = 'events_no_update'");

		ck_assert_int_eq(db_step(s), DB_ROW);
		snprintf(d->trigger, sizeof d->trigger, "%s", db_col_text(s, 0));
		db_finalize(s);
		ck_assert_int_eq(raw_exec(d, "DROP TRIGGER events_no_update"), DB_OK);
	} else {
		ck_assert_int_eq(raw_exec(d, d->trigger), DB_OK);
	}
}

/* sql run on the event log with its append-only trigger off. */
static inline void exec_on_log(const char *path, const char *sql)
{
	struct raw_db d = raw_open(path);

	raw_log_open(&d, 1);
	ck_assert_msg(raw_exec(&d, sql) == DB_OK, "%s", sql);
	raw_log_open(&d, 0);
	raw_close(&d);
}

/* SQL for the time expr moved by amount (an SQL number, negative back)
 * units ("minutes", "hours", "days"), as the store's text 'YYYY-MM-DD
 * HH:MM:SS' on either backend: SQLite's datetime(expr, 'N units'), a
 * server's timestamp plus an interval. Into out. */
static inline const char *sql_time_plus(const char *expr, const char *amount, const char *unit, char *out, size_t n)
{
	if (testdb_on_pg())
		ck_assert_int_lt(snprintf(out, n, "to_char(CAST(%s AS timestamp) + (%s) * interval '1 %s',"
					  " 'YYYY-MM-DD HH24:MI:SS')", expr, amount, unit), (int)n);
	else
		ck_assert_int_lt(snprintf(out, n, "datetime(%s, (%s) || ' %s')", expr, amount, unit), (int)n);
	return out;
}

/* A scratch file named after the database: beside the file on SQLite,
 * in the test's scratch folder on a server. */
static inline const char *file_beside_db(const char *path, const char *suffix, char *out, size_t n)
{
	if (testdb_on_pg())
		return scratch_path(out, n, suffix[0] == '.' ? suffix + 1 : suffix);
	snprintf(out, n, "%s%s", path, suffix);
	return out;
}

/* A copy of the database at path, made while nobody has it open; the
 * copy's path into out: the file copied on SQLite, on a server a new
 * database made from it as a template. */
static inline const char *copy_db(const char *path, char *out, size_t n)
{
	char dir[240], buf[65536];
	FILE *in, *to;
	size_t got;

	if (testdb_on_pg()) {
		/* the last dbname= of make_db's connection string */
		const char *name = strstr(path, " dbname=t");

		ck_assert_msg(name != NULL, "not a test database: %s", path);
		pg_new_database_from(testdb_cluster()->conninfo, name + 8, out, n);
		return out;
	}
	scratch_mkdtemp(dir, sizeof dir, "hall");
	ck_assert_int_lt(snprintf(out, n, "%s/hall.db", dir), (int)n);
	in = fopen(path, "rb");
	to = fopen(out, "wb");
	ck_assert_msg(in && to, "cannot copy %s to %s", path, out);
	while ((got = fread(buf, 1, sizeof buf, in)) > 0)
		ck_assert_msg(fwrite(buf, 1, got, to) == got, "cannot write %s", out);
	ck_assert_msg(!ferror(in) && fclose(to) == 0, "cannot copy %s to %s", path, out);
	fclose(in);
	return out;
}

/* The id of the catalogue's item of code (0 when none). */
static inline int64_t item_id_of(const char *path, const char *code)
{
	char sql[200];
	long id;

	snprintf(sql, sizeof sql, "SELECT id FROM service_items WHERE code = '%s'", code);
	id = query_long(path, sql);
	return id < 0 ? 0 : id;
}

/* A window clerk who may call tickets, added to a hall's database made
 * without the demo users; its id. */
static inline int64_t window_clerk(const char *path)
{
	exec(path, "INSERT OR IGNORE INTO users(login, full_name, role, password_hash)"
		   " VALUES ('w1', '窗口 一', 'intake', 'x')");
	return query_long(path, "SELECT id FROM users WHERE login = 'w1'");
}

/* The slip of case_id waiting in direction on 27 November 2026 (the day
 * the tests that hand slips over pin). */
static inline struct yc_slip_row waiting_slip(struct yc_store *st, const char *direction, int64_t case_id)
{
	struct yc_slip_row rows[50];
	struct yc_err err;
	int n, i;

	ck_assert_int_eq(store_slips_waiting_page(st, "", direction, 0, "2026-11-27", "", NULL, 1, rows, 50, &n, &err), 0);
	for (i = 0; i < n; i++)
		if (rows[i].case_id == case_id)
			return rows[i];
	ck_abort_msg("no waiting slip for case %lld", (long long)case_id);
	return rows[0];
}

/* A notice "rendered" as its number: for tests of the save, not the paper. */
static inline char *notice_number_only(void *ctx, const struct yc_notice_facts *f)
{
	(void)ctx;
	return strdup(f->notice_number);
}

/* A special window's request (store-special.h) accepted at the combined
 * intake as its clerk does (F6 there), every checkpoint conforming; a
 * builder's credit code, phone and legal representative are typed at the
 * window. The case's id. */
static inline int64_t accept_special(struct yc_store *st, const char *kind, int64_t id)
{
	struct yc_user u = user(st, "intake");
	struct yc_outcome_req req = { OUTCOME_ACCEPT, "WSQ", NULL, notice_number_only, NULL, 0 };
	struct yc_outcome_result r;
	struct intake in;
	struct yc_err err;

	ck_assert_msg(store_special_start(st, kind, id, "2026-11-27", &in, &err) == 0, "%s", err.msg);
	if (!in.a.id_number[0]) {
		strcpy(in.a.id_number, "91350100M000100Y43");
		strcpy(in.a.legal_rep, "高建军");
		strcpy(in.a.phone, "04778661234");
	}
	intake_all_conforming(&in, -1);
	ck_assert_msg(store_intake_commit(st, &u, &in, &req, &r, &err) == 0, "%s", err.msg);
	free(r.notice_text);
	return r.case_id;
}

#endif
