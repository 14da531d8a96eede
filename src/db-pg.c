/* db-pg.c - db.h's statements on PostgreSQL (issue #24).
 *
 * A statement is prepared once on the server (PQprepare, named yc1, yc2
 * ... per connection): store_prep's cache keeps it, as it keeps SQLite's,
 * so that a save sends only its parameters. Parameters go as text, blobs
 * as binary bytea; results come as text and are converted on reading.
 * The first db_step runs the statement and holds its whole result; the
 * later steps walk its rows. */
#include <config.h>

#include "db-pg.h"

#include <errno.h>
#include <inttypes.h>
#include <libpq-fe.h>
#include <poll.h>

#include "dialect.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* type OIDs of pg_type.h (a server header, not libpq's) */
#define OID_BOOL 16
#define OID_BYTEA 17
#define OID_INT8 20
#define OID_TEXT 25
#define OID_INT2 21
#define OID_INT4 23
#define OID_OID 26
#define OID_FLOAT4 700
#define OID_FLOAT8 701
#define OID_NUMERIC 1700

struct db_pg {
	PGconn *conn;
	unsigned next_name;          /* of the server-side statements */
	int changes;
	char errmsg[512];
};

/* What each parameter is bound to: the types it is prepared with. */
#define KIND_NULL 'n'
#define KIND_INT 'i'
#define KIND_FLOAT 'f'
#define KIND_TEXT 't'
#define KIND_BLOB 'b'

/* The statement prepared on the server for one list of bound kinds. */
struct pg_plan {
	char name[16];
	char *kinds;
	struct pg_plan *next;
};

struct db_pg_stmt {
	struct db_pg *db;
	char *text;                  /* PostgreSQL's words, $N */
	struct pg_plan *plans;       /* prepared so far, at first steps */
	struct pg_plan *plan;        /* the last one run */
	int prep_rc;                 /* the last failed prepare's code */
	int nparams;
	char *kinds;                 /* KIND_* per parameter, as bound */
	const char **values;         /* as sent: NULL is NULL */
	char **owned;                /* the copies values point to, if any */
	int *lengths, *formats;
	PGresult *res;               /* the result of the first step */
	PGresult *desc;              /* PQdescribePrepared, for columns before a step */
	int row;                     /* the row the last step gave */
	int done;                    /* stepped to its end */
	/* bytea columns of the current row, decoded */
	unsigned char **blob;
	size_t *blob_len;
	int blob_row;
};

static int fail(struct db_pg *db, int code, const char *msg)
{
	size_t n;

	snprintf(db->errmsg, sizeof db->errmsg, "%s", msg ? msg : "");
	n = strlen(db->errmsg);
	while (n > 0 && (db->errmsg[n - 1] == '\n' || db->errmsg[n - 1] == ' '))
		db->errmsg[--n] = '\0';
	return code;
}

int db_pg_code_of_state(const char *st)
{
	if (!st || strlen(st) != 5)
		return DB_ERROR;
	if (!strncmp(st, "23", 2))
		return DB_CONSTRAINT;
	if (!strcmp(st, "40001") || !strcmp(st, "40P01") || !strcmp(st, "55P03"))
		return DB_BUSY;
	if (!strncmp(st, "08", 2) || !strncmp(st, "57P0", 4))
		return DB_IOERR;
	return DB_ERROR;
}

/* A result that is not a success: its code, its message kept. */
static int result_error(struct db_pg *db, PGresult *res)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	int code = db_pg_code_of_state(state);

	if (!msg || !*msg)
		msg = PQerrorMessage(db->conn);
	if (PQstatus(db->conn) == CONNECTION_BAD)
		code = DB_IOERR;
	return fail(db, code, msg);
}

static int result_ok(PGresult *res)
{
	ExecStatusType t = PQresultStatus(res);

	return t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK || t == PGRES_EMPTY_QUERY;
}

static void note_changes(struct db_pg *db, PGresult *res)
{
	const char *n = PQcmdTuples(res);

	db->changes = n && *n ? atoi(n) : 0;
}

/* Connection ----------------------------------------------------------------- */

/* the server's notices (a DROP ... IF EXISTS of nothing) are no one's
 * business on a clerk's screen */
static void no_notice(void *arg, const char *message)
{
}

struct db_pg *db_pg_connect(const char *conninfo, const char *password, char *why, size_t whysz)
{
	/* conninfo as "dbname" with expand_dbname: its words (or URI) are
	 * read whole, and the password added beside them, never written in */
	/* named "yichuang" in pg_stat_activity unless conninfo names it:
	 * how seal tells that stations are connected */
	/* a server whose machine or network goes away without a word (no
	 * refusal) is given up in seconds, not after TCP's minutes, so the
	 * clerk is told and the station connects again on the next save:
	 * these come before "dbname", so that conninfo's own win */
	const char *keys[] = { "connect_timeout", "keepalives", "keepalives_idle", "keepalives_interval",
			       "keepalives_count", "tcp_user_timeout", "dbname", "fallback_application_name",
			       password ? "password" : NULL, NULL };
	const char *values[] = { "10", "1", "30", "10", "3", "30000", conninfo, "yichuang", password, NULL };
	struct db_pg *db = calloc(1, sizeof *db);
	PGresult *res;

	if (!db) {
		snprintf(why, whysz, "%s", strerror(ENOMEM));
		return NULL;
	}
	db->conn = PQconnectdbParams(keys, values, 1);
	if (!db->conn || PQstatus(db->conn) != CONNECTION_OK) {
		fail(db, DB_IOERR, db->conn ? PQerrorMessage(db->conn) : strerror(ENOMEM));
		snprintf(why, whysz, "%s", db->errmsg);
		db_pg_close(db);
		return NULL;
	}
	PQsetNoticeProcessor(db->conn, no_notice, NULL);
	/* the store's texts are UTF-8 whatever the server's locale; and
	 * every statement is planned for the values bound, never the
	 * generic plan the server otherwise settles on after five runs: the
	 * store's searches are LIKE patterns and name prefixes, whose best
	 * plan depends on the value (a catalogue search's generic plan read
	 * every item, 60-100 ms at 10,000: bench/README), and planning a
	 * store statement again costs a fraction of a millisecond (the
	 * setting is PostgreSQL 12's: an 11 plans as it always did) */
	res = PQexec(db->conn, PQserverVersion(db->conn) >= 120000
				       ? "SET client_encoding = 'UTF8'; SET plan_cache_mode = force_custom_plan"
				       : "SET client_encoding = 'UTF8'");
	if (!result_ok(res)) {
		result_error(db, res);
		snprintf(why, whysz, "%s", db->errmsg);
		PQclear(res);
		db_pg_close(db);
		return NULL;
	}
	PQclear(res);
	return db;
}

void db_pg_close(struct db_pg *db)
{
	if (!db)
		return;
	PQfinish(db->conn);
	free(db);
}

PGconn *db_pg_conn(struct db_pg *db)
{
	return db->conn;
}

int db_pg_lost(struct db_pg *db)
{
	return PQstatus(db->conn) == CONNECTION_BAD;
}

const char *db_pg_errmsg(struct db_pg *db)
{
	return db->errmsg;
}

int db_pg_changes(struct db_pg *db)
{
	return db->changes;
}

int db_pg_exec(struct db_pg *db, const char *sql)
{
	PGresult *res = PQexec(db->conn, sql);
	int rc = DB_OK;

	if (!result_ok(res))
		rc = result_error(db, res);
	else
		note_changes(db, res);
	PQclear(res);
	return rc;
}

int db_pg_exec_int(struct db_pg *db, const char *sql, int64_t *v)
{
	PGresult *res = PQexec(db->conn, sql);
	int rc = DB_OK;

	*v = 0;
	if (!result_ok(res))
		rc = result_error(db, res);
	else if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) > 0 && !PQgetisnull(res, 0, 0))
		*v = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return rc;
}

/* Until the next result has come (or the connection is lost): tick after
 * every tick_ms without one, with the time waited so far in *waited. */
static void await_result(struct db_pg *db, int tick_ms, db_pg_tick tick, void *ctx, int *waited)
{
	struct pollfd p = { .fd = PQsocket(db->conn), .events = POLLIN };

	while (PQisBusy(db->conn)) {
		int n = poll(&p, 1, tick_ms);

		if (n < 0 && errno != EINTR)
			return;
		if (n == 0) {
			*waited += tick_ms;
			tick(ctx, *waited);
		} else if (n > 0 && !PQconsumeInput(db->conn)) {
			return;   /* lost: PQgetResult says so without waiting */
		}
	}
}

int db_pg_exec_int_ticking(struct db_pg *db, const char *sql, int64_t *v, int tick_ms, db_pg_tick tick,
			   void *ctx)
{
	PGresult *res;
	int rc = DB_OK, waited = 0;

	*v = 0;
	if (!PQsendQuery(db->conn, sql))
		return fail(db, DB_IOERR, PQerrorMessage(db->conn));
	/* one result per statement: the first error is the answer, as PQexec's */
	for (;;) {
		await_result(db, tick_ms, tick, ctx, &waited);
		res = PQgetResult(db->conn);
		if (!res)
			break;
		if (rc == DB_OK && !result_ok(res))
			rc = result_error(db, res);
		else if (rc == DB_OK && PQresultStatus(res) == PGRES_TUPLES_OK)
			*v = PQntuples(res) > 0 && !PQgetisnull(res, 0, 0) ? strtoll(PQgetvalue(res, 0, 0), NULL, 10) : 0;
		PQclear(res);
	}
	if (rc == DB_OK && PQstatus(db->conn) == CONNECTION_BAD)
		rc = fail(db, DB_IOERR, PQerrorMessage(db->conn));
	return rc;
}

int64_t db_pg_last_id(struct db_pg *db)
{
	PGresult *res = PQexec(db->conn, "SELECT lastval()");
	int64_t id = 0;

	/* no sequence taken yet in this session: an error, and 0 as SQLite */
	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
		id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return id;
}

/* Placeholders --------------------------------------------------------------- */

static int ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
	       (unsigned char)c >= 0x80;
}

/* The length of the dollar quote's tag at p ("$$", "$body$"), or 0 when
 * p is no dollar quote ($1 is a parameter). */
static size_t dollar_tag(const char *sql, const char *p)
{
	const char *t = p + 1;

	if (*p != '$' || (p > sql && ident_char(p[-1])) || (*t >= '0' && *t <= '9'))
		return 0;
	while (ident_char(*t) && *t != '$')
		t++;
	return *t == '$' ? (size_t)(t - p + 1) : 0;
}

/* Copy the quoted text at p (its opening quote q at p) to o: to its
 * closing quote, a doubled quote being one inside; backslash escapes
 * when escapes (PostgreSQL's E'...'). */
static void copy_quoted(const char **pp, char **oo, char q, int escapes)
{
	const char *p = *pp;
	char *o = *oo;

	*o++ = *p++;
	while (*p) {
		if (escapes && *p == '\\' && p[1]) {
			*o++ = *p++;
			*o++ = *p++;
		} else if (*p == q && p[1] == q) {
			*o++ = *p++;
			*o++ = *p++;
		} else if (*p == q) {
			*o++ = *p++;
			break;
		} else {
			*o++ = *p++;
		}
	}
	*pp = p;
	*oo = o;
}

char *db_pg_placeholders(const char *sql, int *nparams)
{
	/* each ? grows to at most $NNNNN: room for 6 bytes a character */
	size_t len = strlen(sql), tag;
	char *out = malloc(len * 6 + 1), *o = out;
	const char *p = sql;
	int max = 0;

	if (!out)
		return NULL;
	while (*p) {
		if ((*p == 'E' || *p == 'e') && p[1] == '\'' && (p == sql || !ident_char(p[-1]))) {
			*o++ = *p++;
			copy_quoted(&p, &o, '\'', 1);
		} else if (*p == '\'' || *p == '"') {
			copy_quoted(&p, &o, *p, 0);
		} else if ((tag = dollar_tag(sql, p)) > 0) {
			/* a function's body: to the same tag again */
			const char *close;
			char t[64];

			snprintf(t, sizeof t, "%.*s", (int)(tag < sizeof t ? tag : sizeof t - 1), p);
			close = strstr(p + tag, t);
			len = close ? (size_t)(close - p) + tag : strlen(p);
			memcpy(o, p, len);
			o += len;
			p += len;
		} else if (p[0] == '-' && p[1] == '-') {
			while (*p && *p != '\n')
				*o++ = *p++;
		} else if (p[0] == '/' && p[1] == '*') {
			const char *close = strstr(p + 2, "*/");

			len = close ? (size_t)(close - p) + 2 : strlen(p);
			memcpy(o, p, len);
			o += len;
			p += len;
		} else if (*p == '?') {
			int n;

			p++;
			if (*p >= '0' && *p <= '9') {
				n = (int)strtol(p, (char **)&p, 10);
			} else {
				n = max + 1;
			}
			if (n > max)
				max = n;
			o += sprintf(o, "$%d", n);
		} else {
			*o++ = *p++;
		}
	}
	*o = '\0';
	*nparams = max;
	return out;
}

/* Statements ----------------------------------------------------------------- */

static db_stmt *tagged(struct db_pg_stmt *p)
{
	return (db_stmt *)((uintptr_t)p | 1u);
}

int db_pg_prepare(struct db_pg *db, const char *sql, db_stmt **s)
{
	struct db_pg_stmt *p;
	char *words = dialect_sql(&dialect_postgresql, sql), *text = NULL;
	int n = 0;

	*s = NULL;
	if (words)
		text = db_pg_placeholders(words, &n);
	free(words);
	p = calloc(1, sizeof *p);
	if (!text || !p) {
		free(text);
		free(p);
		return fail(db, DB_NOMEM, "out of memory");
	}
	p->db = db;
	p->text = text;
	p->nparams = n;
	p->row = -1;
	if (n > 0) {
		p->values = calloc((size_t)n, sizeof *p->values);
		p->owned = calloc((size_t)n, sizeof *p->owned);
		p->lengths = calloc((size_t)n, sizeof *p->lengths);
		p->formats = calloc((size_t)n, sizeof *p->formats);
		p->kinds = calloc((size_t)n + 1, 1);
		if (!p->values || !p->owned || !p->lengths || !p->formats || !p->kinds) {
			db_pg_finalize(p);
			return fail(db, DB_NOMEM, "out of memory");
		}
		memset(p->kinds, KIND_NULL, (size_t)n);
	}
	*s = tagged(p);
	return DB_OK;
}

/* The type each parameter is prepared with, for one of the tries below. */
enum typing { AS_BOUND, NULL_AS_TEXT, ALL_UNKNOWN, ALL_TEXT };

static Oid oid_of(char kind, enum typing how)
{
	if (how == ALL_UNKNOWN)
		return 0;
	if (how == ALL_TEXT)
		return kind == KIND_BLOB ? OID_BYTEA : OID_TEXT;
	switch (kind) {
	case KIND_INT:
		return OID_INT8;
	case KIND_FLOAT:
		return OID_FLOAT8;
	case KIND_TEXT:
		return OID_TEXT;
	case KIND_BLOB:
		return OID_BYTEA;
	default:
		return how == NULL_AS_TEXT ? OID_TEXT : 0;
	}
}

/* Whether a prepare's failure is the parameters' types, which another
 * try may answer: indeterminate (SELECT ?1), mismatched (CASE WHEN ?2
 * with an integer bound), no such operator or an ambiguous one. */
static int typing_failed(const char *state)
{
	return state && (!strcmp(state, "42P18") || !strcmp(state, "42804") || !strcmp(state, "42883") ||
			 !strcmp(state, "42725") || !strcmp(state, "42P08"));
}

/* One PQprepare of the statement as name with the types of how; inside a
 * transaction under a savepoint, so that a failed try leaves the
 * transaction usable. The failed result in *failed (to PQclear). */
static int try_prepare(struct db_pg_stmt *p, const char *name, enum typing how, PGresult **failed)
{
	PGconn *c = p->db->conn;
	int in_tx = PQtransactionStatus(c) == PQTRANS_INTRANS;
	Oid *types = NULL;
	PGresult *res;
	int i, ok;

	*failed = NULL;
	if (p->nparams > 0 && !(types = calloc((size_t)p->nparams, sizeof *types)))
		return 0;
	for (i = 0; i < p->nparams; i++)
		types[i] = oid_of(p->kinds[i], how);
	if (in_tx)
		PQclear(PQexec(c, "SAVEPOINT yc_prepare"));
	res = PQprepare(c, name, p->text, p->nparams, types);
	free(types);
	ok = result_ok(res);
	if (in_tx)
		PQclear(PQexec(c, ok ? "RELEASE SAVEPOINT yc_prepare" : "ROLLBACK TO SAVEPOINT yc_prepare"));
	if (ok)
		PQclear(res);
	else
		*failed = res;
	return ok;
}

/* The server-side statement for the types bound now: prepared once per
 * list of types (a statement bound with a NULL and later a text is two
 * on the server), tried with the bound types first, then as the server
 * infers them. */
static struct pg_plan *plan_for_binds(struct db_pg_stmt *p)
{
	static const enum typing tries[] = { AS_BOUND, NULL_AS_TEXT, ALL_UNKNOWN, ALL_TEXT };
	const char *kinds = p->kinds ? p->kinds : "";
	struct pg_plan *pl;
	PGresult *first = NULL, *res;
	size_t t;

	for (pl = p->plans; pl; pl = pl->next)
		if (!strcmp(pl->kinds, kinds))
			return pl;
	pl = calloc(1, sizeof *pl);
	if (!pl || !(pl->kinds = strdup(kinds))) {
		free(pl);
		fail(p->db, DB_NOMEM, "out of memory");
		return NULL;
	}
	snprintf(pl->name, sizeof pl->name, "yc%u", ++p->db->next_name);
	for (t = 0; t < sizeof tries / sizeof tries[0]; t++) {
		if (try_prepare(p, pl->name, tries[t], &res)) {
			PQclear(first);
			pl->next = p->plans;
			p->plans = pl;
			return pl;
		}
		if (!first)
			first = res;
		else
			PQclear(res);
		if (!first || !typing_failed(PQresultErrorField(first, PG_DIAG_SQLSTATE)))
			break;
	}
	/* the first try's words: the types the program meant */
	p->prep_rc = result_error(p->db, first);
	PQclear(first);
	free(pl->kinds);
	free(pl);
	return NULL;
}

static void drop_blobs(struct db_pg_stmt *p)
{
	int i, n = p->res ? PQnfields(p->res) : 0;

	if (!p->blob)
		return;
	for (i = 0; i < n; i++)
		PQfreemem(p->blob[i]);
	free(p->blob);
	free(p->blob_len);
	p->blob = NULL;
	p->blob_len = NULL;
}

static void drop_result(struct db_pg_stmt *p)
{
	drop_blobs(p);
	PQclear(p->res);
	p->res = NULL;
	p->row = -1;
	p->done = 0;
}

int db_pg_finalize(struct db_pg_stmt *p)
{
	int i;

	if (!p)
		return DB_OK;
	drop_result(p);
	PQclear(p->desc);
	while (p->plans) {
		struct pg_plan *pl = p->plans;

		if (!db_pg_lost(p->db)) {
			char sql[40];

			snprintf(sql, sizeof sql, "DEALLOCATE %s", pl->name);
			PQclear(PQexec(p->db->conn, sql));
		}
		p->plans = pl->next;
		free(pl->kinds);
		free(pl);
	}
	for (i = 0; i < p->nparams && p->owned; i++)
		free(p->owned[i]);
	free(p->kinds);
	free(p->text);
	free(p->owned);
	free(p->values);
	free(p->lengths);
	free(p->formats);
	free(p);
	return DB_OK;
}

int db_pg_busy(struct db_pg_stmt *p)
{
	return p->res && !p->done;
}

/* Parameter i (from 1) set to v, n bytes; copied when copy. */
static int set_param(struct db_pg_stmt *p, int i, const char *v, int n, int copy, int binary, char kind)
{
	char *mine = NULL;

	if (i < 1 || i > p->nparams)
		return fail(p->db, DB_RANGE, "parameter number out of range");
	if (p->res)
		return fail(p->db, DB_MISUSE, "binding a statement that has been stepped and not reset");
	if (v && copy) {
		mine = malloc((size_t)n + 1);
		if (!mine)
			return fail(p->db, DB_NOMEM, "out of memory");
		memcpy(mine, v, (size_t)n);
		mine[n] = '\0';
		v = mine;
	}
	free(p->owned[i - 1]);
	p->owned[i - 1] = mine;
	p->values[i - 1] = v;
	p->lengths[i - 1] = v ? n : 0;
	p->formats[i - 1] = binary;
	p->kinds[i - 1] = v ? kind : KIND_NULL;
	return DB_OK;
}

int db_pg_bind_text(struct db_pg_stmt *p, int i, const char *v, int n, int copy)
{
	/* text goes NUL-terminated: a part of one (n >= 0) is always copied */
	if (v && n < 0)
		n = (int)strlen(v);
	return set_param(p, i, v, v ? n : 0, copy, 0, KIND_TEXT);
}

int db_pg_bind_int64(struct db_pg_stmt *p, int i, int64_t v)
{
	char buf[24];

	return set_param(p, i, buf, snprintf(buf, sizeof buf, "%" PRId64, v), 1, 0, KIND_INT);
}

int db_pg_bind_double(struct db_pg_stmt *p, int i, double v)
{
	char buf[32];

	return set_param(p, i, buf, snprintf(buf, sizeof buf, "%.17g", v), 1, 0, KIND_FLOAT);
}

int db_pg_bind_null(struct db_pg_stmt *p, int i)
{
	return set_param(p, i, NULL, 0, 0, 0, KIND_NULL);
}

int db_pg_bind_blob(struct db_pg_stmt *p, int i, const void *v, int n)
{
	/* a NULL pointer is an empty blob, as SQLite's with n = 0 */
	return set_param(p, i, v ? v : "", n, 1, 1, KIND_BLOB);
}

int db_pg_bind_count(struct db_pg_stmt *p)
{
	return p->nparams;
}

int db_pg_clear_bindings(struct db_pg_stmt *p)
{
	int i;

	for (i = 0; i < p->nparams; i++) {
		free(p->owned[i]);
		p->owned[i] = NULL;
		p->values[i] = NULL;
		p->lengths[i] = 0;
		p->formats[i] = 0;
		p->kinds[i] = KIND_NULL;
	}
	return DB_OK;
}

static int run(struct db_pg_stmt *p)
{
	struct pg_plan *pl = plan_for_binds(p);
	PGresult *res;
	int rc;

	if (!pl)
		return p->prep_rc;
	p->plan = pl;
	res = PQexecPrepared(p->db->conn, pl->name, p->nparams, p->values, p->lengths, p->formats, 0);

	if (!result_ok(res)) {
		rc = result_error(p->db, res);
		PQclear(res);
		return rc;
	}
	note_changes(p->db, res);
	p->res = res;
	p->row = -1;
	p->blob_row = -1;
	return DB_OK;
}

int db_pg_step(struct db_pg_stmt *p)
{
	int rc;

	/* a step after the end starts again, as SQLite's does */
	if (p->done)
		drop_result(p);
	if (!p->res && (rc = run(p)) != DB_OK)
		return rc;
	if (p->row + 1 < PQntuples(p->res)) {
		p->row++;
		return DB_ROW;
	}
	p->done = 1;
	return DB_DONE;
}

int db_pg_reset(struct db_pg_stmt *p)
{
	drop_result(p);
	return DB_OK;
}

/* Columns -------------------------------------------------------------------- */

/* the current row's column col, or NULL when there is none or it is NULL */
static const char *value(struct db_pg_stmt *p, int col)
{
	const char *v;

	if (!p->res || p->row < 0 || p->done || col < 0 || col >= PQnfields(p->res) ||
	    PQgetisnull(p->res, p->row, col))
		return NULL;
	v = PQgetvalue(p->res, p->row, col);
	/* a truth reads as SQLite's, the number 1 or 0 */
	if (PQftype(p->res, col) == OID_BOOL)
		return *v == 't' ? "1" : "0";
	return v;
}

static int is_bytea(struct db_pg_stmt *p, int col)
{
	return PQftype(p->res, col) == OID_BYTEA;
}

int64_t db_pg_col_int64(struct db_pg_stmt *p, int col)
{
	const char *v = value(p, col);

	if (!v)
		return 0;
	/* a float or numeric column read as an integer, as SQLite's cast */
	if (strpbrk(v, ".eE"))
		return (int64_t)strtod(v, NULL);
	return strtoll(v, NULL, 10);
}

double db_pg_col_double(struct db_pg_stmt *p, int col)
{
	const char *v = value(p, col);

	return v ? strtod(v, NULL) : 0.0;
}

/* A bytea column of the current row as its bytes (decoded once a row). */
static const unsigned char *bytes_of(struct db_pg_stmt *p, int col, size_t *len)
{
	const char *v = value(p, col);
	int i, n;

	*len = 0;
	if (!v)
		return NULL;
	n = PQnfields(p->res);
	if (p->blob && p->blob_row != p->row)
		drop_blobs(p);
	if (!p->blob) {
		p->blob = calloc((size_t)n, sizeof *p->blob);
		p->blob_len = calloc((size_t)n, sizeof *p->blob_len);
		if (!p->blob || !p->blob_len) {
			free(p->blob);
			free(p->blob_len);
			p->blob = NULL;
			p->blob_len = NULL;
			return NULL;
		}
		p->blob_row = p->row;
		for (i = 0; i < n; i++)
			p->blob[i] = NULL;
	}
	if (!p->blob[col])
		p->blob[col] = PQunescapeBytea((const unsigned char *)v, &p->blob_len[col]);
	*len = p->blob_len[col];
	return p->blob[col];
}

const char *db_pg_col_text(struct db_pg_stmt *p, int col)
{
	return value(p, col);
}

const void *db_pg_col_blob(struct db_pg_stmt *p, int col)
{
	size_t len;

	if (!value(p, col))
		return NULL;
	if (!is_bytea(p, col))
		return value(p, col);
	return bytes_of(p, col, &len);
}

int db_pg_col_bytes(struct db_pg_stmt *p, int col)
{
	size_t len;

	if (!value(p, col))
		return 0;
	if (!is_bytea(p, col))
		return PQgetlength(p->res, p->row, col);
	bytes_of(p, col, &len);
	return (int)len;
}

int db_pg_col_type(struct db_pg_stmt *p, int col)
{
	if (!value(p, col))
		return DB_NULL;
	switch (PQftype(p->res, col)) {
	case OID_BOOL:
	case OID_INT2:
	case OID_INT4:
	case OID_INT8:
	case OID_OID:
		return DB_INTEGER;
	case OID_FLOAT4:
	case OID_FLOAT8:
	case OID_NUMERIC:
		return DB_FLOAT;
	case OID_BYTEA:
		return DB_BLOB;
	default:
		return DB_TEXT;
	}
}

/* The result's description: the step's, else the prepared statement's. */
static const PGresult *described(struct db_pg_stmt *p)
{
	if (p->res)
		return p->res;
	if (!p->desc) {
		struct pg_plan *pl = p->plan ? p->plan : plan_for_binds(p);
		PGresult *d;

		if (!pl)
			return NULL;
		d = PQdescribePrepared(p->db->conn, pl->name);

		if (!result_ok(d)) {
			result_error(p->db, d);
			PQclear(d);
			return NULL;
		}
		p->desc = d;
	}
	return p->desc;
}

int db_pg_col_count(struct db_pg_stmt *p)
{
	const PGresult *r = described(p);

	return r ? PQnfields(r) : 0;
}

const char *db_pg_col_name(struct db_pg_stmt *p, int col)
{
	const PGresult *r = described(p);

	return r && col >= 0 && col < PQnfields(r) ? PQfname(r, col) : NULL;
}
