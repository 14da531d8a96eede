/* db.h on both backends: one scenario of statements run on an SQLite file
 * and on a throw-away PostgreSQL cluster (tests/pg-cluster.sh), which
 * must answer alike. The PostgreSQL half is skipped only when PostgreSQL
 * is not installed. */
#include "config.h"

#include <stdarg.h>

#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdint.h>

#include <sys/wait.h>

#include "db-pg.h"
#include "db.h"
#include "store-internal.h"
#include "testdb.h"
#include "unit.h"

/* The connection a scenario runs on: either backend. */
struct conn {
	sqlite3 *lite;
	struct db_pg *pg;
};

static const char *conninfo = "";   /* the cluster's; "" when PostgreSQL is not installed */

static int c_exec(struct conn *c, const char *sql)
{
	return c->pg ? db_pg_exec(c->pg, sql) : sqlite3_exec(c->lite, sql, NULL, NULL, NULL);
}

static db_stmt *c_prep(struct conn *c, const char *sql)
{
	db_stmt *s = NULL;
	int rc = c->pg ? db_pg_prepare(c->pg, sql, &s) : db_lite_prepare(c->lite, sql, &s);

	ck_assert_msg(rc == DB_OK, "prepare %s: %d %s", sql, rc, c->pg ? db_pg_errmsg(c->pg) : sqlite3_errmsg(c->lite));
	return s;
}

static int c_changes(struct conn *c)
{
	return c->pg ? db_pg_changes(c->pg) : sqlite3_changes(c->lite);
}

static int64_t c_last_id(struct conn *c)
{
	return c->pg ? db_pg_last_id(c->pg) : sqlite3_last_insert_rowid(c->lite);
}

static const char *c_errmsg(struct conn *c)
{
	return c->pg ? db_pg_errmsg(c->pg) : sqlite3_errmsg(c->lite);
}

static void c_open(struct conn *c, int pg)
{
	memset(c, 0, sizeof *c);
	if (pg) {
		char why[512];

		c->pg = db_pg_connect(conninfo, NULL, why, sizeof why);
		ck_assert_msg(c->pg != NULL, "connect: %s", why);
		ck_assert_int_eq(db_pg_exec(c->pg, "DROP TABLE IF EXISTS people;"
					   "CREATE TABLE people (id bigserial PRIMARY KEY, name text UNIQUE,"
					   " n bigint, x double precision, photo bytea)"),
				 DB_OK);
	} else {
		char path[PATH_MAX];

		ck_assert_int_eq(sqlite3_open(scratch_path(path, sizeof path, "db.sqlite"), &c->lite), SQLITE_OK);
		ck_assert_int_eq(c_exec(c, "CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT UNIQUE,"
					" n INTEGER, x REAL, photo BLOB)"),
				 DB_OK);
	}
}

static void c_close(struct conn *c)
{
	if (c->pg)
		db_pg_close(c->pg);
	else
		sqlite3_close(c->lite);
}

/* Each test runs on SQLite (_i = 0) and on PostgreSQL (_i = 1). */
static int backend_skipped(int i)
{
	return i == 1 && !*conninfo;
}

#define PEOPLE_INSERT "INSERT INTO people (name, n, x, photo) VALUES (?1, ?2, ?3, ?4)"

START_TEST(values_come_back_as_they_went_in)
{
	/* the names of Chinese citizens: Extension B (𠀀, four UTF-8 bytes)
	 * and the middle dot of a transliterated name */
	static const char *const names[] = { "𠀀𠀁明", "阿依古丽·买买提", "" };
	static const int64_t ns[] = { INT64_MAX, INT64_MIN, 0 };
	static const unsigned char photo[] = { 'a', 0, 0xff, 0, 'z' };
	struct conn c;
	db_stmt *s;
	int i;

	if (backend_skipped(_i))
		return;
	c_open(&c, _i);
	s = c_prep(&c, PEOPLE_INSERT);
	ck_assert_int_eq(db_bind_count(s), 4);
	for (i = 0; i < 3; i++) {
		char local[32];

		/* a text that changes after binding: the copy goes */
		snprintf(local, sizeof local, "%s", names[i]);
		ck_assert_int_eq(db_bind_text_copy(s, 1, local), DB_OK);
		memset(local, 'x', sizeof local - 1);
		ck_assert_int_eq(db_bind_int64(s, 2, ns[i]), DB_OK);
		ck_assert_int_eq(db_bind_double(s, 3, i == 0 ? 0.1 : -1e300), DB_OK);
		if (i == 2)
			ck_assert_int_eq(db_bind_null(s, 4), DB_OK);
		else
			ck_assert_int_eq(db_bind_blob(s, 4, photo, (int)sizeof photo), DB_OK);
		ck_assert_int_eq(db_step(s), DB_DONE);
		ck_assert_int_eq(c_changes(&c), 1);
		ck_assert_int_eq(c_last_id(&c), i + 1);
		ck_assert_int_eq(db_reset(s), DB_OK);
	}
	db_finalize(s);

	/* ?1 used twice, then a bare ? which is ?2 */
	s = c_prep(&c, "SELECT id, name, n, x, photo, id * ?1 FROM people WHERE id >= ?1 AND name <> ? ORDER BY id");
	ck_assert_int_eq(db_bind_count(s), 2);
	ck_assert_int_eq(db_bind_int(s, 1, 1), DB_OK);
	ck_assert_int_eq(db_bind_text(s, 2, "nobody"), DB_OK);
	ck_assert_int_eq(db_col_count(s), 6);
	ck_assert_str_eq(db_col_name(s, 1), "name");
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(db_step(s), DB_ROW);
		ck_assert_int_eq(db_col_int64(s, 0), i + 1);
		ck_assert_str_eq(db_col_text(s, 1), names[i]);
		ck_assert_int_eq(db_col_bytes(s, 1), (int)strlen(names[i]));
		ck_assert(db_col_int64(s, 2) == ns[i]);
		ck_assert(db_col_double(s, 3) == (i == 0 ? 0.1 : -1e300));
		if (i == 2) {
			ck_assert_int_eq(db_col_type(s, 4), DB_NULL);
			ck_assert_ptr_null(db_col_text(s, 4));
			ck_assert_int_eq(db_col_bytes(s, 4), 0);
		} else {
			ck_assert_int_ne(db_col_type(s, 4), DB_NULL);
			ck_assert_int_eq(db_col_bytes(s, 4), (int)sizeof photo);
			ck_assert_mem_eq(db_col_blob(s, 4), photo, sizeof photo);
		}
		ck_assert_int_eq(db_col_int64(s, 5), i + 1);   /* ?1 again */
	}
	ck_assert_int_eq(db_step(s), DB_DONE);
	db_finalize(s);
	c_close(&c);
}
END_TEST

START_TEST(a_duplicate_is_a_constraint_with_the_servers_words)
{
	struct conn c;
	db_stmt *s;

	if (backend_skipped(_i))
		return;
	c_open(&c, _i);
	s = c_prep(&c, "INSERT INTO people (name) VALUES (?)");
	ck_assert_int_eq(db_bind_text(s, 1, "王芳"), DB_OK);
	ck_assert_int_eq(db_step(s), DB_DONE);
	ck_assert_int_eq(db_reset(s), DB_OK);
	ck_assert_int_eq(db_step(s), DB_CONSTRAINT);
	/* SQLite: "UNIQUE constraint failed: people.name"; PostgreSQL:
	 * "duplicate key value violates unique constraint "people_name_key"" */
	ck_assert_msg(strstr(c_errmsg(&c), "unique") || strstr(c_errmsg(&c), "UNIQUE"), "%s", c_errmsg(&c));
	db_reset(s);
	db_finalize(s);
	/* an UPDATE that touches nothing changes nothing */
	ck_assert_int_eq(c_exec(&c, "UPDATE people SET n = 1 WHERE name = 'nobody'"), DB_OK);
	ck_assert_int_eq(c_changes(&c), 0);
	ck_assert_int_eq(c_exec(&c, "UPDATE people SET n = 1"), DB_OK);
	ck_assert_int_eq(c_changes(&c), 1);
	c_close(&c);
}
END_TEST

START_TEST(placeholders_inside_quotes_stay_text)
{
	int n;
	char *t = db_pg_placeholders("SELECT '?', \"a?\" , ?3, ? -- what?\n, ?, 'it''s ?'", &n);

	ck_assert_str_eq(t, "SELECT '?', \"a?\" , $3, $4 -- what?\n, $5, 'it''s ?'");
	ck_assert_int_eq(n, 5);
	free(t);
}
END_TEST

START_TEST(placeholders_inside_pg_strings_and_bodies_stay_text)
{
	int n;
	char *t = db_pg_placeholders("SELECT E'it\\'s ?', e'?', ?, $$ a ? $$, $f$ ? $$ ? $f$, /* ? */ ?2,"
				     " a.e'?' || ?", &n);

	/* E'...' has backslash escapes; $$ and $tag$ bodies and comments
	 * are text; $1 is a parameter, not a dollar quote */
	ck_assert_str_eq(t, "SELECT E'it\\'s ?', e'?', $1, $$ a ? $$, $f$ ? $$ ? $f$, /* ? */ $2,"
			    " a.e'?' || $3");
	ck_assert_int_eq(n, 3);
	free(t);
}
END_TEST

/* One row of one column of sql, as text (NULL as "(null)"), with its
 * parameters bound as the format says: i an int64, t a text, n NULL. */
static const char *one_value(struct conn *c, db_stmt *s, const char *fmt, ...)
{
	static char got[128];
	va_list ap;
	int i, rc;

	db_reset(s);
	va_start(ap, fmt);
	for (i = 0; fmt[i]; i++) {
		if (fmt[i] == 'i')
			db_bind_int64(s, i + 1, va_arg(ap, int64_t));
		else if (fmt[i] == 't')
			db_bind_text(s, i + 1, va_arg(ap, const char *));
		else
			db_bind_null(s, i + 1);
	}
	va_end(ap);
	rc = db_step(s);
	ck_assert_msg(rc == DB_ROW, "step: %d %s", rc, c_errmsg(c));
	snprintf(got, sizeof got, "%s", db_col_text(s, 0) ? db_col_text(s, 0) : "(null)");
	ck_assert_int_eq(db_step(s), DB_DONE);
	db_reset(s);
	return got;
}

START_TEST(parameters_take_the_types_bound)
{
	struct conn c;
	db_stmt *s;

	if (backend_skipped(_i))
		return;
	c_open(&c, _i);
	/* in a transaction: a try that fails on the server leaves it usable */
	ck_assert_int_eq(c_exec(&c, "BEGIN"), DB_OK);
	/* a parameter in the select list: its type is the value's */
	s = c_prep(&c, "SELECT ?1");
	ck_assert_str_eq(one_value(&c, s, "t", "王芳"), "王芳");
	ck_assert_str_eq(one_value(&c, s, "i", (int64_t)42), "42");
	ck_assert_str_eq(one_value(&c, s, "n"), "(null)");
	db_finalize(s);
	s = c_prep(&c, "SELECT ?1 || ?2");
	ck_assert_str_eq(one_value(&c, s, "it", (int64_t)7, "号"), "7号");
	ck_assert_str_eq(one_value(&c, s, "tt", "一", "窗"), "一窗");
	db_finalize(s);
	/* a bound 0/1 as a truth; an unused ?2 */
	s = c_prep(&c, "SELECT CASE WHEN ?1 THEN 'yes' ELSE 'no' END");
	ck_assert_str_eq(one_value(&c, s, "i", (int64_t)1), "yes");
	ck_assert_str_eq(one_value(&c, s, "i", (int64_t)0), "no");
	db_finalize(s);
	s = c_prep(&c, "SELECT count(*) FROM people WHERE ?1 IS NULL OR name = ?1 OR ?3 = 1");
	ck_assert_str_eq(one_value(&c, s, "nni", (int64_t)0), "0");
	db_finalize(s);
	/* truths read as SQLite's numbers */
	s = c_prep(&c, "SELECT count(*) = 0, count(*) > 0 FROM people");
	ck_assert_int_eq(db_step(s), DB_ROW);
	ck_assert_int_eq(db_col_int64(s, 0), 1);
	ck_assert_str_eq(db_col_text(s, 0), "1");
	ck_assert_str_eq(db_col_text(s, 1), "0");
	ck_assert_int_eq(db_col_type(s, 1), DB_INTEGER);
	db_finalize(s);
	ck_assert_int_eq(c_exec(&c, "COMMIT"), DB_OK);
	/* a statement that is wrong whatever the types says so at its step */
	/* (SQLite says so at its prepare) */
	if (c.pg) {
		s = c_prep(&c, "SELECT nosuchcolumn FROM people WHERE id = ?1");
		db_bind_int64(s, 1, 1);
		ck_assert_int_eq(db_step(s), DB_ERROR);
		ck_assert_msg(strstr(c_errmsg(&c), "nosuchcolumn"), "%s", c_errmsg(&c));
		db_finalize(s);
	}
	c_close(&c);
}
END_TEST

START_TEST(sqlite_words_and_returning_run_on_both)
{
	struct conn c;
	db_stmt *s;

	if (backend_skipped(_i))
		return;
	c_open(&c, _i);
	/* a row given back, then done, as SQLite's */
	s = c_prep(&c, "INSERT INTO people (name) VALUES (?1) RETURNING id");
	db_bind_text(s, 1, "王芳");
	ck_assert_int_eq(db_step(s), DB_ROW);
	ck_assert_int_eq(db_col_int64(s, 0), 1);
	ck_assert_int_eq(db_step(s), DB_DONE);
	ck_assert_int_eq(c_changes(&c), 1);
	db_finalize(s);
	/* the dialect at prepare: SQLite's words run on PostgreSQL */
	s = c_prep(&c, "INSERT OR IGNORE INTO people (name) VALUES (?1)");
	db_bind_text(s, 1, "王芳");
	ck_assert_int_eq(db_step(s), DB_DONE);
	db_reset(s);
	db_bind_text(s, 1, "李娜");
	ck_assert_int_eq(db_step(s), DB_DONE);
	db_finalize(s);
	s = c_prep(&c, "SELECT group_concat(name, '、'), instr('一窗受理', '受') FROM (SELECT name FROM people ORDER BY id) AS p");
	ck_assert_int_eq(db_step(s), DB_ROW);
	ck_assert_str_eq(db_col_text(s, 0), "王芳、李娜");
	ck_assert_int_eq(db_col_int64(s, 1), 3);
	db_finalize(s);
	c_close(&c);
}
END_TEST

START_TEST(sqlstates_map_to_the_stores_codes)
{
	ck_assert_int_eq(db_pg_code_of_state("23505"), DB_CONSTRAINT);
	ck_assert_int_eq(db_pg_code_of_state("23503"), DB_CONSTRAINT);
	ck_assert_int_eq(db_pg_code_of_state("40001"), DB_BUSY);
	ck_assert_int_eq(db_pg_code_of_state("40P01"), DB_BUSY);
	ck_assert_int_eq(db_pg_code_of_state("55P03"), DB_BUSY);
	ck_assert_int_eq(db_pg_code_of_state("08006"), DB_IOERR);
	ck_assert_int_eq(db_pg_code_of_state("42601"), DB_ERROR);
	ck_assert_int_eq(db_pg_code_of_state(NULL), DB_ERROR);
}
END_TEST


/* The store ------------------------------------------------------------------
 * The same through the store: store_run's transactions, store_prep's
 * statements, the connection's calls. */

static char store_file[256];   /* the SQLite half's database */

static struct yc_store *store_on(int pg, int new_db)
{
	struct store_opts o = { "unix", 5000, 60, "test", 1 };
	struct yc_store *st = NULL;
	struct yc_err err;

	yc_err_clear(&err);
	if (pg) {
		char sql[200];

		/* only schema_meta of a hall's schema: these tests make their own tables */
		ck_assert_msg(store_server_connect(&st, conninfo, NULL, &o, &err) == 0, "%s", err.msg);
		snprintf(sql, sizeof sql, "CREATE TABLE IF NOT EXISTS schema_meta (user_version integer, application_id integer,"
			 " changes bigint NOT NULL DEFAULT 0); DELETE FROM schema_meta;"
			 " INSERT INTO schema_meta VALUES (%d, 1497581617, 0)", store_schema_version());
		ck_assert_msg(store_exec(st, sql) == DB_OK, "%s", store_errmsg(st));
		store_close(st);
		ck_assert_msg(store_open_server(&st, conninfo, NULL, &o, &err) == 0, "%s", err.msg);
		return st;
	}
	if (new_db)
		snprintf(store_file, sizeof store_file, "%s", make_db(0));
	ck_assert_msg(store_open(&st, store_file, &o, &err) == 0, "%s", err.msg);
	return st;
}

static struct yc_store *store_with_tables(int pg)
{
	struct yc_store *st = store_on(pg, 1);

	ck_assert_int_eq(store_exec(st, "DROP TABLE IF EXISTS people; DROP TABLE IF EXISTS counter;"
				    " DROP TABLE IF EXISTS numbers"), DB_OK);
	ck_assert_msg(store_exec(st, pg ? "CREATE TABLE people (id bigserial PRIMARY KEY, name text UNIQUE)"
				      : "CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT UNIQUE)") == DB_OK,
		      "%s", store_errmsg(st));
	ck_assert_int_eq(store_exec(st, "CREATE TABLE counter (n integer NOT NULL);"
				    " INSERT INTO counter VALUES (0);"
				    " CREATE TABLE numbers (n integer PRIMARY KEY, station integer)"), DB_OK);
	return st;
}

struct add_person {
	const char *name;
	int fail_after;      /* the body's own error once the row is in */
	int64_t id;
	int changes;
};

static int add_person(struct yc_store *st, void *ctx, struct yc_err *err)
{
	static const char sql[] = "INSERT INTO people (name) VALUES (?)";
	struct add_person *a = ctx;
	db_stmt *s = store_prep(st, sql);
	int rc;

	if (!s)
		return st->rc;
	db_bind_text(s, 1, a->name);
	if ((rc = db_step(s)) != DB_DONE)
		return rc;
	a->changes = store_changes(st);
	a->id = store_last_id(st);
	if (a->fail_after) {
		yc_err_set(err, YC_EINVAL, "refused after the insert");
		return -1;
	}
	return DB_OK;
}

struct count {
	const char *sql;
	int64_t n;
};

static int count_rows(struct yc_store *st, void *ctx, struct yc_err *err)
{
	struct count *c = ctx;
	db_stmt *s = store_prep(st, c->sql);
	int rc;

	if (!s)
		return st->rc;
	if ((rc = db_step(s)) != DB_ROW)
		return rc;
	c->n = db_col_int64(s, 0);
	return DB_OK;
}

static int64_t count_of(struct yc_store *st, const char *sql)
{
	struct count c = { sql, -1 };
	struct yc_err err;

	yc_err_clear(&err);
	ck_assert_msg(store_run(st, 0, count_rows, &c, &err) == 0, "%s", err.msg);
	return c.n;
}

static const char people_count[] = "SELECT count(*) FROM people";

START_TEST(a_write_commits_or_rolls_back_whole)
{
	struct add_person a = { "巴特尔·乌力吉", 0, 0, 0 }, b = { "𠀀", 1, 0, 0 }, dup = { "巴特尔·乌力吉", 0, 0, 0 };
	struct yc_store *st;
	struct yc_err err;

	if (backend_skipped(_i))
		return;
	st = store_with_tables(_i);
	yc_err_clear(&err);
	ck_assert_msg(store_run(st, 1, add_person, &a, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(a.changes, 1);
	ck_assert_int_eq(a.id, 1);
	ck_assert_int_eq(count_of(st, people_count), 1);
	/* the body's own error: its insert goes with it */
	ck_assert_int_eq(store_run(st, 1, add_person, &b, &err), -1);
	ck_assert_str_eq(err.msg, "refused after the insert");
	ck_assert_int_eq(b.changes, 1);
	ck_assert_int_eq(count_of(st, people_count), 1);
	/* a duplicate: the store's words for a conflict, the server's kept */
	yc_err_clear(&err);
	ck_assert_int_eq(store_run(st, 1, add_person, &dup, &err), -1);
	ck_assert_int_eq(err.code, YC_ECONFLICT);
	/* (SQLite's own message is gone with the ROLLBACK before it is read) */
	if (_i == 1)
		ck_assert_msg(strstr(err.detail, "duplicate key value violates unique constraint"), "%s", err.detail);
	ck_assert_int_eq(count_of(st, people_count), 1);
	store_close(st);
}
END_TEST

/* One station's turn: read the counter, take a while, write it back one
 * more and record the number it gave. */
static int next_number(struct yc_store *st, void *ctx, struct yc_err *err)
{
	static const char get[] = "SELECT n FROM counter", set[] = "UPDATE counter SET n = ?1",
			  note[] = "INSERT INTO numbers (n, station) VALUES (?1, ?2)";
	db_stmt *s = store_prep(st, get);
	int64_t n;
	int rc;

	if (!s)
		return st->rc;
	if ((rc = db_step(s)) != DB_ROW)
		return rc;
	n = db_col_int64(s, 0) + 1;
	db_reset(s);
	usleep(3000);   /* another station, if it were let in, would read the same n */
	if (!(s = store_prep(st, set)))
		return st->rc;
	db_bind_int64(s, 1, n);
	if ((rc = db_step(s)) != DB_DONE)
		return rc;
	if (!(s = store_prep(st, note)))
		return st->rc;
	db_bind_int64(s, 1, n);
	db_bind_int(s, 2, *(int *)ctx);
	return (rc = db_step(s)) == DB_DONE ? DB_OK : rc;
}

START_TEST(writers_take_turns)
{
	enum { STATIONS = 3, EACH = 10 };
	struct yc_store *st;
	int i, status;

	if (backend_skipped(_i))
		return;
	st = store_with_tables(_i);
	for (i = 0; i < STATIONS; i++) {
		pid_t pid = fork();

		ck_assert_int_ge(pid, 0);
		if (pid == 0) {
			struct yc_store *mine = store_on(_i, 0);
			struct yc_err err;
			int k, station = i;

			for (k = 0; k < EACH; k++)
				if (store_run(mine, 1, next_number, &station, &err) < 0) {
					fprintf(stderr, "station %d: %s (%s)\n", i, err.msg, err.detail);
					_exit(1);
				}
			store_close(mine);
			_exit(0);
		}
	}
	for (i = 0; i < STATIONS; i++) {
		ck_assert_int_gt(wait(&status), 0);
		ck_assert_int_eq(status, 0);
	}
	/* every number given once, none skipped */
	ck_assert_int_eq(count_of(st, "SELECT n FROM counter"), STATIONS * EACH);
	ck_assert_int_eq(count_of(st, "SELECT count(DISTINCT n) FROM numbers"), STATIONS * EACH);
	ck_assert_int_eq(count_of(st, "SELECT max(n) FROM numbers"), STATIONS * EACH);
	store_close(st);
}
END_TEST

START_TEST(a_lost_connection_is_said_and_made_again)
{
	struct count pid = { "SELECT pg_backend_pid()", 0 };
	struct add_person a = { "王芳", 0, 0, 0 };
	struct yc_store *st, *admin;
	struct yc_err err;
	char kill[80];

	if (!*conninfo)
		return;
	st = store_with_tables(1);
	admin = store_on(1, 0);
	yc_err_clear(&err);
	ck_assert_int_eq(store_run(st, 0, count_rows, &pid, &err), 0);
	snprintf(kill, sizeof kill, "SELECT pg_terminate_backend(%lld)", (long long)pid.n);
	ck_assert_int_eq(store_exec(admin, kill), DB_OK);
	usleep(100000);
	ck_assert_int_eq(store_run(st, 1, add_person, &a, &err), -1);
	ck_assert_int_eq(err.code, YC_EIO);
	ck_assert_msg(strstr(err.msg, "cannot be reached"), "%s", err.msg);
	ck_assert_int_eq(st->broken, 1);
	/* the next use connects again, and the save goes through */
	yc_err_clear(&err);
	ck_assert_msg(store_run(st, 1, add_person, &a, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(st->broken, 0);
	ck_assert_int_eq(count_of(admin, people_count), 1);
	store_close(admin);
	store_close(st);
}
END_TEST

/* The value of a connection parameter in use. */
static void setting_is(PGconn *c, const char *key, const char *want)
{
	PQconninfoOption *o = PQconninfo(c), *i;
	const char *got = NULL;

	ck_assert_ptr_nonnull(o);
	for (i = o; i->keyword; i++)
		if (strcmp(i->keyword, key) == 0)
			got = i->val;
	ck_assert_msg(got && strcmp(got, want) == 0, "%s = %s, not %s", key, got ? got : "(unset)", want);
	PQconninfoFree(o);
}

/* A server that goes away without a word is given up in seconds (the
 * program's defaults), and database.conninfo's own values win. */
START_TEST(a_silent_server_is_given_up_in_seconds)
{
	struct db_pg *db;
	char why[256], ci[700];

	if (!*conninfo)
		return;
	ck_assert_ptr_nonnull(db = db_pg_connect(conninfo, NULL, why, sizeof why));
	setting_is(db_pg_conn(db), "connect_timeout", "10");
	setting_is(db_pg_conn(db), "keepalives_idle", "30");
	setting_is(db_pg_conn(db), "tcp_user_timeout", "30000");
	db_pg_close(db);
	snprintf(ci, sizeof ci, "%s connect_timeout=3", conninfo);
	ck_assert_ptr_nonnull(db = db_pg_connect(ci, NULL, why, sizeof why));
	setting_is(db_pg_conn(db), "connect_timeout", "3");
	db_pg_close(db);
}
END_TEST

/* Each statement is planned for the values bound, not the generic plan
 * the server settles on after five runs (a catalogue search's generic
 * plan read every item: bench/README). */
START_TEST(each_statement_is_planned_for_its_values)
{
	struct db_pg *db;
	char why[256];
	int64_t custom = -1;

	if (!*conninfo)
		return;
	ck_assert_ptr_nonnull(db = db_pg_connect(conninfo, NULL, why, sizeof why));
	ck_assert_int_eq(db_pg_exec_int(db, "SELECT CAST(current_setting('plan_cache_mode') = 'force_custom_plan' AS integer)",
					&custom), DB_OK);
	ck_assert_int_eq(custom, 1);
	db_pg_close(db);
}
END_TEST

START_TEST(the_password_comes_from_its_file_only)
{
	struct store_opts o = { "unix", 5000, 60, "test", 1 };
	struct yc_store *st = NULL;
	struct yc_err err;
	char pw[PATH_MAX];
	FILE *f;

	if (!*conninfo)
		return;
	scratch_path(pw, sizeof pw, "pgpassword");
	f = fopen(pw, "w");
	ck_assert_ptr_nonnull(f);
	fputs("not-needed-by-a-trust-cluster\n", f);
	fclose(f);
	ck_assert_int_eq(chmod(pw, 0644), 0);
	yc_err_clear(&err);
	ck_assert_int_eq(store_open_server(&st, conninfo, pw, &o, &err), -1);
	ck_assert_msg(strstr(err.msg, "Other users can read the password file"), "%s", err.msg);
	ck_assert_int_eq(chmod(pw, 0600), 0);
	ck_assert_msg(store_open_server(&st, conninfo, pw, &o, &err) == 0, "%s", err.msg);
	store_close(st);
}
END_TEST

/* The hall on the server ----------------------------------------------------- */

static int64_t pg_count(struct yc_store *st, const char *sql)
{
	int64_t n = -1;
	db_stmt *s = store_prep(st, sql);

	ck_assert_msg(s != NULL, "%s: %s", sql, store_errmsg(st));
	if (db_step(s) == DB_ROW)
		n = db_col_int64(s, 0);
	db_reset(s);
	return n;
}

static void make_hall_on_server(char *ci, size_t n)
{
	struct store_site site = { "WSQ", "乌审旗政务服务中心", "banner" };
	struct yc_err err;

	pg_new_database(conninfo, ci, n);
	yc_err_clear(&err);
	ck_assert_int_eq(auth_init(), 0);
	ck_assert_msg(store_create_server(ci, NULL, &site, 1, "first-pass", yc_data_holidays_cn_txt, &err) == 0,
		      "%s", err.msg);
}

static struct yc_store *open_hall(const char *ci)
{
	struct store_opts o = { "unix", 5000, 60, "test", 1 };
	struct yc_store *st = NULL;
	struct yc_err err;

	yc_err_clear(&err);
	ck_assert_msg(store_open_server(&st, ci, NULL, &o, &err) == 0, "%s", err.msg);
	return st;
}

START_TEST(init_makes_the_hall_on_the_server)
{
	struct store_site site = { "WSQ", "乌审旗政务服务中心", "banner" };
	char ci[PATH_MAX + 128];
	struct yc_store *st;
	struct yc_err err;

	if (!*conninfo)
		return;
	pin_clock("2026-03-10 09:00");
	make_hall_on_server(ci, sizeof ci);
	st = open_hall(ci);
	/* the shipped data and the demo's cases, as on SQLite */
	ck_assert_int_eq(pg_count(st, "SELECT count(*) FROM cases"), 8);
	ck_assert_int_eq(pg_count(st, "SELECT count(*) FROM queue_tickets WHERE day = '2026-03-10'"), 7);
	ck_assert_int_eq(pg_count(st, "SELECT count(*) FROM users"), 7);
	ck_assert_int_eq(pg_count(st, "SELECT count(*) FROM service_items WHERE pinyin_name <> ''"),
			 pg_count(st, "SELECT count(*) FROM service_items"));
	ck_assert_int_gt(pg_count(st, "SELECT count(*) FROM item_names"), 0);
	ck_assert_int_eq(pg_count(st, "SELECT count(*) FROM calendar_days WHERE day = '2026-01-01' AND kind = 'off'"), 1);
	ck_assert_int_eq(pg_count(st, "SELECT user_version FROM schema_meta"), store_schema_version());
	/* the demo's cases are dated from today, promises on working days */
	ck_assert_int_eq(pg_count(st, "SELECT count(*) FROM cases WHERE case_number = 'WSQ202603080001'"), 1);
	ck_assert_int_eq(pg_count(st, "SELECT count(*) FROM cases WHERE CAST(extract(dow FROM CAST(promised_date AS date)) AS integer) IN (0, 6)"), 0);
	/* each identity past the ids the data gave: a new row takes the next */
	ck_assert_int_eq(pg_count(st, "INSERT INTO applicants(kind, name, id_number) VALUES ('person', '新人', '') RETURNING id"), 7);
	ck_assert_int_eq(pg_count(st, "SELECT nextval(pg_get_serial_sequence('cases', 'id'))"), 9);
	store_close(st);
	/* a database with tables is never filled again */
	yc_err_clear(&err);
	ck_assert_int_eq(store_create_server(ci, NULL, &site, 0, "first-pass", yc_data_holidays_cn_txt, &err), -1);
	ck_assert_int_eq(err.code, YC_EEXISTS);
	ck_assert_msg(strstr(err.msg, "already has tables"), "%s", err.msg);
}
END_TEST

START_TEST(opening_checks_the_schemas_version)
{
	struct store_opts o = { "unix", 5000, 60, "test", 1 };
	char ci[PATH_MAX + 128];
	struct yc_store *st = NULL;
	struct yc_err err;

	if (!*conninfo)
		return;
	/* an empty database: init first */
	pg_new_database(conninfo, ci, sizeof ci);
	yc_err_clear(&err);
	ck_assert_int_eq(store_open_server(&st, ci, NULL, &o, &err), -1);
	ck_assert_msg(strstr(err.msg, "yichuang init"), "%s", err.msg);
	/* a newer program's: the same words as for a newer SQLite file */
	make_hall_on_server(ci, sizeof ci);
	st = open_hall(ci);
	ck_assert_int_eq(store_exec(st, "UPDATE schema_meta SET user_version = user_version + 1"), DB_OK);
	store_close(st);
	yc_err_clear(&err);
	ck_assert_int_eq(store_open_server(&st, ci, NULL, &o, &err), -1);
	ck_assert_int_eq(err.code, YC_ETOONEW);
	ck_assert_msg(strstr(err.msg, "made by a newer yichuang"), "%s", err.msg);
	/* an older one with no twin to bring it up: said, not half done */
	st = NULL;
	{
		struct db_pg *db;
		char why[256];

		ck_assert_ptr_nonnull(db = db_pg_connect(ci, NULL, why, sizeof why));
		ck_assert_int_eq(db_pg_exec(db, "UPDATE schema_meta SET user_version = 20"), DB_OK);
		db_pg_close(db);
	}
	yc_err_clear(&err);
	ck_assert_int_eq(store_open_server(&st, ci, NULL, &o, &err), -1);
	ck_assert_msg(strstr(err.msg, "schema 20"), "%s", err.msg);
}
END_TEST

static int read_count(struct yc_store *st, void *ctx, struct yc_err *err)
{
	db_stmt *s = store_prep(st, "SELECT count(*) FROM applicants");

	(void)err;
	if (!s)
		return st->rc;
	ck_assert_int_eq(db_step(s), DB_ROW);
	*(int64_t *)ctx = db_col_int64(s, 0);
	db_reset(s);
	return DB_OK;
}

static int add_applicant(struct yc_store *st, void *ctx, struct yc_err *err)
{
	db_stmt *s = store_prep(st, "INSERT INTO applicants(kind, name, id_number) VALUES ('person', ?1, '')");
	int rc;

	(void)err;
	if (!s)
		return st->rc;
	db_bind_text(s, 1, ctx);
	rc = db_step(s);
	db_reset(s);
	return rc == DB_DONE ? DB_OK : rc;
}

START_TEST(polls_see_the_others_writes_only)
{
	char ci[PATH_MAX + 128];
	struct yc_store *a, *b;
	struct yc_err err;

	if (!*conninfo)
		return;
	make_hall_on_server(ci, sizeof ci);
	a = open_hall(ci);
	b = open_hall(ci);
	ck_assert_int_eq(store_poll_changes(a), 0);   /* the first look only learns */
	ck_assert_int_eq(store_poll_changes(b), 0);
	ck_assert_int_eq(store_poll_changes(b), 0);
	ck_assert_int_eq(store_run(a, 1, add_applicant, "甲", &err), 0);
	ck_assert_int_eq(store_poll_changes(a), 0);   /* its own save is no news */
	ck_assert_int_eq(store_poll_changes(b), 1);
	ck_assert_int_eq(store_poll_changes(b), 0);
	ck_assert_int_eq(store_run(b, 1, add_applicant, "乙", &err), 0);
	ck_assert_int_eq(store_run(b, 1, add_applicant, "丙", &err), 0);
	ck_assert_int_eq(store_poll_changes(b), 0);
	ck_assert_int_eq(store_poll_changes(a), 1);
	/* a write that finds the others wrote meanwhile tells it at the next look */
	ck_assert_int_eq(store_run(b, 1, add_applicant, "丁", &err), 0);
	ck_assert_int_eq(store_run(a, 1, add_applicant, "戊", &err), 0);
	ck_assert_int_eq(store_poll_changes(a), 1);
	store_close(a);
	store_close(b);
}
END_TEST

START_TEST(reads_together_share_one_snapshot)
{
	char ci[PATH_MAX + 128];
	struct yc_store *a, *b;
	struct yc_err err;
	int64_t first = 0, second = 0, after = 0;

	if (!*conninfo)
		return;
	make_hall_on_server(ci, sizeof ci);
	a = open_hall(ci);
	b = open_hall(ci);
	store_reads_together(a, 1);
	ck_assert_int_eq(store_run(a, 0, read_count, &first, &err), 0);
	ck_assert_int_eq(store_run(b, 1, add_applicant, "甲", &err), 0);   /* never waits for a's reads */
	ck_assert_int_eq(store_run(a, 0, read_count, &second, &err), 0);
	ck_assert_int_eq(second, first);   /* one transaction: the same snapshot */
	store_reads_together(a, 0);
	ck_assert_int_eq(store_run(a, 0, read_count, &after, &err), 0);
	ck_assert_int_eq(after, first + 1);
	/* a write ends the reads' transaction first */
	store_reads_together(a, 1);
	ck_assert_int_eq(store_run(a, 0, read_count, &first, &err), 0);
	ck_assert_int_eq(store_run(a, 1, add_applicant, "乙", &err), 0);
	ck_assert_int_eq(store_run(a, 0, read_count, &second, &err), 0);
	ck_assert_int_eq(second, first + 1);
	store_reads_together(a, 0);
	store_close(a);
	store_close(b);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("db");
	TCase *tc = tcase_create("both backends");
	int failed;

	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, values_come_back_as_they_went_in, 0, 2);
	tcase_add_loop_test(tc, a_duplicate_is_a_constraint_with_the_servers_words, 0, 2);
	tcase_add_test(tc, placeholders_inside_quotes_stay_text);
	tcase_add_test(tc, sqlstates_map_to_the_stores_codes);
	tcase_add_test(tc, placeholders_inside_pg_strings_and_bodies_stay_text);
	tcase_add_loop_test(tc, parameters_take_the_types_bound, 0, 2);
	tcase_add_loop_test(tc, sqlite_words_and_returning_run_on_both, 0, 2);
	tcase_add_loop_test(tc, a_write_commits_or_rolls_back_whole, 0, 2);
	tcase_add_loop_test(tc, writers_take_turns, 0, 2);
	tcase_add_test(tc, a_lost_connection_is_said_and_made_again);
	tcase_add_test(tc, a_silent_server_is_given_up_in_seconds);
	tcase_add_test(tc, each_statement_is_planned_for_its_values);
	tcase_add_test(tc, the_password_comes_from_its_file_only);
	tcase_add_test(tc, init_makes_the_hall_on_the_server);
	tcase_add_test(tc, opening_checks_the_schemas_version);
	tcase_add_test(tc, polls_see_the_others_writes_only);
	tcase_add_test(tc, reads_together_share_one_snapshot);
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
